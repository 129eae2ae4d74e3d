import { closestName } from './closestName';
import { describe } from './describe';

/**
 * Every option of `O`, each with its default (`undefined` where the default is computed or the option is
 * required). Listing the defaults under this type makes the compiler check that the runtime list names exactly
 * the keys of the options type: a missing or an extra key does not compile.
 */
export type OptionDefaults<O> = { readonly [K in keyof Required<O>]: O[K] | undefined };

/**
 * The options after defaults are filled in: keys whose default is not `undefined` are always present; a required
 * key of `O` (declared without `?`) keeps its type, since the caller's types promised it (check it at run time).
 */
export type ResolvedOptions<O, D> = {
  -readonly [K in keyof Required<O>]: K extends keyof D
    ? D[K] extends undefined
      ? object extends Pick<O, K>
        ? O[K] | undefined
        : O[K]
      : Exclude<O[K], undefined>
    : O[K] | undefined;
};

/** How {@link defineOptions} treats a bare value passed where the options object goes. */
export interface DefineOptionsConfig<O> {
  /**
   * The option a bare (non-object) value stands for, for PyTorch idioms that pass one hyperparameter
   * positionally (`sum(x, 1)` is `sum(x, { axis: 1 })`, `new LeakyReLU(0.2)` is `{ negativeSlope: 0.2 }`).
   * Without it, a bare value is a TypeError.
   */
  positional?: keyof O & string;
  /**
   * Also read an array as the positional option (`sum(x, [0, 1])` is `sum(x, { axis: [0, 1] })`, like
   * PyTorch's `x.sum((0, 1))`). Without it, an array is a TypeError.
   */
  positionalArray?: boolean;
  /**
   * The options object is required (it holds required keys): `undefined` is a TypeError instead of the defaults.
   */
  required?: boolean;
}

/** A checker for one function's options, made by {@link defineOptions}. */
export interface OptionsReader<O, D> {
  /**
   * Checks `options` (unknown keys are TypeErrors with a "did you mean") and returns them with defaults filled
   * in. `undefined` gives the defaults.
   * @param options - what the user passed.
   * @param fn - the function to name in errors, when it is not the one the reader was defined for (an alias
   *   such as `permute` for `transpose`).
   */
  (options: unknown, fn?: string): ResolvedOptions<O, D>;
  /** The function named in errors. */
  readonly fn: string;
  /** The option names, in declaration order. */
  readonly keys: readonly (keyof O & string)[];
  /** The defaults, as declared. */
  readonly defaults: D;
  /** The option a bare value stands for, if any (see {@link DefineOptionsConfig.positional}). */
  readonly positional: (keyof O & string) | undefined;
}

function isOptionsObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x) || ArrayBuffer.isView(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * Declares a function's options once — names and defaults — and returns the checker that every call runs. It is
 * curried so that the options interface is given explicitly and the defaults' types are inferred:
 * `defineOptions<SumOptions>()('sum', { axis: undefined, keepDims: false })`. The compiler rejects a defaults
 * list that misses a key of the interface or has one it lacks.
 *
 * The checker throws a `TypeError` for an unknown key, naming the function, the key and the valid key meant:
 * `sum: unknown option 'dim'; did you mean 'axis'? (PyTorch's name)`. It costs one pass over the keys the user
 * passed, and nothing when `options` is `undefined`.
 *
 * @returns a function of `(fn, defaults, config?)`: `fn` is the public function name used in errors, `defaults`
 *   every option with its default (`undefined` for computed or required ones), `config` see
 *   {@link DefineOptionsConfig}; it returns the checker.
 *
 * @example
 * ```ts
 * interface SumOptions { axis?: number | number[]; keepDims?: boolean }
 * const sumOptions = defineOptions<SumOptions>()('sum', { axis: undefined, keepDims: false });
 * sumOptions({ keepDims: true }); // { axis: undefined, keepDims: true }
 * sumOptions({ dim: 1 }); // throws TypeError: sum: unknown option 'dim'; did you mean 'axis'? (PyTorch's name)
 * ```
 */
export function defineOptions<O extends object>() {
  return <D extends OptionDefaults<O>>(
    fn: string,
    defaults: D & { readonly [K in Exclude<keyof D, keyof O>]: never },
    config: DefineOptionsConfig<O> = {},
  ): OptionsReader<O, D> => makeReader<O, D>(fn, defaults, config);
}

function makeReader<O extends object, D>(
  fn: string,
  defaults: D,
  config: DefineOptionsConfig<O>,
): OptionsReader<O, D> {
  const keys = Object.keys(defaults as object) as (keyof O & string)[];
  const valid = new Set<string>(keys);
  // a plain (not frozen) template: V8 clones it with a fast object-spread path; frozen objects take a slow one
  const plain: Record<string, unknown> = { ...(defaults as object) };
  const frozen = Object.freeze({ ...plain });
  const { positional, positionalArray = false, required = false } = config;
  const example = keys.length > 0 ? `{ ${keys[0]}: … }` : '{}';
  const read = (options: unknown, callee: string = fn): ResolvedOptions<O, D> => {
    if (options === undefined) {
      if (!required) return { ...plain } as ResolvedOptions<O, D>;
    } else if (isOptionsObject(options)) {
      let clean = true;
      for (const key in options) {
        if (!valid.has(key)) throw unknownOption(callee, key, keys);
        if (options[key] === undefined) clean = false;
      }
      if (clean) return { ...plain, ...options } as ResolvedOptions<O, D>;
      // keys set to undefined keep their defaults
      const out: Record<string, unknown> = { ...plain };
      for (const key in options) if (options[key] !== undefined) out[key] = options[key];
      return out as ResolvedOptions<O, D>;
    } else if (
      positional !== undefined &&
      options !== null &&
      ((typeof options !== 'object' && typeof options !== 'function') ||
        (positionalArray && Array.isArray(options)))
    ) {
      return { ...plain, [positional]: options } as ResolvedOptions<O, D>;
    }
    throw new TypeError(`${callee}: options must be an object like ${example}, got ${describe(options)}`);
  };
  const reader = Object.assign(read, { fn, keys, defaults: frozen as D, positional });
  registry.push(reader as unknown as AnyOptionsReader);
  return reader;
}

/** A reader of any options type, as {@link definedOptions} lists them. */
export interface AnyOptionsReader {
  (options: unknown, fn?: string): Record<string, unknown>;
  readonly fn: string;
  readonly keys: readonly string[];
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly positional: string | undefined;
}

const registry: AnyOptionsReader[] = [];

/**
 * Every reader {@link defineOptions} has made so far in this copy of the module, in order: the tests compare
 * them with the exported options types (same keys, and defaults equal to the documented `@defaultValue`s).
 * @returns the readers.
 */
export function definedOptions(): readonly AnyOptionsReader[] {
  return registry;
}

/**
 * The error for an unknown option key: names the function and the key, and suggests the valid key meant.
 * @param fn - the public function name.
 * @param key - the unknown key.
 * @param valid - the valid keys.
 * @returns the TypeError to throw.
 */
export function unknownOption(fn: string, key: string, valid: readonly string[]): TypeError {
  const hint = closestName(key, valid);
  if (hint !== undefined) {
    const origin = hint.from === undefined || hint.from === 'snake_case' ? '' : ` (${hint.from}'s name)`;
    return new TypeError(`${fn}: unknown option '${key}'; did you mean '${hint.name}'?${origin}`);
  }
  const list =
    valid.length > 0 ? `valid options are ${valid.map((k) => `'${k}'`).join(', ')}` : 'it takes no options';
  return new TypeError(`${fn}: unknown option '${key}'; ${list}`);
}
