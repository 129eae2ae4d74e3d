import { describe } from '@dl/internal';
/** The nonlinearities {@link calculateGain} knows (PyTorch's names). */
export type Nonlinearity =
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'conv_transpose1d'
  | 'conv_transpose2d'
  | 'conv_transpose3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu'
  | 'selu';

const UNIT = new Set([
  'linear',
  'conv1d',
  'conv2d',
  'conv3d',
  'conv_transpose1d',
  'conv_transpose2d',
  'conv_transpose3d',
  'sigmoid',
]);

/**
 * The recommended gain for an initializer followed by `nonlinearity`, as `torch.nn.init.calculate_gain`:
 * 1 for linear, convolutions and sigmoid; $5/3$ for tanh; $\sqrt{2}$ for relu;
 * $\sqrt{2 / (1 + s^2)}$ for leaky_relu with negative slope $s$ (`param`, default 0.01); $3/4$ for selu.
 *
 * @param nonlinearity - PyTorch's name of the function, e.g. `'relu'`, `'leaky_relu'`.
 * @param param - the negative slope for `'leaky_relu'` (ignored otherwise).
 * @returns the gain.
 * @defaultValue param: 0.01 for leaky_relu
 * @example
 * ```ts
 * import { calculateGain } from '@dl/tensor';
 * calculateGain('tanh'); // 1.6666667
 * calculateGain('relu'); // 1.4142136
 * calculateGain('leaky_relu', 0.2); // 1.3867505
 * ```
 * @see https://pytorch.org/docs/1.13/nn.init.html#torch.nn.init.calculate_gain
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  if (UNIT.has(nonlinearity)) return 1;
  switch (nonlinearity) {
    case 'tanh':
      return 5.0 / 3;
    case 'relu':
      return Math.sqrt(2.0);
    case 'leaky_relu': {
      let slope = 0.01;
      if (param !== undefined && param !== null) {
        if (typeof param !== 'number' || !Number.isFinite(param)) {
          throw new TypeError(`calculateGain: negative slope ${String(param)} is not a valid number`);
        }
        slope = param;
      }
      return Math.sqrt(2.0 / (1 + slope * slope));
    }
    case 'selu':
      return 3.0 / 4;
    default:
      throw new RangeError(
        `calculateGain: unsupported nonlinearity ${describe(nonlinearity)}, expected one of linear, conv1d, conv2d, conv3d, conv_transpose1d, conv_transpose2d, conv_transpose3d, sigmoid, tanh, relu, leaky_relu, selu`,
      );
  }
}
