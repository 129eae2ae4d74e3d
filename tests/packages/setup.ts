// Packs every package once, in vitest's main process (a globalSetup), as tests/compose/setup.ts does: packing the 14
// packages is a minute or more of synchronous pnpm on a loaded machine, which in the test worker starved its RPC
// ("Timeout calling onTaskUpdate" failed session 6's first CI run after every test had passed).
import type { TestProject } from 'vitest/node';
import { packAll } from './workspace';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The tarball of each package, by npm name. */
    tarballs: Record<string, string>;
  }
}

export default function setup(project: TestProject) {
  project.provide('tarballs', Object.fromEntries(packAll()));
}
