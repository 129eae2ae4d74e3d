import { describe } from './describe';

/**
 * The error for an argument beyond a function's declared parameters. Every exported function and constructor of
 * every package gets this check at build time (see `scripts/strict-arity.mjs`):
 * `if (arguments.length > n && arguments[n] !== undefined) throw extraArgument(…)` at the top of the body, a
 * register read in optimized code. Kept small: it is in every bundle.
 *
 * When the last declared parameter is an options object read by `reader` (made by `defineOptions`), the error
 * shows the options object the caller meant by passing hyperparameters positionally, PyTorch style: a bare value
 * there is the reader's `positional` option, an extra object is merged, an extra bare value is the next option in
 * the reader's order (`sum(x, 1, true)` → `{ axis: 1, keepDims: true }`; `new Dropout(0.5, { seed: 1 })` →
 * `{ p: 0.5, seed: 1 }`).
 *
 * @param fn - the function the user called (`sum`, `Dropout`).
 * @param declared - how many parameters it declares; the unexpected argument is the next one.
 * @param value - the unexpected argument.
 * @param options - the value of the last declared parameter, when `reader` reads it.
 * @param reader - that parameter's options reader, if any.
 * @returns the TypeError to throw: `sum: unexpected 3rd argument true; pass options as { axis: 1, keepDims: true }`.
 */
export function extraArgument(
  fn: string,
  declared: number,
  value: unknown,
  options?: unknown,
  reader?: { keys?: readonly string[]; positional?: string },
): TypeError {
  const n = declared + 1;
  const th = n % 100 > 10 && n % 100 < 14 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  let fix = declared ? `it takes ${declared} argument${declared > 1 ? 's' : ''}` : 'it takes no arguments';
  const keys = reader?.keys;
  if (keys) {
    fix = `pass every option in the options object (argument ${declared})`;
    const out: Record<string, unknown> = {};
    const p = reader.positional;
    let ok = plain(options) || options === undefined || !!p;
    if (plain(options)) Object.assign(out, options);
    else if (p && options !== undefined) out[p] = options;
    if (plain(value)) Object.assign(out, value);
    else {
      // the next option after those given, in the reader's order (PyTorch's order for positional hyperparameters)
      const next = keys.slice(p ? keys.indexOf(p) + 1 : 0).find((k) => !(k in out));
      if (next) out[next] = value;
      else ok = false;
    }
    if (ok) fix = `pass options as ${show(out)}`;
  }
  return new TypeError(`${fn}: unexpected ${n}${th} argument ${show(value)}; ${fix}`);
}

function plain(x: unknown): x is Record<string, unknown> {
  return x?.constructor === Object && !Array.isArray(x);
}

/** A plain object as written (`{ seed: 1 }`), anything else as {@link describe} prints it. */
function show(x: unknown): string {
  return plain(x)
    ? `{ ${Object.entries(x)
        .map(([k, v]) => `${k}: ${describe(v)}`)
        .join(', ')} }`
    : describe(x);
}
