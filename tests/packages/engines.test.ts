// Each package's `engines.node` must promise no more than its dependencies support: a range that is a subset of
// every runtime dependency's own `engines.node` (read from the installed manifest; workspace packages from theirs).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { workspacePackages } from './workspace';

const semver = createRequire(import.meta.url)('semver') as {
  subset(sub: string, sup: string): boolean;
  validRange(range: string): string | null;
};

interface Manifest {
  name: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
}

describe.each(workspacePackages().map((p) => [p.name, p] as const))('%s engines', (_name, pkg) => {
  const manifest = pkg.manifest as unknown as Manifest;
  const own = manifest.engines?.node;

  test('declares a valid engines.node range', () => {
    expect(own, 'engines.node').toBeDefined();
    expect(semver.validRange(own!)).not.toBeNull();
  });

  const deps = Object.keys(manifest.dependencies ?? {});
  test.skipIf(deps.length > 0)('has no runtime dependency to agree with', () => {
    expect(deps).toEqual([]);
  });
  test.each(deps)('is within what %s supports', (dep) => {
    const req = createRequire(join(pkg.path, 'package.json'));
    const depManifest = JSON.parse(readFileSync(req.resolve(`${dep}/package.json`), 'utf8')) as Manifest;
    const theirs = depManifest.engines?.node;
    if (theirs === undefined) return; // no constraint
    expect(
      semver.subset(own!, theirs),
      `${pkg.name} says node ${own}, but ${dep} needs ${theirs}: narrow engines.node`,
    ).toBe(true);
  });
});
