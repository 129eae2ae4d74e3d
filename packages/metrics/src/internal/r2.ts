/** scikit-learn's `_assemble_r2_explained_variance`: 1 - num/den per output, with the forceFinite rule. */
export function r2Scores(num: Float64Array, den: Float64Array, forceFinite: boolean): Float64Array {
  const k = num.length;
  const out = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    if (!forceFinite) out[j] = 1 - num[j]! / den[j]!;
    else if (num[j] === 0) out[j] = 1;
    else out[j] = den[j] === 0 ? 0 : 1 - num[j]! / den[j]!;
  }
  return out;
}
