/**
 * The generated bad-input test: every exported function and class of every package (read from
 * `packages/<dir>/src/index.ts`, so new exports and new packages are covered) is called with a family of bad
 * arguments, one argument at a time, the others valid where a valid value can be guessed from the declared type.
 * Each call must either succeed or throw a library-formed error: a TypeError or RangeError whose message starts
 * with the name the user called (`sum: …`, `Linear: …`, `kFold.split: …`), never an engine message ("Cannot read
 * properties", "is not a function", "Invalid typed array length"…), with strings quoted. An options parameter
 * must reject an unknown key, and every export one argument beyond its declared parameters (unless a signature
 * has a rest parameter), and so must every public method of an exported class. The objects that calls return (splitters, schedulers, layers) get the same treatment
 * for their methods. `DL_PACKAGES=optim npx vitest run --config tests/strict/vitest.config.ts` runs one package.
 */
import { describe, expect, test } from 'vitest';
import { type ExportInfo, entryFiles, type Param, packageDirs, readPackage, root } from './exports';
import { unexpected } from './known';

/** Engine errors that must never reach a user. */
const LEAKS =
  /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not a constructor|Invalid typed array length|Invalid array length|Cannot destructure|Cannot convert|Maximum call stack|undefined is not|null is not|of undefined|of null|Array buffer allocation failed|toFixed|Unexpected token/;

/** The bad values tried for each argument: [label, value]. */
const BAD: readonly (readonly [string, unknown])[] = [
  ['undefined', undefined],
  ['null', null],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['-1', -1],
  ['1.5', 1.5],
  ['"5"', '5'],
  ['true', true],
  ['[]', []],
  ['[NaN]', [Number.NaN]],
  ['[-1]', [-1]],
  ['{}', {}],
  ['a function', () => 1],
];

/** Parameters named like sizes or counts also get these. */
const BAD_SIZES: readonly (readonly [string, unknown])[] = [
  ['-3', -3],
  ['2.5', 2.5],
  ['2 ** 40', 2 ** 40],
];

type Tensorish = { shape: number[] };
let makeTensor: ((v: unknown, o?: unknown) => Tensorish) | undefined;

