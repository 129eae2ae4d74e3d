// A plain npm project, outside the workspace, holding the packed @dl packages and TensorFlow.js 4.22 (tfjs-core,
// tfjs-layers and tfjs-backend-cpu: what `@tensorflow/tfjs` re-exports for Node, without the converter, data and
// WebGL packages; and tfjs-backend-wasm). The @dl tarballs come from tests/packages' packAll; the TensorFlow.js packages, and everything
// they depend on, are packed from the copies the workspace's lockfile pinned (the pnpm store), so the install
// needs no registry for them (npm runs with --prefer-offline for the rest, e.g. @dl/crossval's tinypool).
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { closure, freshProject, packAll, root, run, workspacePackages } from '../packages/workspace';

/** The TensorFlow.js packages a user installs (`npm i @tensorflow/tfjs-core @tensorflow/tfjs-layers …`). */
export const TFJS = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-layers',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-backend-wasm',
];
/** The workspace package whose devDependencies pin them (4.22.0). */
const PINNED_BY = join(root, 'packages/optim');
/** The user programs (and the data module they share). */
const programs = join(root, 'tests/compose/programs');

/** Where `name` resolves from the folder `from`, by Node's node_modules walk; the real path (pnpm links). */
function locate(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return realpathSync(dirname(candidate));
    if (dirname(dir) === dir)
      throw new Error(
        `cannot find ${name} from ${from}: run node scripts/pnpm.mjs install (packages/optim's devDependencies pin TensorFlow.js)`,
      );
  }
}

/** The store folders of `names` and of everything they depend on (dependencies, not devDependencies). */
export function storeClosure(names: string[], from: string = PINNED_BY): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (name: string, where: string) => {
    if (found.has(name)) return;
    const dir = locate(name, where);
    found.set(name, dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir);
  };
  for (const n of names) visit(n, from);
  return found;
}

/**
 * Tarballs of the store folders, as npm would publish them (a `package/` folder). `tar`, not `npm pack`: npm 11
 * dies on tfjs-core's folder ("Exit handler never called!"), and the store already holds only published files.
 */
function packFolders(folders: Map<string, string>, out: string): string[] {
  return [...folders].map(([name, dir]) => {
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = join(out, `${name.replace('@', '').replace('/', '-')}-${version}.tgz`);
    // --hard-dereference: pnpm hardlinks files of equal content, and npm skips hardlink entries of a tarball
    run('tar', ['-czf', file, '--hard-dereference', '-C', dir, '--transform', 's,^\\.,package,', '.'], root);
    return file;
  });
}

export interface ComposeProject {
  /** The project folder. */
  dir: string;
  /** The versions installed, by package name. */
  versions: Record<string, string>;
  /** The temporary folders made (the project and the tarballs), to remove when done. */
  temporary: string[];
}

/** Packs the @dl packages `dl` need (with their @dl dependencies) and installs them with TensorFlow.js. */
export function composeProject(dl: string[]): ComposeProject {
  const packages = workspacePackages();
  const wanted = [...new Set(dl.flatMap((n) => closure(n, packages)))];
  const tarballs = packAll(wanted);
  const ours = wanted.map((n) => {
    const t = tarballs.get(n);
    if (!t) throw new Error(`no tarball for ${n} (DL_PACKAGES leaves it out?)`);
    return t;
  });
  const tfjsDir = mkdtempSync(join(tmpdir(), 'dl-pack-tfjs-'));
  const tfjs = packFolders(storeClosure(TFJS), tfjsDir);
  const dir = freshProject(ours, [...tfjs, '--prefer-offline']);
  for (const f of readdirSync(programs)) copyFileSync(join(programs, f), join(dir, f));
  const versions: Record<string, string> = {};
  for (const n of [...wanted, ...TFJS]) {
    versions[n] = JSON.parse(readFileSync(join(dir, 'node_modules', n, 'package.json'), 'utf8')).version;
  }
  const temporary = [dir, tfjsDir, ...new Set(ours.map((t) => dirname(t)))];
  return { dir, versions, temporary };
}

/** Runs one of the programs (tests/compose/programs, copied into the project) with node; resolves to its stdout. */
export function runProgram(dir: string, file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'node',
      [file],
      { cwd: dir, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`node ${file} failed in ${dir}:\n${stdout}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}
