#!/usr/bin/env node
// Where the job's time goes: runs it under `node --cpu-prof` and prints the functions with the most self time.
//   node examples/digits/bench/profile.mjs [job options, e.g. --folds 2]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'digits-prof-'));
const main = fileURLToPath(new URL('../main.mjs', import.meta.url));
execFileSync(
  process.execPath,
  ['--cpu-prof', '--cpu-prof-dir', dir, main, '--json', '--out', dir, ...process.argv.slice(2)],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
const profile = JSON.parse(
  readFileSync(
    join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.cpuprofile')),
    ),
    'utf8',
  ),
);
// self time per node: its samples times the sampling interval
const dt = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
}
const self = new Map();
let total = 0;
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const pkg = /packages\/(\w+)\/dist\/(.+)$/.exec(url);
  const file = pkg ? `@dl/${pkg[1]} ${pkg[2]}` : basename(url);
  const key = `${functionName || '(anonymous)'} ${url ? `${file}:${lineNumber + 1}` : ''}`.trim();
  const us = dt.get(node.id) ?? 0;
  self.set(key, (self.get(key) ?? 0) + us);
  total += us;
}
console.log(`| self ms | share | function |\n| ---: | ---: | --- |`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`| ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)} % | \`${key}\` |`);
}
console.log(`\ntotal sampled: ${(total / 1000).toFixed(0)} ms; profile in ${dir}`);
