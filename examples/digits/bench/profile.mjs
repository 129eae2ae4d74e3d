#!/usr/bin/env node
// Where the job's time goes: runs it under `node --cpu-prof` (or reads a saved profile) and prints, by self time,
// the functions, the source files of the @dl packages (the `// src/…` sections of each bundled dist file) and the
// WebAssembly kernels by name; then, by inclusive time, the job's phases (the line of runDigits.mjs running).
//   node examples/digits/bench/profile.mjs [--profile file.cpuprofile] [--top 25] [job options, e.g. --folds 2]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const take = (flag) => {
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const saved = take('--profile');
const top = Number(take('--top') ?? 25);
const root = fileURLToPath(new URL('../../../', import.meta.url));
let file = saved;
if (!file) {
  const dir = mkdtempSync(join(tmpdir(), 'digits-prof-'));
  const main = fileURLToPath(new URL('../main.mjs', import.meta.url));
  execFileSync(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', dir, main, '--json', '--out', dir, ...args],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  file = join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.cpuprofile')),
  );
}
const profile = JSON.parse(readFileSync(file, 'utf8'));

// `// src/x.ts` section starts of each bundled dist file, to name the source file of a line
const sections = new Map();
function sourceOf(url, line) {
  const m = /packages\/(\w+)\/dist\/(.+)$/.exec(url);
  if (!m) return null;
  if (!sections.has(url)) {
    const path = join(root, 'packages', m[1], 'dist', m[2]);
    const starts = [];
    if (existsSync(path))
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((text, i) => {
          const s = /^\/\/ (src\/\S+)$/.exec(text);
          if (s) starts.push([i, s[1]]);
        });
    sections.set(url, starts);
  }
  let src = m[2];
  for (const [at, name] of sections.get(url)) if (at <= line) src = name;
  return `@dl/${m[1]} ${src.replace(/^src\//, '')}`;
}
// WebAssembly function indices → export names, in the order of `(func` in each generated .wat
const watNames = (pkg, wat) => {
  const path = join(root, 'packages', pkg, 'src/wasm', wat);
  if (!existsSync(path)) return [];
  return [...readFileSync(path, 'utf8').matchAll(/\(func(?: \$\w+)?(?: \(export "(\w+)"\))?/g)].map(
    (m, i) => m[1] ?? `func${i}`,
  );
};
// each WebAssembly module (one script URL each) is named by the @dl source file that calls into it most
const watOf = [
  [/^@dl\/optim /, ['optim', 'kernels.wat']],
  [/ wasm\/matmul\.ts$|threads\//, ['tensor', 'matmulKernels.wat']],
  [/norm\.ts$/, ['tensor', 'normKernels.wat']],
  [/ wasm\/activations\.ts$/, ['tensor', 'actKernels.wat']],
  [/softmax/i, ['tensor', 'softmaxKernels.wat']],
  [/^@dl\/tensor /, ['tensor', 'kernels.wat']],
];
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const callerOf = (node) => {
  let p = parent.get(node.id);
  while (p !== undefined && byId.get(p).callFrame.url.startsWith('wasm')) p = parent.get(p);
  return p === undefined ? '' : (sourceOf(byId.get(p).callFrame.url, byId.get(p).callFrame.lineNumber) ?? '');
};
const votes = new Map();
for (const n of profile.nodes) {
  if (!n.callFrame.url.startsWith('wasm')) continue;
  const m = watOf.find(([re]) => re.test(callerOf(n)))?.[1];
  if (!m) continue;
  const key = n.callFrame.url;
  const v = votes.get(key) ?? new Map();
  v.set(m.join(' '), (v.get(m.join(' ')) ?? 0) + (n.hitCount || 1));
  votes.set(key, v);
}
const moduleOf = new Map(
  [...votes].map(([url, v]) => [url, [...v].sort((a, b) => b[1] - a[1])[0][0].split(' ')]),
);
const names = new Map();
function wasmName(node) {
  const idx = Number(/\[(\d+)\]/.exec(node.callFrame.functionName)?.[1]);
  const [pkg, wat] = moduleOf.get(node.callFrame.url) ?? ['tensor', 'kernels.wat'];
  if (!names.has(wat + pkg)) names.set(wat + pkg, watNames(pkg, wat));
  return `wasm ${pkg} ${wat.replace('.wat', '')} ${names.get(wat + pkg)[idx] ?? node.callFrame.functionName}`;
}
const label = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  if (url.startsWith('wasm')) return { fn: wasmName(node), file: wasmName(node).replace(/ [\w$]+$/, '') };
  const src = sourceOf(url, lineNumber);
  const file = src ?? (url ? basename(url) : functionName);
  return { fn: `${functionName || '(anonymous)'} ${url ? `${file}:${lineNumber + 1}` : ''}`.trim(), file };
};

// self time per node: its samples times the sampling interval
const dt = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
}
const selfFn = new Map();
const selfFile = new Map();
const phase = new Map();
const byOp = { training: new Map(), hessian: new Map() };
const selfIn = { training: new Map(), hessian: new Map() };
let total = 0;
const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
for (const node of profile.nodes) {
  const us = dt.get(node.id) ?? 0;
  if (!us) continue;
  total += us;
  const { fn, file } = label(node);
  add(selfFn, fn, us);
  add(selfFile, file, us);
  // the phase: the innermost frame of runDigits.mjs and what it called (the profile keeps no call-site lines)
  let p = node.id;
  let child = null;
  let where = null;
  while (p !== undefined && where === null) {
    const f = byId.get(p).callFrame;
    if (f.url.endsWith('runDigits.mjs') && f.functionName !== 'runDigits')
      where = `${f.functionName || '(anonymous)'} → ${child ? label(child).fn.replace(/:\d+$/, '') : '(self)'}`;
    child = byId.get(p);
    p = parent.get(p);
  }
  // the op: the innermost frame in an op file of @dl/tensor (`ops/…`), else of another @dl package
  let op = null;
  let pkgFrame = null;
  let hessian = false;
  for (let q = node.id; q !== undefined; q = parent.get(q)) {
    const f = byId.get(q).callFrame;
    const src = sourceOf(f.url, f.lineNumber);
    if (!op && src?.startsWith('@dl/tensor ops/')) op = src;
    if (!pkgFrame && src && !src.startsWith('@dl/tensor')) pkgFrame = src;
    if (f.functionName === 'hessianCheck') hessian = true;
  }
  if (where) {
    const part = hessian ? 'hessian' : 'training';
    add(byOp[part], op ?? pkgFrame ?? file, us);
    add(selfIn[part], fn, us);
  }
  add(
    phase,
    where ?? `(outside the folds) ${node.callFrame.functionName || basename(node.callFrame.url)}`,
    us,
  );
}
const table = (title, map, n) => {
  console.log(`\n| self ms | share | ${title} |\n| ---: | ---: | --- |`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`| ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)} % | \`${key}\` |`);
};
table('function', selfFn, top);
table('source file', selfFile, top);
// phases: group the outside-the-folds rows into one
const phases = new Map();
for (const [k, us] of phase)
  add(phases, k.startsWith('(outside') ? '(outside the folds: startup, report, GC, idle)' : k, us);
table('phase (job function → what it called)', phases, top);
for (const part of ['training', 'hessian']) {
  const sum = [...byOp[part].values()].reduce((a, b) => a + b, 0);
  console.log(
    `\n${part}: ${(sum / 1000).toFixed(0)} ms sampled (${((100 * sum) / total).toFixed(1)} % of all)`,
  );
  table(`${part}: op (innermost @dl/tensor ops/ file, else @dl file), self time inside it`, byOp[part], top);
  table(`${part}: function`, selfIn[part], top);
}
console.log(`\ntotal sampled: ${(total / 1000).toFixed(0)} ms; profile ${file}`);
