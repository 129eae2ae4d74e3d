import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface WorkspacePackage {
  /** Folder name under packages/. */
  dir: string;
  /** The npm name, e.g. `@dl/schedule`. */
  name: string;
  /** Absolute path of the package folder. */
  path: string;
  manifest: Record<string, unknown> & {
    name: string;
    version: string;
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    sideEffects?: boolean | string[];
  };
}

/** DL_PACKAGES=schedule,tensor limits the checks to some packages while developing. */
const only = process.env.DL_PACKAGES?.split(',');

/** Every publishable package of the workspace. */
export function workspacePackages(): WorkspacePackage[] {
  const base = join(root, 'packages');
  return readdirSync(base)
    .filter((d) => {
      try {
        readFileSync(join(base, d, 'package.json'));
        return true;
      } catch {
        return false;
      }
    })
    .map((dir) => {
      const path = join(base, dir);
      const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
      return { dir, name: manifest.name, path, manifest };
    })
    .filter((p) => !p.manifest.private)
    .filter((p) => !only || only.includes(p.dir));
}

export function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_update_notifier: 'false', NO_COLOR: '1', FORCE_COLOR: '0' },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${cmd} ${args.join(' ')} failed in ${cwd}:\n${err.stdout ?? ''}\n${err.stderr ?? ''}\n${err.message}`,
    );
  }
}

/**
 * Packs every package with pnpm (which applies publishConfig and rewrites workspace: ranges), or only the
 * packages named in `names`.
 */
export function packAll(names?: readonly string[]): Map<string, string> {
  const out = mkdtempSync(join(tmpdir(), 'dl-pack-'));
  const tarballs = new Map<string, string>();
  for (const p of workspacePackages().filter((w) => !names || names.includes(w.name))) {
    run('node', [join(root, 'scripts/pnpm.mjs'), 'pack', '--pack-destination', out], p.path);
    const file = readdirSync(out).find(
      (f) => f.startsWith(`${p.name.replace('@', '').replace('/', '-')}-`) && f.endsWith('.tgz'),
    );
    if (!file) throw new Error(`pnpm pack produced no tarball for ${p.name} in ${out}`);
    tarballs.set(p.name, join(out, file));
  }
  return tarballs;
}

/** The @dl packages `name` depends on, transitively (including itself). */
export function closure(name: string, packages: WorkspacePackage[]): string[] {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const seen = new Set<string>();
  const visit = (n: string) => {
    if (seen.has(n)) return;
    seen.add(n);
    const deps = { ...byName.get(n)?.manifest.dependencies, ...byName.get(n)?.manifest.peerDependencies };
    for (const d of Object.keys(deps)) if (byName.has(d)) visit(d);
  };
  visit(name);
  return [...seen];
}

/** A fresh npm project outside the workspace with the given tarballs installed by plain npm. */
export function freshProject(tarballs: string[], extra: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'dl-consumer-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', ...tarballs, ...extra], dir);
  return dir;
}
