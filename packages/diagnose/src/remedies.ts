import type { Verdict } from './Verdict';

/**
 * The remedies the training playbook gives for each verdict (Hung-yi Lee's ML course: "General guide"), in the
 * order to try them.
 *
 * @example
 * ```ts
 * import { REMEDIES } from '@dl/diagnose';
 * REMEDIES.overfitting[0]; // 'more training data, or data augmentation'
 * ```
 */
export const REMEDIES: Readonly<Record<Verdict, readonly string[]>> = {
  'model-bias': [
    'a more flexible model: more layers or units',
    'more or better input features',
    'check against a simpler model or a known floor that the loss is really attainable',
  ],
  optimization: [
    'tune the optimizer: learning rate first, then momentum',
    'an adaptive learning rate (Adam, RMSProp) with warmup',
    'normalization (BatchNorm / LayerNorm) and residual connections for deep networks',
    'start from the smaller model that trains better and grow it',
  ],
  overfitting: [
    'more training data, or data augmentation',
    'early stopping at the validation minimum',
    'regularization: weight decay, dropout',
    'a smaller or more constrained model',
  ],
  mismatch: [
    'compare the training and test data distributions (a shift test per feature)',
    'collect training data that resembles the test data',
    'reweight or adapt to the test distribution',
  ],
  'not-converged': ['train for more steps', 'a larger learning rate, or a schedule with warmup'],
  diverging: [
    'a smaller learning rate, or warmup',
    'gradient clipping (clip by global norm)',
    'look for NaN/Infinity in the data and in log/exp of the loss',
  ],
  healthy: ['nothing to fix: report the validation score with its spread across runs'],
  inconclusive: ['log validation (and test) losses per epoch, and train several seeds or folds'],
};
