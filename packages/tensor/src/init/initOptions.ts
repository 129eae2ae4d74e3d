import { defineOptions } from '@dl/internal';
import type { RandomOptions } from '../random/randomOptions';

/** Options shared by the initializers: where the randomness comes from, the dtype, and `requiresGrad`. */
export interface InitOptions extends RandomOptions {
  /**
   * Element type.
   * @defaultValue 'float32'
   */
  dtype?: 'float32' | 'float64';
  /**
   * Mark the result as a parameter that requires gradients.
   * @defaultValue false
   */
  requiresGrad?: boolean;
}

/** @internal The checker of {@link InitOptions}. */
export const initOptions = /* @__PURE__ */ defineOptions<InitOptions>()('lecunUniform', {
  dtype: 'float32',
  requiresGrad: false,
  generator: undefined,
  seed: undefined,
});
