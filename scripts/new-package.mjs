#!/usr/bin/env node
// Scaffolds packages/<name> with the project's package layout (see DEVELOPERS.md).
// Usage: node scripts/new-package.mjs <name> "<description>"
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const [name, description] = process.argv.slice(2);
if (!name || !description) {
  console.error('usage: node scripts/new-package.mjs <name> "<description>"');
  process.exit(2);
}
const root = new URL('../', import.meta.url);
const dir = new URL(`packages/${name}/`, root);
const template = new URL('packages/schedule/', root);
mkdirSync(new URL('src/', dir), { recursive: true });
for (const f of ['tsconfig.json', 'tsup.config.ts', 'vitest.config.ts', 'typedoc.json', 'LICENSE']) {
  cpSync(new URL(f, template), new URL(f, dir));
}
const pkg = JSON.parse(readFileSync(new URL('package.json', template), 'utf8'));
pkg.name = `@dl/${name}`;
pkg.description = description;
pkg.keywords = ['deep-learning'];
writeFileSync(new URL('package.json', dir), `${JSON.stringify(pkg, null, 2)}\n`);
console.log(`created packages/${name}`);
