import { type OneCycleOptions, oneCycleCurve, oneCycleOptions } from './oneCycle';
import type { Schedule } from './types';
import { finite } from './validate';

/**
 * The momentum that goes with {@link oneCycle}: it moves opposite to the value, from `maxMomentum` down to
 * `baseMomentum` at the peak and back (what PyTorch's `OneCycleLR` writes to `momentum`, or to `betas[0]` for
 * Adam-like optimizers, when `cycle_momentum=True`).
 *
 * Same phases and annealing curve as {@link oneCycle}; in the three-phase variant the momentum stays at
 * `maxMomentum` during the third phase.
 *
 * @param options - the same options as {@link oneCycle}; `baseMomentum` and `maxMomentum` are used here.
 * @returns the {@link Schedule} of the momentum.
 * @example
 * ```ts
 * import { oneCycleMomentum } from '@dl/schedule';
 * const momentum = oneCycleMomentum({ maxLr: 0.1, totalSteps: 100 });
 * momentum(0); // 0.95
 * momentum(29); // 0.85
 * momentum(99); // 0.95
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.OneCycleLR.html | torch.optim.lr_scheduler.OneCycleLR}
 */
export function oneCycleMomentum(options: OneCycleOptions): Schedule {
  const curve = oneCycleCurve('oneCycleMomentum', options);
  const { baseMomentum, maxMomentum } = oneCycleOptions(options, 'oneCycleMomentum');
  finite('oneCycleMomentum', 'baseMomentum', baseMomentum);
  finite('oneCycleMomentum', 'maxMomentum', maxMomentum);
  const levels = [maxMomentum, baseMomentum];
  return (step) => curve(levels, step);
}
