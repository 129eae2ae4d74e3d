import { describe } from '@dl/internal';
import type { Rule } from './_rules';
import { isTensor } from './_tree';
import type { ParamGroup, ParamGroupInput } from './createOptimizer';

/** @internal Whether `x` is a parameter group `{ params, ... }` (not a tensor). */
export const isParamGroup = (x: unknown): x is ParamGroupInput =>
  typeof x === 'object' && x !== null && 'params' in x && !isTensor(x);

/**
 * @internal Checks parameter group `gi` of `fn`'s input (a group, known hyperparameters valid for `rule`, an array
 * of params) and returns it with `defaults` filled in. Shared by the CPU and the device optimizers.
 */
export function readParamGroup(
  fn: string,
  g: unknown,
  gi: number,
  rule: Rule,
  defaults: Record<string, unknown>,
): ParamGroup {
  if (!isParamGroup(g))
    throw new TypeError(`${fn}: params[${gi}] must be a parameter group { params, ... }, got ${describe(g)}`);
  const { params: ps, ...over } = g;
  for (const k of Object.keys(over)) {
    if (!(k in defaults)) {
      throw new TypeError(
        `${fn}: params[${gi}] has an unknown hyperparameter '${k}'; ${rule.name} takes ${Object.keys(defaults)
          .map((n) => `'${n}'`)
          .join(', ')}`,
      );
    }
  }
  const group = { ...defaults, ...over, params: ps } as ParamGroup;
  rule.check(`${fn}: params[${gi}]`, group);
  if (!Array.isArray(ps))
    throw new TypeError(`${fn}: params[${gi}].params must be an array, got ${describe(ps)}`);
  return group;
}
