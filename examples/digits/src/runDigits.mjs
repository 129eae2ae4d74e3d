// The main job, written as a user of the @dl packages would write it: each package used as its README shows.
import { crossValidate, shuffledBatches, stratifiedKFold } from '@dl/crossval';
import {
  analyzeCriticalPoint,
  constantPredictorLoss,
  createEarlyStopping,
  diagnoseCurves,
} from '@dl/diagnose';
import { crossEntropyLoss } from '@dl/loss';
import { accuracyScore, confusionMatrix, f1Score } from '@dl/metrics';
import { Dropout, Linear, ReLU, Sequential } from '@dl/nn';
import { BatchNorm1d, standardScaler } from '@dl/norm';
import { adamw, createOptimizer } from '@dl/optim';
import { createScheduler, warmupCosineDecay } from '@dl/schedule';
import {
  argmax,
  batchNorm,
  getKernelBackend,
  getNumThreads,
  gradients,
  indexSelect,
  linear,
  noGrad,
  relu,
  reshape,
  setKernelBackend,
  setNumThreads,
  slice,
  tensor,
  tidy,
} from '@dl/tensor';
import { loadDigits } from './loadDigits.mjs';

/** The job's settings and their defaults (the reference setup of shared/reference/README.md). */
export const DEFAULTS = Object.freeze({
  epochs: 30,
  folds: 5,
  seed: 0,
  batchSize: 64,
  lr: 3e-3,
  weightDecay: 1e-4,
  labelSmoothing: 0.1,
  warmupFraction: 0.05,
  dropout: 0.1,
  patience: 0, // 0: no early stopping
  hessianBatch: 256,
  backend: 'wasm',
  threads: 1,
});

/** The CPU kernels @dl/tensor can run: WebAssembly SIMD and plain JavaScript. */
export const BACKENDS = Object.freeze(['wasm', 'js']);

/** The backends this engine runs: `wasm` needs WebAssembly SIMD (@dl/tensor falls back to `js` without it). */
export function availableBackends() {
  const previous = setKernelBackend('wasm');
  const wasm = getKernelBackend() === 'wasm';
  setKernelBackend(previous);
  return wasm ? ['wasm', 'js'] : ['js'];
}

/** MLP 64-128-64-10 with BatchNorm + ReLU and dropout, as PyTorch's reference builds it. */
export function buildModel(seed, p) {
  return new Sequential(
    new Linear(64, 128, { seed: seed * 10 + 1 }),
    new BatchNorm1d(128),
    new ReLU(),
    new Dropout({ p, seed: seed * 10 + 2 }),
    new Linear(128, 64, { seed: seed * 10 + 3 }),
    new BatchNorm1d(64),
    new ReLU(),
    new Linear(64, 10, { seed: seed * 10 + 4 }),
  );
}

/** The smallest cross-entropy a model can reach with label smoothing ε over C classes: the smoothed target's entropy. */
function smoothedFloor(eps, classes) {
  const hi = 1 - eps + eps / classes;
  const lo = eps / classes;
  return eps === 0 ? 0 : -(hi * Math.log(hi) + (classes - 1) * lo * Math.log(lo));
}

/**
 * Runs the whole job: stratified K-fold cross-validation of the MLP, with per-fold scaling, AdamW under warmup +
 * cosine, label-smoothed cross-entropy, metrics, a diagnosis per fold and a Hessian check at the final point.
 * @param {Partial<typeof DEFAULTS>} [settings]
 * @param {{ onStep?: (e: object) => void, onEpoch?: (e: object) => void, onFold?: (e: object) => void }} [hooks]
 */
