import { type Average, f1Score, type Labels, type TensorDataLike } from '@dl/metrics';

const average: Average = 'macro';
const y: Labels = ['cat', 'dog'];
const t: TensorDataLike = { shape: [2], data: Float32Array.of(0, 1) };
export const score: number | number[] = f1Score(y, y, { average });
export const fromTensor = f1Score(t, t);
