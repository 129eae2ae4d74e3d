import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { closure, freshProject, root, run, workspacePackages } from './workspace';

const packages = workspacePackages();
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const smoke = join(root, 'tests/packages/smoke');
/** Packages a light package must never pull in (native, GPU or framework runtimes). */
const heavy = [
  'gpu.js',
  'gl',
  'webgpu',
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-node',
];

interface Budget {
  name: string;
  package: string;
  code: string;
  /** Bytes, minified then gzipped. */
  limit: number;
}
/** The shared list, plus `packages/<dir>/size-budgets.json` where a package keeps its own (no merge conflicts). */
const budgets: Budget[] = [
  ...JSON.parse(readFileSync(join(root, 'tests/packages/size-budgets.json'), 'utf8')),
  ...packages.flatMap((p) =>
    existsSync(join(p.path, 'size-budgets.json'))
      ? (JSON.parse(readFileSync(join(p.path, 'size-budgets.json'), 'utf8')) as Budget[])
      : [],
  ),
];

/** Packed once by the globalSetup (tests/packages/setup.ts). */
const tarballs = new Map(Object.entries(inject('tarballs')));

test('every workspace package has smoke tests for ESM, CJS and types', () => {
  expect(packages.length).toBeGreaterThan(0);
  for (const p of packages) {
    for (const ext of ['mjs', 'cjs', 'ts'])
      expect(existsSync(join(smoke, `${p.dir}.${ext}`)), `${p.dir}.${ext}`).toBe(true);
  }
});

