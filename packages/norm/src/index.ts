export type { MaxAbsScalerState } from './maxAbsScaler';
export { maxAbsScaler } from './maxAbsScaler';
export type { MinMaxScalerOptions, MinMaxScalerState } from './minMaxScaler';
export { minMaxScaler } from './minMaxScaler';
export type { RobustScalerOptions, RobustScalerState } from './robustScaler';
export { robustScaler } from './robustScaler';
export type { FitTransformResult, IncrementalScaler, Matrix, Scaler, Transformed } from './Scaler';
export type { StandardScalerOptions, StandardScalerState } from './standardScaler';
export { standardScaler } from './standardScaler';
