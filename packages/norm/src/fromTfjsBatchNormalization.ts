import { describe } from '@dl/internal';
import type { StateDict } from '@dl/nn';
import type { TfTensorLike } from '@dl/tensor';
import type { BatchNormOptions } from './BatchNorm';
import { affineOf } from './kerasBatchNormOptions';

/**
 * The part of a TensorFlow.js `tf.layers.batchNormalization` layer that {@link fromTfjsBatchNormalization}
 * reads: its config and its weights (`getWeights()` gives `gamma`, `beta`, `moving_mean`, `moving_variance`,
 * without those that `scale: false` / `center: false` drop).
 */
export interface TfjsBatchNormalizationLike {
  /** The layer's configuration; `momentum`, `epsilon`, `center` and `scale` are read. */
  getConfig(): Record<string, unknown>;
  /** The layer's weights in Keras order (TensorFlow.js tensors). */
  getWeights(): readonly TfTensorLike[];
}

/** What {@link fromTfjsBatchNormalization} returns: everything a {@link BatchNorm1d} needs. */
export interface ImportedBatchNorm {
  /** The number of channels (the size of the layer's axis). */
  numFeatures: number;
  /** The equivalent options (see {@link kerasBatchNormOptions}). */
  options: BatchNormOptions;
  /** The weights under PyTorch's keys, for `loadStateDict` (`num_batches_tracked` is 0: Keras does not count). */
  stateDict: StateDict;
}

/**
 * Imports a built TensorFlow.js (tfjs-layers) `BatchNormalization` layer: its options converted with
 * {@link kerasBatchNormOptions} and its `gamma`, `beta`, `moving_mean`, `moving_variance` as the state dict of a
 * batch norm layer. Our layers normalize dimension 1 (channels first): for the usual `axis: -1` on `[N, C]` that
 * is the same axis; transpose channels-last images (`[N, H, W, C]` to `[N, C, H, W]`) before a `BatchNorm2d`.
 *
 * @param layer - a built `tf.layers.batchNormalization(...)` layer (or anything with its `getConfig` and
 *   `getWeights`).
 * @returns `{ numFeatures, options, stateDict }`: `new BatchNorm1d(numFeatures, options).loadStateDict(stateDict)`.
 * @example
 * ```ts
 * import { BatchNorm1d, fromTfjsBatchNormalization } from '@dl/norm';
 * const w = (data: number[]) => ({ shape: [data.length], dtype: 'float32', dataSync: () => data });
 * const tfjsLayer = {
 *   getConfig: () => ({ momentum: 0.99, epsilon: 0.001, center: true, scale: true, axis: -1 }),
 *   getWeights: () => [w([1, 2]), w([0, 1]), w([0.5, -1]), w([4, 9])],
 * };
 * const { numFeatures, options, stateDict } = fromTfjsBatchNormalization(tfjsLayer);
 * const bn = new BatchNorm1d(numFeatures, options);
 * bn.loadStateDict(stateDict);
 * bn.running_var?.toArray(); // [4, 9]
 * ```
 * @see https://js.tensorflow.org/api/4.22.0/#layers.batchNormalization
 */
export function fromTfjsBatchNormalization(layer: TfjsBatchNormalizationLike): ImportedBatchNorm {
  const fn = 'fromTfjsBatchNormalization';
  if (
    layer === null ||
    typeof layer !== 'object' ||
    typeof layer.getConfig !== 'function' ||
    typeof layer.getWeights !== 'function'
  ) {
    throw new TypeError(
      `${fn}: layer must be a tfjs-layers BatchNormalization layer, got ${describe(layer)}`,
    );
  }
  const config = layer.getConfig();
  const affine = affineOf(fn, config.center ?? true, config.scale ?? true);
  const momentum = config.momentum ?? 0.99;
  const epsilon = config.epsilon ?? 1e-3;
  if (typeof momentum !== 'number' || typeof epsilon !== 'number') {
    throw new TypeError(
      `${fn}: the layer's config must have numeric momentum and epsilon, got ${describe(momentum)} and ${describe(epsilon)}`,
    );
  }
  const weights = layer.getWeights();
  const names = affine ? ['weight', 'bias', 'running_mean', 'running_var'] : ['running_mean', 'running_var'];
  if (weights.length !== names.length) {
    throw new RangeError(
      `${fn}: expected ${names.length} weights (${names.join(', ')}), got ${weights.length}; build the layer (call it once) first`,
    );
  }
  const numFeatures = weights[0]!.shape[0]!;
  const stateDict: StateDict = {};
  names.forEach((name, i) => {
    const w = weights[i]!;
    if (w.shape.length !== 1 || w.shape[0] !== numFeatures) {
      throw new RangeError(
        `${fn}: weight ${i} (${name}) has shape [${w.shape.join(', ')}], expected [${numFeatures}]`,
      );
    }
    stateDict[name] = {
      shape: [numFeatures],
      dtype: 'float32',
      data: Array.from(w.dataSync() as ArrayLike<number>),
    };
  });
  stateDict.num_batches_tracked = { shape: [], dtype: 'int32', data: [0] };
  return {
    numFeatures,
    options: { momentum: 1 - momentum, eps: epsilon, affine, unbiasedRunningVar: false },
    stateDict,
  };
}