export async function runDigits(settings = {}, hooks = {}) {
  const o = { ...DEFAULTS, ...settings };
  setKernelBackend(o.backend);
  const kernels = getKernelBackend(); // what runs: 'js' where the engine has no WebAssembly SIMD
  // matrix products of at least 2^21 multiply-adds split over this many threads (the validation passes and the
  // Hessian check's products; a training step's are smaller); bit-identical results whatever the count
  const previousThreads = setNumThreads(o.threads);
  const threads = getNumThreads(); // 1 where the engine cannot run threads
  const started = performance.now();
  const { x, y, labels } = loadDigits();
  const classes = 10;
  const splitter = stratifiedKFold({ nSplits: o.folds, shuffle: true, randomState: o.seed });

  const folds = [];
  const result = await crossValidate({
    splitter,
    data: { y: labels },
    fit: ({ fold, train, test }) => trainFold({ fold, train, test }),
    evaluate: (fold) => ({ accuracy: fold.accuracy, macroF1: fold.macroF1 }),
  });

  function trainFold({ fold, train, test }) {
    const foldStart = performance.now();
    const scaler = standardScaler();
    const xTrainRaw = indexSelect(x, 0, tensor(train, { dtype: 'int32' }));
    const state = scaler.fit(xTrainRaw); // fitted on this fold's training rows only: no leakage
    const xTrain = scaler.transform(xTrainRaw, state);
    const xTest = scaler.transform(indexSelect(x, 0, tensor(test, { dtype: 'int32' })), state);
    const yTrain = indexSelect(y, 0, tensor(train, { dtype: 'int32' }));
    const yTest = indexSelect(y, 0, tensor(test, { dtype: 'int32' }));

    const model = buildModel(o.seed + fold, o.dropout);
    const optimizer = createOptimizer(
      [...model.parameters()],
      adamw({ lr: o.lr, weightDecay: o.weightDecay }),
    );
    const stepsPerEpoch = Math.ceil(train.length / o.batchSize);
    const totalSteps = o.epochs * stepsPerEpoch;
    const lr = warmupCosineDecay({
      peak: o.lr,
      warmupSteps: Math.max(1, Math.floor(o.warmupFraction * totalSteps)),
      totalSteps,
    });
    const scheduler = createScheduler(optimizer, { schedules: { lr } });
    const lossOf = (logits, target) => crossEntropyLoss(logits, target, { labelSmoothing: o.labelSmoothing });
    const stopper =
      o.patience > 0
        ? createEarlyStopping(
            { monitor: 'val_loss', patience: o.patience, restoreBest: true },
            {
              snapshot: () => JSON.stringify(model.stateDict()),
              restore: (s) => model.loadStateDict(JSON.parse(s)),
            },
          )
        : null;

    const curves = { train: [], validation: [], validationAccuracy: [], lr: [] };
    let epochLoss = 0;
    let epochBatches = 0;
    let step = 0;
    let stoppedEpoch = null;
    for (const batch of shuffledBatches({
      indices: train.length,
      batchSize: o.batchSize,
      epochs: o.epochs,
      randomState: o.seed + fold,
    })) {
      if (batch.batch === 0) model.train(); // each epoch ends in evaluation mode
      if (batch.indices.length >= 2) {
        // BatchNorm needs two samples per channel in training
        const idx = tensor(batch.indices, { dtype: 'int32' });
        const currentLr = optimizer.paramGroups[0].lr;
        // one step in tidy(): the step's tensors go back to @dl/tensor's buffer pool for the next one
        const value = tidy(() => {
          optimizer.zeroGrad();
          const loss = lossOf(model.forward(indexSelect(xTrain, 0, idx)), indexSelect(yTrain, 0, idx));
          loss.backward();
          optimizer.step();
          return loss.item();
        });
        scheduler.step();
        epochLoss += value;
        epochBatches++;
        curves.lr.push(currentLr);
        hooks.onStep?.({ fold, step: step++, totalSteps, loss: value, lr: currentLr });
      }
      if (batch.batch === stepsPerEpoch - 1) {
        model.eval();
        const { loss: vLoss, accuracy: vAcc } = tidy(() =>
          noGrad(() => {
            const logits = model.forward(xTest);
            return {
              loss: lossOf(logits, yTest).item(),
              accuracy: accuracyScore(yTest.data, argmax(logits, { axis: 1 }).data),
            };
          }),
        );
        curves.train.push(epochLoss / epochBatches);
        curves.validation.push(vLoss);
        curves.validationAccuracy.push(vAcc);
        hooks.onEpoch?.({
          fold,
          epoch: batch.epoch,
          trainLoss: epochLoss / epochBatches,
          validationLoss: vLoss,
          validationAccuracy: vAcc,
        });
        epochLoss = 0;
        epochBatches = 0;
        if (stopper?.update(vLoss)) {
          stoppedEpoch = batch.epoch;
          break;
        }
      }
    }

    model.eval();
    const predicted = noGrad(() => argmax(model.forward(xTest), { axis: 1 }).data);
    const truth = yTest.data;
    const foldResult = {
      fold,
      trainSize: train.length,
      testSize: test.length,
      accuracy: accuracyScore(truth, predicted),
      macroF1: f1Score(truth, predicted, { average: 'macro' }),
      confusion: confusionMatrix(truth, predicted, { labels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }),
      curves,
      stoppedEpoch,
      diagnosis: diagnoseCurves(
        { train: curves.train, validation: curves.validation },
        {
          constantLoss: constantPredictorLoss('crossEntropy', Array.from(yTrain.data)),
          floor: smoothedFloor(o.labelSmoothing, classes),
        },
      ),
      hessian:
        o.hessianBatch > 0
          ? hessianCheck(model, xTrain, yTrain, Math.min(o.hessianBatch, train.length), lossOf)
          : null,
      seconds: (performance.now() - foldStart) / 1000,
    };
    folds[fold] = foldResult;
    hooks.onFold?.(foldResult);
    return foldResult;
  }

  const overall = diagnoseCurves(
    folds.map((f) => ({ train: f.curves.train, validation: f.curves.validation })),
    {
      constantLoss: constantPredictorLoss('crossEntropy', Array.from(labels)),
      floor: smoothedFloor(o.labelSmoothing, classes),
    },
  );
  setNumThreads(previousThreads);
  return {
    settings: o,
    kernels,
    threads,
    folds,
    mean: result.mean,
    std: result.std,
    diagnosis: overall,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The model's evaluation-mode loss on one batch as a function of one flat parameter vector (`linear` and
 * `batchNorm` with the layers' running statistics), and the model's parameters as that vector.
 */
export function flatLoss(model, xb, yb, lossOf) {
  const params = [...model.parameters()];
  const shapes = params.map((p) => p.shape);
  const sizes = params.map((p) => p.size);
  const flat = new Float32Array(sizes.reduce((a, b) => a + b, 0));
  let offset = 0;
  for (const p of params) {
    flat.set(p.data, offset);
    offset += p.size;
  }
  const layers = model.namedChildren().map(([, m]) => m);
  const f = (theta) => {
    let at = 0;
    const take = (i) => {
      const t = reshape(slice(theta, [[at, at + sizes[i]]]), shapes[i]);
      at += sizes[i];
      return t;
    };
    const w = shapes.map((_, i) => take(i));
    let h = linear(xb, w[0], w[1]);
    h = relu(
      batchNorm(h, {
        runningMean: layers[1].running_mean,
        runningVar: layers[1].running_var,
        weight: w[2],
        bias: w[3],
      }),
    );
    h = linear(h, w[4], w[5]);
    h = relu(
      batchNorm(h, {
        runningMean: layers[5].running_mean,
        runningVar: layers[5].running_var,
        weight: w[6],
        bias: w[7],
      }),
    );
    return lossOf(linear(h, w[8], w[9]), yb);
  };
  return { flat, f };
}

/**
 * The gradient of `f` at `flat` and exact Hessian-vector products there. One forward and one backward with
 * `createGraph`; every product is then a backward of that gradient's graph, kept by `retainGraph` (PyTorch's
 * `autograd.grad(g, θ, v, retain_graph=True)`): $Hv = \nabla_\theta (g \cdot v)$, the value `hvp(f, θ, v)` gives,
 * without a new forward and first backward per product.
 */
export function curvatureAt(f, flat) {
  const theta = tensor(flat, { requiresGrad: true });
  const [g] = gradients(f(theta), [theta], { createGraph: true });
  return {
    gradient: g.data,
    hvp: (v) => gradients(g, [theta], { seed: tensor(Float32Array.from(v)), retainGraph: true })[0].data,
  };
}

/**
 * The final point's curvature on one batch: gradient norm, the largest and the most negative Hessian eigenvalue
 * (Lanczos on exact Hessian-vector products by double backward) of the evaluation-mode loss.
 */
function hessianCheck(model, xTrain, yTrain, batch, lossOf) {
  const started = performance.now();
  const { flat, f } = flatLoss(model, slice(xTrain, [[0, batch]]), slice(yTrain, [[0, batch]]), lossOf);
  const at = curvatureAt(f, flat);
  const analysis = analyzeCriticalPoint({
    point: flat,
    gradient: () => at.gradient, // asked at the point only (the hvp is given)
    hvp: at.hvp,
    lanczos: { maxIterations: 60, tolerance: 1e-2 },
  });
  return {
    parameters: flat.length,
    batch,
    gradientNorm: analysis.gradientNorm,
    largest: analysis.largest.value,
    largestResidual: analysis.largest.residual,
    smallest: analysis.smallest.value,
    smallestResidual: analysis.smallest.residual,
    products: analysis.products,
    kind: analysis.kind,
    reason: analysis.reason,
    seconds: (performance.now() - started) / 1000,
  };
}
