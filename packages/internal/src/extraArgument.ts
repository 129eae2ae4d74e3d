import { describe } from './describe';

/**
 * The error for an argument beyond a function's declared parameters. Every exported function, constructor and
 * public method of every package gets this check at build time (see `scripts/strict-arity.mjs`):
 * `if (arguments.length > n) rejectExtraArgument(arguments[n], …)` at the top of the body, a register read in
 * optimized code, which throws this error. Kept small: it is in every bundle.
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

/**
 * The extra-argument check that `scripts/strict-arity.mjs` calls at the top of every public function, constructor
 * and method once `arguments.length` exceeds its parameters: throws {@link extraArgument}'s error unless `value` is
 * `undefined` (forwarding wrappers pass one; it changes nothing). Out of line on purpose: the code inserted in each
 * function stays one comparison and one call, since its bytecode counts against the optimizing compiler's inlining
 * budget of every caller (docs/benchmarks/strict-options.md).
 *
 * `fn` is the public name of a function or class, `Class.method` for a method. A constructor (`self` =
 * `new.target`, `cls` the class) names the derived class constructed, if any; a method (`self` = `this`) names the
 * class of the receiver (`Linear.parameters` for the method `Module` declares), or keeps `fn` when the receiver is
 * `cls` or one of its own instances (bundlers rename classes: `class _Tensor`) or is missing.
 *
 * @param value - the argument after the declared ones.
 * @param declared - how many parameters the function declares.
 * @param fn - the name the error starts with.
 * @param options - the last declared parameter, when `reader` reads it.
 * @param reader - that parameter's options reader.
 * @param self - `new.target` (constructors) or `this` (methods).
 * @param cls - the class that declares the constructor or method.
 */
export function rejectExtraArgument(
  value: unknown,
  declared: number,
  fn: string,
  options?: unknown,
  reader?: { keys?: readonly string[]; positional?: string },
  self?: unknown,
  cls?: unknown,
): void {
  if (value === undefined) return;
  const dot = fn.indexOf('.');
  const owner =
    dot > 0 && typeof self !== 'function'
      ? (self as { constructor?: unknown } | undefined)?.constructor
      : self;
  const own = cls && owner !== cls && (owner as { name?: string } | undefined)?.name;
  throw extraArgument(own ? own + (dot > 0 ? fn.slice(dot) : '') : fn, declared, value, options, reader);
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
