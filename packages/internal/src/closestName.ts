/**
 * Spellings from PyTorch, NumPy, scikit-learn, Keras and optax, mapped to the @dl names they correspond to. A key
 * maps to several candidates where the meaning depends on the function (`lr` is `lr` in @dl/optim, but optax says
 * `learning_rate`); the first candidate that the function accepts is suggested.
 */
export const FOREIGN_NAMES: Readonly<Record<string, readonly { name: string; from: string }[]>> = {
  dim: [{ name: 'axis', from: 'PyTorch' }],
  dims: [
    { name: 'axes', from: 'PyTorch' },
    { name: 'axis', from: 'PyTorch' },
  ],
  axes: [{ name: 'axis', from: 'NumPy' }],
  keepdim: [{ name: 'keepDims', from: 'PyTorch' }],
  keepdims: [{ name: 'keepDims', from: 'NumPy' }],
  unbiased: [{ name: 'correction', from: 'PyTorch' }],
  ddof: [{ name: 'correction', from: 'NumPy' }],
  random_state: [
    { name: 'randomState', from: 'scikit-learn' },
    { name: 'seed', from: 'scikit-learn' },
  ],
  seed: [{ name: 'randomState', from: 'NumPy' }],
  generator: [
    { name: 'randomState', from: 'PyTorch' },
    { name: 'seed', from: 'PyTorch' },
  ],
  learning_rate: [{ name: 'lr', from: 'optax/Keras' }],
  learningRate: [{ name: 'lr', from: 'TensorFlow.js' }],
  epsilon: [{ name: 'eps', from: 'Keras' }],
  eps: [{ name: 'epsilon', from: 'PyTorch' }],
  beta_1: [
    { name: 'betas', from: 'Keras' },
    { name: 'b1', from: 'Keras' },
  ],
  beta_2: [
    { name: 'betas', from: 'Keras' },
    { name: 'b2', from: 'Keras' },
  ],
  b1: [{ name: 'betas', from: 'optax' }],
  b2: [{ name: 'betas', from: 'optax' }],
  use_bias: [{ name: 'bias', from: 'Keras' }],
  useBias: [{ name: 'bias', from: 'Keras' }],
  n_splits: [{ name: 'nSplits', from: 'scikit-learn' }],
  n_repeats: [{ name: 'nRepeats', from: 'scikit-learn' }],
  test_size: [{ name: 'testSize', from: 'scikit-learn' }],
  train_size: [{ name: 'trainSize', from: 'scikit-learn' }],
  sample_weight: [{ name: 'sampleWeight', from: 'scikit-learn' }],
  zero_division: [{ name: 'zeroDivision', from: 'scikit-learn' }],
  pos_label: [{ name: 'posLabel', from: 'scikit-learn' }],
  multi_class: [{ name: 'multiClass', from: 'scikit-learn' }],
  max_fpr: [{ name: 'maxFpr', from: 'scikit-learn' }],
  drop_intermediate: [{ name: 'dropIntermediate', from: 'scikit-learn' }],
  requires_grad: [{ name: 'requiresGrad', from: 'PyTorch' }],
};

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment), case-insensitive. */
function distance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** `random_state` -> `randomState`. */
function camelCase(name: string): string {
  return name.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A suggestion for an unknown name: the valid name meant, and which library spells it that way (if any). */
export interface NameSuggestion {
  name: string;
  from?: string;
}

/**
 * The valid name a user most likely meant by `key`: a known foreign spelling (`dim` -> `axis`), the camelCase of
 * a snake_case name (`weight_decay` -> `weightDecay`), the same name in another case, or the closest valid name
 * by edit distance (a swap of neighbours is one edit; at most 2 edits, and at most a third of the name). `undefined` when nothing is close.
 *
 * @param key - the unknown name.
 * @param valid - the names the function accepts.
 * @returns the suggestion, or undefined.
 */
export function closestName(key: string, valid: readonly string[]): NameSuggestion | undefined {
  for (const candidate of FOREIGN_NAMES[key] ?? []) {
    if (valid.includes(candidate.name)) return { name: candidate.name, from: candidate.from };
  }
  const camel = camelCase(key);
  if (camel !== key && valid.includes(camel)) return { name: camel, from: 'snake_case' };
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of valid) {
    const d = distance(key, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  const limit = Math.min(2, Math.max(1, Math.floor(key.length / 3)));
  return best !== undefined && bestDistance <= limit ? { name: best } : undefined;
}
