// Packs and installs the project once, in vitest's main process (a globalSetup): a minute of synchronous npm
// would otherwise starve the test worker's RPC ("Timeout calling onTaskUpdate").
import type { TestProject } from 'vitest/node';
import { type ComposeProject, composeProject } from './project';

declare module 'vitest' {
  export interface ProvidedContext {
    compose: ComposeProject;
  }
}

export default function setup(project: TestProject) {
  project.provide(
    'compose',
    composeProject(['@dl/schedule', '@dl/optim', '@dl/crossval', '@dl/metrics', '@dl/diagnose', '@dl/loss']),
  );
}
