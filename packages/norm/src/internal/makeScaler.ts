import type { FitTransformResult, IncrementalScaler, Matrix, Transformed } from '../Scaler';
import { checkState, checkWidth, type ReadMatrix, readMatrix, writeMatrix } from './matrix';

/** What one scaler defines; {@link makeScaler} adds reading, checking and writing. */
export interface ScalerSpec<S extends { kind: string; nFeatures: number }> {
  kind: S['kind'];
  /** New statistics from `m`, merged into `prev` when given (`fn` names the public method in errors). */
  fit(fn: string, m: ReadMatrix, prev: S | undefined): S;
  /** Checks the state's statistics (it may come from JSON). */
  check(fn: string, state: S): void;
  /** Scales (or, with `inverse`, unscales) one value of feature `j`, in place over `data`. */
  apply(data: Float64Array, cols: number, state: S, inverse: boolean): void;
}

/** Builds the methods every scaler shares from its statistics and its per-feature map. */
export function makeScaler<S extends { kind: string; nFeatures: number }>(
  spec: ScalerSpec<S>,
): IncrementalScaler<S> {
  const { kind } = spec;
  const run = (method: string, x: Matrix, state: S, inverse: boolean): Matrix => {
    const fn = `${kind}.${method}`;
    const s = checkState<S>(fn, kind, state);
    spec.check(fn, s);
    const m = readMatrix(fn, 'x', x);
    checkWidth(fn, 'x', m, s.nFeatures);
    spec.apply(m.data, m.cols, s, inverse);
    return writeMatrix(m.like, m.rows, m.cols, m.data);
  };
  const fit = (x: Matrix): S => spec.fit(`${kind}.fit`, readMatrix(`${kind}.fit`, 'x', x), undefined);
  return {
    fit,
    partialFit(x: Matrix, state?: S): S {
      const fn = `${kind}.partialFit`;
      const m = readMatrix(fn, 'x', x);
      if (state === undefined) return spec.fit(fn, m, undefined);
      const s = checkState<S>(fn, kind, state);
      spec.check(fn, s);
      checkWidth(fn, 'x', m, s.nFeatures);
      return spec.fit(fn, m, s);
    },
    transform: <M extends Matrix>(x: M, state: S) => run('transform', x, state, false) as Transformed<M>,
    inverseTransform: <M extends Matrix>(x: M, state: S) =>
      run('inverseTransform', x, state, true) as Transformed<M>,
    fitTransform<M extends Matrix>(x: M): FitTransformResult<S, M> {
      const fn = `${kind}.fitTransform`;
      const m = readMatrix(fn, 'x', x);
      const state = spec.fit(fn, m, undefined);
      spec.apply(m.data, m.cols, state, false);
      return { state, output: writeMatrix(m.like, m.rows, m.cols, m.data) as Transformed<M> };
    },
  };
}
