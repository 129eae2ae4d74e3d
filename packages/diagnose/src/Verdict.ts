/**
 * The cases of the training playbook that {@link diagnoseCurves} tells apart:
 * - `'model-bias'`: the training loss stays large and flat — the model cannot fit the data;
 * - `'optimization'`: the training loss is large but a smaller or simpler model reaches lower — the optimizer fails;
 * - `'overfitting'`: training loss small, validation loss has a minimum and then rises;
 * - `'mismatch'`: validation fine (i.i.d. split) but the test loss is much worse — train/test distributions differ;
 * - `'not-converged'`: the training loss is still falling at the end;
 * - `'diverging'`: non-finite losses, or the loss ends far above where it started;
 * - `'healthy'`; `'inconclusive'` (not enough data to judge: the reason says what is missing).
 */
export type Verdict =
  | 'model-bias'
  | 'optimization'
  | 'overfitting'
  | 'mismatch'
  | 'not-converged'
  | 'diverging'
  | 'healthy'
  | 'inconclusive';
