// Packs and installs the project once, in vitest's main process (a globalSetup): a minute of synchronous npm
// would otherwise starve the test worker's RPC ("Timeout calling onTaskUpdate").
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { type ComposeProject, composeProject } from './project';

declare module 'vitest' {
  export interface ProvidedContext {
    compose: ComposeProject;
  }
}

export default function setup(project: TestProject) {
  const compose = composeProject([
    '@dl/schedule',
    '@dl/optim',
    '@dl/crossval',
    '@dl/metrics',
    '@dl/diagnose',
    '@dl/loss',
    '@dl/norm',
  ]);
  project.provide('compose', compose);
  // the project and the tarballs (about 60 MB) go when the run ends
  return () => {
    for (const dir of compose.temporary) rmSync(dir, { recursive: true, force: true });
  };
}
