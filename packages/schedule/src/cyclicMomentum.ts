import { type CyclicOptions, cyclicHeight, cyclicOptions } from './cyclic';
import type { Schedule } from './types';
import { finite } from './validate';

/**
 * The momentum cycle that goes with {@link cyclic}: it moves opposite to the learning rate, between `maxMomentum`
 * and `baseMomentum` (what PyTorch's `CyclicLR` writes to the optimizer's `momentum` when `cycle_momentum=True`).
 *
 * $$m(t) = \text{maxMomentum} - (\text{maxMomentum} - \text{baseMomentum})\, h\, s$$
 * with $h$ and $s$ as in {@link cyclic}.
 *
 * @param options - the same options as {@link cyclic}; `baseMomentum` and `maxMomentum` are used here.
 * @returns the {@link Schedule} of the momentum.
 * @example
 * ```ts
 * import { cyclicMomentum } from '@dl/schedule';
 * const momentum = cyclicMomentum({ baseLr: 0.001, maxLr: 0.01, stepSizeUp: 10 });
 * momentum(0); // 0.9
 * momentum(10); // 0.8
 * ```
 * @see {@link https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.CyclicLR.html | torch.optim.lr_scheduler.CyclicLR}
 */
export function cyclicMomentum(options: CyclicOptions): Schedule {
  const height = cyclicHeight('cyclicMomentum', options);
  const { baseMomentum, maxMomentum } = cyclicOptions(options, 'cyclicMomentum');
  finite('cyclicMomentum', 'baseMomentum', baseMomentum);
  finite('cyclicMomentum', 'maxMomentum', maxMomentum);
  return (step) => {
    const [factor, scale] = height(step);
    return maxMomentum - (maxMomentum - baseMomentum) * factor * scale;
  };
}
