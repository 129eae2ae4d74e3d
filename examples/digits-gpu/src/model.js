// The digits job's model and training step, on any device: the MLP 64-128-64-10 with BatchNorm1d + ReLU and
// dropout of examples/digits, label-smoothed cross-entropy, AdamW under warmup + cosine decay, written as on the
// CPU (on a device, dropout draws its mask on the device: the same rate, not the CPU's mask). Used by the page (src/train.js) and by the Node tests,
// which run it on headless-gl against the CPU.
import { crossEntropyLoss } from '@dl/loss';
import { Dropout, Linear, ReLU, Sequential } from '@dl/nn';
import { BatchNorm1d } from '@dl/norm';
import { adamw, createOptimizer } from '@dl/optim';
import { createScheduler, warmupCosineDecay } from '@dl/schedule';
import { add, Tensor, tidy, toDevice } from '@dl/tensor';

/** The job's settings (examples/digits DEFAULTS). */
export const SETTINGS = Object.freeze({
  lr: 3e-3,
  weightDecay: 1e-4,
  labelSmoothing: 0.1,
  warmupFraction: 0.05,
  dropout: 0.1,
});

/** MLP 64-128-64-10 with BatchNorm + ReLU and dropout `p`, as examples/digits builds it (seeded). */
export function buildModel(seed, p = SETTINGS.dropout) {
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

/**
 * Moves every float parameter and buffer of `model` onto `device` (`'cpu'` leaves it): each module's tensor
 * fields are replaced by device copies, which keep requiring gradients (int32 buffers such as BatchNorm's
 * `num_batches_tracked` stay on the CPU). The model's own code is unchanged.
 */
export function moduleToDevice(model, device) {
  if (device === 'cpu') return model;
  for (const m of model.modules()) {
    for (const key of Object.keys(m)) {
      const t = m[key];
      if (t instanceof Tensor && t.dtype === 'float32')
        m[key] = toDevice(t.detach(), device).setRequiresGrad(t.requiresGrad);
    }
  }
  return model;
}

/** The optimizer, scheduler and step function of a model on its device, for `totalSteps` steps. */
export function trainer(model, totalSteps) {
  const optimizer = createOptimizer(
    [...model.parameters()],
    adamw({ lr: SETTINGS.lr, weightDecay: SETTINGS.weightDecay }),
  );
  const lr = warmupCosineDecay({
    peak: SETTINGS.lr,
    warmupSteps: Math.max(1, Math.floor(SETTINGS.warmupFraction * totalSteps)),
    totalSteps,
  });
  const scheduler = createScheduler(optimizer, { schedules: { lr } });
  const lossOf = (logits, target) =>
    crossEntropyLoss(logits, target, { labelSmoothing: SETTINGS.labelSmoothing });
  /**
   * One training step on a batch (input rows and one-hot targets, on the model's device), inside tidy: only the
   * updated parameters, moments and running statistics stay. `sum` (a device scalar or null) accumulates the
   * loss on the device, so nothing is read back per step; the new sum is returned.
   */
  const step = (xb, yb, sum = null) => {
    model.train();
    optimizer.zeroGrad();
    const next = tidy(() => {
      const loss = lossOf(model.forward(xb), yb);
      loss.backward();
      optimizer.step();
      return sum === null ? loss.detach() : add(sum, loss.detach());
    });
    sum?.dispose();
    scheduler.step();
    return next;
  };
  return { optimizer, scheduler, step, lossOf };
}
