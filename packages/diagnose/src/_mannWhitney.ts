import { normalSf } from './_normal';

/** @internal The tie-corrected Mann–Whitney moments of one fold: U, its null mean and variance. */
export function mannWhitneyMoments(scores: ArrayLike<number>, labels: ArrayLike<number>, auc: number) {
  const n = scores.length;
  let n1 = 0;
  for (let i = 0; i < n; i++) n1 += labels[i]!;
  const n0 = n - n1;
  const sorted = Array.from(scores).sort((a, b) => a - b);
  let ties = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && sorted[j + 1] === sorted[i]) j++;
    const t = j - i + 1;
    ties += t * t * t - t;
    i = j + 1;
  }
  return {
    u: auc * n0 * n1,
    mean: (n0 * n1) / 2,
    variance: ((n0 * n1) / 12) * (n + 1 - ties / (n * (n - 1))),
    pairs: n0 * n1,
  };
}

/** @internal One-sided normal p-value of the summed U statistics of the folds (no continuity correction). */
export function mannWhitneyPValue(folds: readonly ReturnType<typeof mannWhitneyMoments>[]): number {
  let u = 0;
  let m = 0;
  let v = 0;
  for (const f of folds) {
    u += f.u;
    m += f.mean;
    v += f.variance;
  }
  if (!(v > 0)) return 1;
  return normalSf((u - m) / Math.sqrt(v));
}
