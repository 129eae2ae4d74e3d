import { describe } from './describe';

/** 1st, 2nd, 3rd, 4th, … 11th, 12th, 13th, 21st … */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x) || ArrayBuffer.isView(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

interface ReaderLike {
  readonly keys: readonly string[];
  readonly positional: string | undefined;
}

function isReader(x: unknown): x is ReaderLike {
  return typeof x === 'function' && Array.isArray((x as { keys?: unknown }).keys);
}

/**
 * The options object a user meant when they passed hyperparameters positionally, PyTorch style
 * (`sum(x, 1, true)` → `{ axis: 1, keepDims: true }`, `new Dropout(0.5, { seed })` → `{ p: 0.5, seed }`), or
 * `undefined` when it cannot be told.
 */
function meant(reader: ReaderLike, options: unknown, extra: unknown): string | undefined {
  const out: Record<string, unknown> = {};
  if (isPlainObject(options)) Object.assign(out, options);
  else if (options !== undefined && reader.positional !== undefined) out[reader.positional] = options;
  else if (options !== undefined) return undefined;
  if (isPlainObject(extra)) Object.assign(out, extra);
  else {
    // the next option after those given, in the reader's order (PyTorch's order for positional hyperparameters)
    const from = reader.positional === undefined ? 0 : reader.keys.indexOf(reader.positional) + 1;
    const next = reader.keys.slice(from).find((k) => !(k in out));
    if (next === undefined) return undefined;
    out[next] = extra;
  }
  return Object.keys(out).length === 0 ? undefined : show(out);
}

/** A plain object as written (`{ seed: 1 }`), anything else as {@link describe} prints it. */
function show(x: unknown): string {
  if (!isPlainObject(x)) return describe(x);
  const entries = Object.entries(x);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${k}: ${describe(v)}`).join(', ')} }`;
}

/**
 * The error for an argument beyond a function's declared parameters. Every exported function and constructor of
 * every package gets this check at build time (see `scripts/strict-arity.mjs`): one more parameter, `undefined`
 * unless the caller passed too many arguments, and `if (extra !== undefined) throw extraArgument(…)` at the top of
 * the body, so the check costs one comparison.
 *
 * @param fn - the function the user called (`sum`, `Dropout`).
 * @param declared - how many parameters it declares; the unexpected argument is the next one.
 * @param value - the unexpected argument.
 * @param params - the declared parameters' names, comma-separated (`'x, options'`).
 * @param options - the value of the last declared parameter when it is an options object read by `reader`.
 * @param reader - that parameter's options reader (made by `defineOptions`), if any.
 * @returns the TypeError to throw: `sum: unexpected 3rd argument true; pass options as { axis: 1, keepDims: true }`.
 */
export function extraArgument(
  fn: string,
  declared: number,
  value: unknown,
  params: string,
  options?: unknown,
  reader?: unknown,
): TypeError {
  const head = `${fn}: unexpected ${ordinal(declared + 1)} argument ${show(value)}`;
  const suggestion = isReader(reader) ? meant(reader, options, value) : undefined;
  if (suggestion !== undefined) return new TypeError(`${head}; pass options as ${suggestion}`);
  if (isReader(reader)) {
    return new TypeError(
      `${head}; ${fn} takes (${params}): pass every option in the options object (argument ${declared})`,
    );
  }
  const takes =
    declared === 0
      ? 'it takes no arguments'
      : `it takes ${declared} argument${declared === 1 ? '' : 's'} (${params})`;
  return new TypeError(`${head}; ${takes}`);
}
