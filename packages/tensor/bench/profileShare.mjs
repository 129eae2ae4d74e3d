#!/usr/bin/env node
// The allocation and GC share of a --cpu-prof profile: self time of the garbage collector, of the allocator
// (src/memory/_pool.ts: fresh/take/allocUninit/allocZeroed/releaseBuffer, and the engine's releaseCaptured), and
// of the typed-array constructors where the profile names them, over all sampled time but idle.
//   node bench/profileShare.mjs <file.cpuprofile>
import { readFileSync } from 'node:fs';

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const dt = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
}
const alloc = new Set([
  'fresh',
  'take',
  'allocUninit',
  'allocZeroed',
  'allocate',
  'releaseBuffer',
  'releaseCaptured',
  'Float32Array',
  'Float64Array',
  'Int32Array',
]);
let total = 0;
let gc = 0;
let al = 0;
for (const n of profile.nodes) {
  const us = dt.get(n.id) ?? 0;
  const name = n.callFrame.functionName;
  if (name === '(idle)') continue;
  total += us;
  if (name === '(garbage collector)') gc += us;
  else if (alloc.has(name)) al += us;
}
const pct = (x) => `${((100 * x) / total).toFixed(1)}%`;
console.log(
  `sampled ${(total / 1e3).toFixed(0)} ms: garbage collector ${pct(gc)}, allocator ${pct(al)}, together ${pct(gc + al)}`,
);
