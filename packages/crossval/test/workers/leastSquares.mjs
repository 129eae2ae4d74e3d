// A worker module for crossValidate({ worker }): a deterministic least-squares fit, scored by mean squared error.
// Plain JavaScript so that Node's worker threads can import it without a TypeScript loader.

/** Fits y ≈ a·x + b on the given rows (closed form). */
export function fitModel(payload, train) {
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const i of train) {
    const x = payload.x[i];
    const y = payload.y[i];
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const n = train.length;
  const a = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return { a, b: (sy - a * sx) / n };
}

/** Mean squared error of the model on the given rows. */
export function score(payload, model, indices) {
  let s = 0;
  for (const i of indices) {
    const e = model.a * payload.x[i] + model.b - payload.y[i];
    s += e * e;
  }
  return s / indices.length;
}

/** The worker entry point: one fold. Tracks how many folds run at once in a shared counter, when given. */
export function fitAndScore(task) {
  const { payload } = task;
  let active;
  if (payload.counter) {
    active = new Int32Array(payload.counter);
    const now = Atomics.add(active, 0, 1) + 1;
    let max = Atomics.load(active, 1);
    while (now > max && Atomics.compareExchange(active, 1, max, now) !== max) max = Atomics.load(active, 1);
    // Hold the fold open long enough for the others to start.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, payload.holdMs ?? 0);
  }
  const model = fitModel(payload, task.train);
  const result = { testScore: { mse: score(payload, model, task.test) } };
  if (task.returnTrainScore) result.trainScore = { mse: score(payload, model, task.train) };
  if (active) Atomics.sub(active, 0, 1);
  return result;
}

/** A broken entry point, for the driver's error tests. */
export function returnsNumber() {
  return 42;
}

/** An entry point that ignores returnTrainScore, for the driver's error tests. */
export function withoutTrainScore() {
  return { testScore: 1 };
}
