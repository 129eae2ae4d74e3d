// The intrinsic cost of the extra-argument check (scripts/strict-arity.mjs) on a tiny function: the same body
// without it (plain*), with the first, inline form `if (arguments.length > n && arguments[n] !== undefined) throw …`
// (args*) and with the current out-of-line form `if (arguments.length > n) reject(arguments[n], n, 'f', …)` (out*),
// alternated, process CPU time, median of 11 rounds of 5M calls. `node scripts/bench-arity-check.mjs` (add
// --max-opt=2 for Maglev only).
// biome-ignore-all lint/complexity/noArguments: measuring exactly that
const err = (n, v) => new TypeError(`f: unexpected ${n} ${v}`);
function plainF(x, options = {}) {
  return x.length + (options.k ?? 1);
}
function argsF(x, options = {}) {
  if (arguments.length > 2 && arguments[2] !== undefined) throw err(3, arguments[2]);
  return x.length + (options.k ?? 1);
}
const reject = (v, n, fn, o) => {
  if (v !== undefined) throw err(n, v, fn, o);
};
function outF(x, options = {}) {
  if (arguments.length > 2) reject(arguments[2], 2, 'f', options);
  return x.length + (options.k ?? 1);
}
function plainG(a, b) {
  return a.length + b.length;
}
function argsG(a, b) {
  if (arguments.length > 2 && arguments[2] !== undefined) throw err(3, arguments[2]);
  return a.length + b.length;
}
function outG(a, b) {
  if (arguments.length > 2) reject(arguments[2], 2, 'g');
  return a.length + b.length;
}
const x = new Float32Array(8);
const o = { k: 2 };
const cases = {
  plainF: () => plainF(x, o),
  argsF: () => argsF(x, o),
  outF: () => outF(x, o),
  plainF1: () => plainF(x),
  argsF1: () => argsF(x),
  outF1: () => outF(x),
  plainG: () => plainG(x, x),
  argsG: () => argsG(x, x),
  outG: () => outG(x, x),
};
const time = (f, n) => {
  const t0 = process.cpuUsage();
  let s = 0;
  for (let i = 0; i < n; i++) s += f();
  const t = process.cpuUsage(t0);
  if (s === -1) console.log(s); // keeps the calls' results alive
  return ((t.user + t.system) * 1000) / n;
};
const res = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let w = 0; w < 3; w++) for (const f of Object.values(cases)) time(f, 1e6);
for (let r = 0; r < 11; r++) for (const [k, f] of Object.entries(cases)) res[k].push(time(f, 5e6));
const med = (v) => v.sort((p, q) => p - q)[v.length >> 1];
console.log(
  Object.entries(res)
    .map(([k, v]) => `${k} ${med(v).toFixed(2)}`)
    .join(' | '),
);