describe.each(packages.map((p) => [p.name, p] as const))('%s', (name, pkg) => {
  let project: string;
  beforeAll(() => {
    project = freshProject(closure(name, packages).map((n) => tarballs.get(n)!));
  });

  test('publint --strict reports nothing', () => {
    const out = run(join(root, 'node_modules/.bin/publint'), ['run', tarballs.get(name)!, '--strict'], root);
    expect(out).not.toMatch(/warning|error|suggestion/i);
  });

  test('are-the-types-wrong finds no problem (strict profile)', () => {
    const out = run(
      join(root, 'node_modules/.bin/attw'),
      [tarballs.get(name)!, '--format', 'ascii', '--no-emoji'],
      root,
    );
    expect(out).toMatch(/No problems found/);
  });

  test('the tarball holds only dist/, package.json, README.md and LICENSE', () => {
    const list = run('tar', ['-tzf', tarballs.get(name)!], root)
      .trim()
      .split('\n');
    for (const f of list) expect(f).toMatch(/^package\/(dist\/|package\.json$|README\.md$|LICENSE$)/);
    expect(list).toContain('package/README.md');
  });

  test('the packed manifest has no workspace: ranges and no @dl/source condition', () => {
    const manifest = run('tar', ['-xzOf', tarballs.get(name)!, 'package/package.json'], root);
    expect(manifest).not.toMatch(/workspace:/);
    expect(manifest).not.toMatch(/@dl\/source/);
  });

  test('installing it with npm pulls in no native, GPU or framework runtime', () => {
    const installed = run('npm', ['ls', '--all', '--parseable'], project);
    for (const h of heavy) expect(installed).not.toContain(`/node_modules/${h}\n`);
    const declared = Object.keys(pkg.manifest.dependencies ?? {});
    for (const d of declared) expect(heavy).not.toContain(d);
  });

  test('imports from ESM and calls it', () => {
    copyFileSync(join(smoke, `${pkg.dir}.mjs`), join(project, 'smoke.mjs'));
    const out = run('node', ['smoke.mjs'], project);
    expect(out).toMatch(/^ok/m);
  });

  test.runIf(name === '@dl/tensor')(
    'its ESM and CJS copies loaded in one process share instanceof and the grad mode (noGrad)',
    () => {
      writeFileSync(
        join(project, 'dual.mjs'),
        [
          "import assert from 'node:assert/strict';",
          "import { createRequire } from 'node:module';",
          "import * as esm from '@dl/tensor';",
          "const cjs = createRequire(import.meta.url)('@dl/tensor');",
          "assert.notEqual(esm.noGrad, cjs.noGrad, 'two copies are loaded');",
          'const w = esm.tensor([1, 2], { requiresGrad: true });',
          'assert.ok(w instanceof cjs.Tensor);',
          'assert.equal(esm.noGrad(() => cjs.mul(w, 2)).requiresGrad, false);',
          'assert.equal(cjs.noGrad(() => esm.mul(w, 2)).requiresGrad, false);',
          'assert.equal(cjs.noGrad(() => esm.isGradEnabled()), false);',
          'assert.equal(esm.isGradEnabled() && cjs.isGradEnabled(), true);',
          'assert.equal(cjs.mul(w, 2).requiresGrad, true);',
          "console.log('ok');",
        ].join('\n'),
      );
      expect(run('node', ['dual.mjs'], project)).toMatch(/^ok/m);
    },
  );

  test.runIf(name === '@dl/tensor')(
    'its core bundles and runs without gpu.js, gl or webgpu, and declares no side effects',
    async () => {
      expect(pkg.manifest.sideEffects).toBe(false);
      const peers = Object.keys(pkg.manifest.peerDependencies ?? {});
      for (const p of peers) {
        expect(pkg.manifest.peerDependenciesMeta?.[p]?.optional, `peer ${p} must be optional`).toBe(true);
      }
      const entry = join(project, 'core-only.mjs');
      writeFileSync(entry, "import * as m from '@dl/tensor';\nconsole.log(Object.keys(m).length);\n");
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        format: 'esm',
        platform: 'neutral',
        write: false,
        metafile: true,
        absWorkingDir: project,
        logLevel: 'silent',
      });
      const inputs = Object.keys(result.metafile.inputs);
      for (const h of heavy) expect(inputs.filter((i) => i.includes(`node_modules/${h}/`))).toEqual([]);
      const text = new TextDecoder().decode(result.outputFiles[0]!.contents);
      expect(text).not.toMatch(/(from|import\(|require\()\s*["'](gpu\.js|gl|webgpu)["']/);
      expect(run('node', ['core-only.mjs'], project)).toMatch(/^\d+/m);
    },
  );

  test.runIf(name === '@dl/tensor')(
    '@dl/tensor/gpu imports without gpu.js installed, and createDevice names the install command',
    () => {
      writeFileSync(
        join(project, 'gpu-entry.mjs'),
        [
          "import { createDevice } from '@dl/tensor/gpu';",
          "import { createRequire } from 'node:module';",
          'const req = createRequire(import.meta.url);',
          "const cjs = req('@dl/tensor/gpu');",
          "if (typeof cjs.createDevice !== 'function') throw new Error('no CJS createDevice');",
          'try {',
          '  await createDevice();',
          "  console.log('created');",
          '} catch (e) {',
          '  console.log(e.message);',
          '}',
        ].join('\n'),
      );
      expect(run('node', ['gpu-entry.mjs'], project)).toMatch(
        /^createDevice: no GPU backend is available; available: none; webgpu: no navigator\.gpu .*; webgl2: gpu\.js is not installed .*: npm install gpu\.js/m,
      );
    },
  );

  test('requires from CJS and calls it', () => {
    copyFileSync(join(smoke, `${pkg.dir}.cjs`), join(project, 'smoke.cjs'));
    const out = run('node', ['smoke.cjs'], project);
    expect(out).toMatch(/^ok/m);
  });

  // The strictest consumer settings in common use: strict, exactOptionalPropertyTypes (optional properties may not
  // be assigned `undefined` unless declared so) and skipLibCheck false, so the shipped .d.ts are checked too.
  test.each([
    ['node16 (ESM)', 'node16', 'node16', 'consumer.ts', false],
    ['node16 (CJS)', 'node16', 'node16', 'consumer.cts', false],
    ['bundler', 'esnext', 'bundler', 'consumer.ts', false],
    ['node16 (ESM) with exactOptionalPropertyTypes', 'node16', 'node16', 'consumer.ts', true],
    ['node16 (CJS) with exactOptionalPropertyTypes', 'node16', 'node16', 'consumer.cts', true],
  ])('a consumer type-checks with moduleResolution %s', (_label, module, resolution, file, exact) => {
    copyFileSync(join(smoke, `${pkg.dir}.ts`), join(project, file));
    const config = `tsconfig.${resolution}.${file}${exact ? '.exact' : ''}.json`;
    writeFileSync(
      join(project, config),
      JSON.stringify({
        compilerOptions: {
          module,
          moduleResolution: resolution,
          target: 'es2022',
          lib: ['es2022', 'dom'],
          strict: true,
          exactOptionalPropertyTypes: exact,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: [file],
      }),
    );
    run('node', [tsc, '-p', config], project);
  });

  test.each(budgets.filter((b) => b.package === name).map((b) => [b.name, b] as const))(
    'size budget: %s',
    async (_n, budget) => {
      const entry = join(project, `budget-${budgets.indexOf(budget)}.mjs`);
      writeFileSync(entry, budget.code);
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'neutral',
        write: false,
        absWorkingDir: project,
        logLevel: 'silent',
      });
      const bytes = gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
      console.log(`${budget.name}: ${bytes} B min+gzip (budget ${budget.limit} B)`);
      expect(bytes).toBeLessThanOrEqual(budget.limit);
    },
  );
});

test.runIf(packages.some((p) => p.name === '@dl/schedule'))(
  '@dl/schedule installs with zero dependencies',
  () => {
    const schedule = packages.find((p) => p.name === '@dl/schedule');
    expect(schedule).toBeDefined();
    const manifest = JSON.parse(
      run('tar', ['-xzOf', tarballs.get('@dl/schedule')!, 'package/package.json'], root),
    );
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
    const project = freshProject([tarballs.get('@dl/schedule')!]);
    const entries = readdirSync(join(project, 'node_modules')).filter((d) => !d.startsWith('.'));
    expect(entries).toEqual(['@dl']);
    expect(readdirSync(join(project, 'node_modules/@dl'))).toEqual(['schedule']);
  },
);

test("the root README's package table lists every package with its install line", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  for (const p of packages) expect(readme).toContain(`| \`npm i ${p.name}\` |`);
});