/** A plausible valid value for a declared parameter type, or undefined when none can be guessed. */
function guess(param: Param): unknown[] {
  const t = param.type;
  const out: unknown[] = [];
  if (/Tensor\b/.test(t) && makeTensor) {
    out.push(
      makeTensor([
        [0.5, -1, 2],
        [1.5, 0.25, -0.5],
      ]),
    );
    out.push(makeTensor([1, 2, 3]));
  }
  if (/\bShape\b|readonly number\[\]|number\[\]/.test(t)) out.push([2, 3]);
  if (/\bnumber\b/.test(t)) out.push(2, 0.5, 1);
  if (/'(\w+)'/.test(t)) out.push(/'(\w+)'/.exec(t)![1]);
  if (/\bboolean\b/.test(t)) out.push(false);
  if (/Schedule|=>/.test(t)) out.push(() => 0.1);
  if (/Options|\{/.test(t) || /^options$/.test(param.name)) out.push({});
  if (/ArrayLike|\[\]/.test(t)) out.push([0, 1, 0, 1]);
  if (out.length === 0) out.push(undefined);
  return out;
}

function call(e: ExportInfo, fn: unknown, args: unknown[]): unknown {
  if (e.kind === 'class') return new (fn as new (...a: unknown[]) => unknown)(...args);
  return (fn as (...a: unknown[]) => unknown)(...args);
}

/** What is wrong with a thrown value, or undefined when it is a library-formed error. */
function judge(err: unknown, names: readonly string[], bad: unknown): string | undefined {
  if (!(err instanceof TypeError || err instanceof RangeError)) {
    const name = (err as Error)?.constructor?.name ?? typeof err;
    return `threw ${name}: ${(err as Error)?.message ?? String(err)}`;
  }
  const msg = err.message;
  if (LEAKS.test(msg)) return `leaked an engine error: ${err.name}: ${msg}`;
  if (!names.some((n) => msg.startsWith(`${n}:`) || msg.startsWith(`${n}.`) || msg.startsWith(`${n}(`))) {
    return `message does not start with ${names.map((n) => `'${n}:'`).join(' or ')}: ${msg}`;
  }
  if (typeof bad === 'string' && new RegExp(`got ${bad}\\b`).test(msg)) return `string not quoted: ${msg}`;
  if (typeof bad === 'function' && msg.includes(String(bad))) return `function printed as source: ${msg}`;
  return undefined;
}

/** Runs `f`, awaiting a promise; returns [threw, error or value]. */
async function attempt(f: () => unknown): Promise<[boolean, unknown]> {
  try {
    const v = f();
    if (v instanceof Promise) {
      try {
        return [false, await Promise.race([v, new Promise((r) => setTimeout(() => r(undefined), 2000))])];
      } catch (err) {
        return [true, err];
      }
    }
    return [false, v];
  } catch (err) {
    return [true, err];
  }
}

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st. */
function ordinal(n: number): string {
  return `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
}

const SKIP_METHODS = new Set(['constructor', 'toString', 'valueOf', 'toJSON', 'then']);

/** Methods of a returned object worth calling with bad arguments (not tensors: those are the op exports). */
function methodsOf(value: unknown): [string, (...a: unknown[]) => unknown][] {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || Array.isArray(value))
    return [];
  if ((value as Tensorish).shape !== undefined) return [];
  const out: [string, (...a: unknown[]) => unknown][] = [];
  const seen = new Set<string>();
  for (let o: object | null = value; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const k of Object.getOwnPropertyNames(o)) {
      if (seen.has(k) || SKIP_METHODS.has(k) || k.startsWith('_')) continue;
      seen.add(k);
      const d = Object.getOwnPropertyDescriptor(o, k);
      if (d && typeof d.value === 'function') out.push([k, d.value.bind(value)]);
    }
  }
  return out;
}

describe.each(packageDirs())('@dl/%s: bad inputs give library errors', (dir) => {
  test('every export, every argument, every bad value', async () => {
    const mod: Record<string, unknown> = {};
    for (const entry of entryFiles(dir)) Object.assign(mod, await import(entry));
    if (!makeTensor) {
      const t = (await import(`${root}packages/tensor/src/index.ts`)) as Record<string, unknown>;
      makeTensor = t.tensor as typeof makeTensor;
    }
    const info = readPackage(dir);
    const problems: string[] = [];
    for (const e of info.exports) {
      const fn = mod[e.name];
      if (typeof fn !== 'function') continue;
      if (process.env.DL_STRICT_TRACE) console.error(`badInputs: ${dir} ${e.name}`);
      const params = e.params;
      // a baseline of valid-looking arguments, found by trying the guesses of each parameter
      const pools = params.map(guess);
      let baseline: unknown[] | undefined;
      let result: unknown;
      const tries = pools.reduce((n, p) => n * p.length, 1);
      for (let k = 0; k < Math.min(tries, 64) && baseline === undefined; k++) {
        let r = k;
        const args = pools.map((p) => {
          const v = p[r % p.length];
          r = Math.floor(r / p.length);
          return v;
        });
        const [threw, v] = await attempt(() => call(e, fn, args));
        if (!threw) {
          baseline = args;
          result = v;
        }
      }
      const names = [e.name];
      const count = Math.max(params.length, 1);
      for (let i = 0; i < count; i++) {
        const param = params[i];
        const family = /size|count|^n$|^k$|steps|features|shape|epochs|length|^p$/i.test(param?.name ?? '')
          ? [...BAD, ...BAD_SIZES]
          : BAD;
        for (const [label, bad] of family) {
          // leave trailing optional arguments out rather than passing undefined explicitly
          if (bad === undefined && param?.optional) continue;
          const args = (baseline ?? params.map(() => undefined)).slice();
          args[i] = bad;
          const [threw, err] = await attempt(() => call(e, fn, args));
          if (!threw) continue;
          const why = judge(err, names, bad);
          if (why) problems.push(`${e.name}(${param?.name ?? 'arg0'} = ${label}): ${why}`);
        }
        if (baseline && param && (/Options\b/.test(param.type) || param.name === 'options')) {
          const args = baseline.slice();
          args[i] = { frobnicate: 1 };
          const [threw, err] = await attempt(() => call(e, fn, args));
          if (!threw)
            problems.push(`${e.name}(${param.name} = { frobnicate: 1 }): an unknown option was accepted`);
          else if (!(err instanceof TypeError && /unknown option 'frobnicate'/.test(err.message))) {
            problems.push(`${e.name}(${param.name} = { frobnicate: 1 }): ${(err as Error).message}`);
          }
        }
      }
      // one argument beyond the declared parameters is an error (PyTorch habits: `sum(x, 1, true)`), unless a
      // signature is variadic; the check runs before anything else, so no valid baseline is needed
      if (!e.variadic) {
        const args = [...(baseline ?? params.map(() => undefined)), true];
        const [threw, err] = await attempt(() => call(e, fn, args));
        const position = ordinal(params.length + 1);
        if (!threw) problems.push(`${e.name}(extra argument): a ${position} argument was accepted`);
        else if (
          !(
            err instanceof TypeError &&
            err.message.startsWith(`${e.name}: unexpected ${position} argument true;`)
          )
        ) {
          problems.push(`${e.name}(extra argument): ${(err as Error).message}`);
        }
      }
      // every public method of an exported class, one argument beyond its parameters: `Linear.forward(x, 1)`
      for (const m of e.methods) {
        if (m.variadic || (!m.static && result === undefined)) continue;
        const self = (m.static ? fn : result) as Record<string, (...a: unknown[]) => unknown>;
        const [threw, err] = await attempt(() => self[m.name]!(...new Array(m.params).fill(undefined), true));
        const where = `${e.name}.${m.name}`;
        const position = ordinal(m.params + 1);
        if (!threw) problems.push(`${where}(extra argument): a ${position} argument was accepted`);
        else if (
          !(
            err instanceof TypeError &&
            err.message.startsWith(`${where}: unexpected ${position} argument true;`)
          )
        ) {
          problems.push(`${where}(extra argument): ${(err as Error).message}`);
        }
      }
      // methods of what the valid call returned (splitters, schedulers, modules …)
      for (const [m, method] of methodsOf(result)) {
        for (const [label, bad] of BAD) {
          // the bad value alone, then beside a plausible number on either side
          for (const [shown, args] of [
            [label, [bad]],
            [`${label}, 1`, [bad, 1]],
            [`1, ${label}`, [1, bad]],
          ] as const) {
            const [threw, err] = await attempt(() => method(...args));
            if (!threw) continue;
            const why = judge(err, [e.name, m, `${e.name}.${m}`, 'split', 'forward'], bad);
            if (why) problems.push(`${e.name}(…).${m}(${shown}): ${why}`);
          }
        }
      }
    }
    // one line per export and argument (or method): the first bad value that fails, and how many others do
    const byId = new Map<string, { first: string; more: number }>();
    for (const p of problems) {
      const id = p.slice(0, p.indexOf(':'));
      const key = id
        .replace(/ = [^)]*\)$/, ')')
        .replace(/\(([^)]*)\)$/, (m) => (id.includes('(…).') ? '' : m));
      const hit = byId.get(key);
      if (hit) hit.more++;
      else byId.set(key, { first: p.replace(/^[^:]*/, key), more: 0 });
    }
    const lines = [...byId.values()].map((v) =>
      v.more ? `${v.first} (and ${v.more} more bad values)` : v.first,
    );
    expect(unexpected('badInputs', dir, lines), lines.join('\n')).toEqual([]);
  });
});
