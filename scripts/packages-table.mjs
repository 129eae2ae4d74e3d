#!/usr/bin/env node
// Regenerates the package table in README.md: name, description, install line and the min+gzip size of the
// whole package (every export bundled by esbuild from the built dist/). Run after `pnpm build`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url).pathname;
const rows = [];
for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  const result = await build({
    stdin: { contents: `export * from './packages/${dir}/dist/index.js';`, resolveDir: root },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
    external: ['@dl/*'],
  });
  const kb = gzipSync(result.outputFiles[0].contents, { level: 9 }).length / 1024;
  const deps = Object.keys(manifest.dependencies ?? {});
  const depNote =
    deps.length === 0 ? 'no dependencies' : `depends on ${deps.map((d) => `\`${d}\``).join(', ')}`;
  rows.push(
    `| [\`${manifest.name}\`](packages/${dir}) | ${manifest.description} | \`npm i ${manifest.name}\` | ${kb.toFixed(1)} kB (${depNote}) |`,
  );
}
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const start = readme.indexOf('| --- | --- | --- | --- |\n') + '| --- | --- | --- | --- |\n'.length;
const end = readme.indexOf('\n\n', start);
writeFileSync(join(root, 'README.md'), `${readme.slice(0, start)}${rows.join('\n')}${readme.slice(end)}`);
console.log(rows.join('\n'));
