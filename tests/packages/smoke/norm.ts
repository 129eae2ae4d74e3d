import { type MinMaxScalerState, minMaxScaler, type StandardScalerState, standardScaler } from '@dl/norm';
import { type Tensor, tensor } from '@dl/tensor';

const state: StandardScalerState = standardScaler({ withMean: false }).fit([[1], [2]]);
const rows: number[][] = standardScaler().transform([[1]], state);
const t: Tensor = standardScaler().transform(tensor([[1]]), state);
const mm: MinMaxScalerState = minMaxScaler({ featureRange: [-1, 1] }).partialFit([[3]]);

export { mm, rows, t };
