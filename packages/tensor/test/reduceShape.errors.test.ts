import { describe, expect, test } from 'vitest';
import { tensor } from '../src/creation/tensor';
import { argmax } from '../src/ops/argmax';
import { argmin } from '../src/ops/argmin';
import { cast } from '../src/ops/cast';
import { clone } from '../src/ops/clone';
import { concat } from '../src/ops/concat';
import { flatten } from '../src/ops/flatten';
import { gather } from '../src/ops/gather';
import { indexSelect } from '../src/ops/indexSelect';
import { logSoftmax } from '../src/ops/logSoftmax';
import { logSumExp } from '../src/ops/logSumExp';
import { matmul } from '../src/ops/matmul';
import { max } from '../src/ops/max';
import { mean } from '../src/ops/mean';
import { min } from '../src/ops/min';
import { oneHot } from '../src/ops/oneHot';
import { pad } from '../src/ops/pad';
import { permute } from '../src/ops/permute';
import { slice } from '../src/ops/slice';
import { softmax } from '../src/ops/softmax';
import { split } from '../src/ops/split';
import { squeeze } from '../src/ops/squeeze';
import { stack } from '../src/ops/stack';
import { std } from '../src/ops/std';
import { sum } from '../src/ops/sum';
import { transpose } from '../src/ops/transpose';
import { unsqueeze } from '../src/ops/unsqueeze';
import { variance } from '../src/ops/variance';
import { Tensor } from '../src/tensor';

const zeros = (shape: number[], dtype: 'float32' | 'float64' | 'int32' = 'float32') =>
  new Tensor(
    dtype === 'int32'
      ? new Int32Array(shape.reduce((a, b) => a * b, 1))
      : dtype === 'float64'
        ? new Float64Array(shape.reduce((a, b) => a * b, 1))
        : new Float32Array(shape.reduce((a, b) => a * b, 1)),
    shape,
    dtype,
  );
const int = (v: number[] | number[][]) => tensor(v, { dtype: 'int32' });

describe('errors name the op, the argument, what was received and what was expected', () => {
  test('bad axes in reductions', () => {
    const x = zeros([2, 3]);
    expect(() => mean(x, { axis: 2 })).toThrow(
      new RangeError('mean: axis must be an integer in [-2, 1] for a tensor of rank 2, got 2'),
    );
    expect(() => variance(x, { axis: [0, -2] })).toThrow('variance: axis -2 is repeated in [0, -2]');
    expect(() => std(x, { axis: 1.5 })).toThrow(RangeError);
    expect(() => max(x, { axis: -3 })).toThrow('max: axis must be an integer in [-2, 1]');
    expect(() => min(x, { axis: 5 })).toThrow('min: axis must be an integer');
    expect(() => logSumExp(x, { axis: 7 })).toThrow('logSumExp: axis must be an integer');
    expect(() => argmax(x, { axis: 2 })).toThrow(
      'argmax: axis must be an integer in [-2, 1] for a tensor of rank 2, got 2',
    );
    expect(() => argmin(x, { axis: [0] as unknown as number })).toThrow(
      new TypeError('argmin: axis must be a single integer (or omitted), got [0]'),
    );
    expect(() => softmax(x, { axis: 2 })).toThrow(
      'softmax: axis must be an integer in [-2, 1] for a tensor of rank 2, got 2',
    );
    expect(() => logSoftmax(x, { axis: -3 })).toThrow('logSoftmax: axis must be an integer');
  });

  test('dtype errors: float-only ops reject int32, non-tensors are TypeErrors', () => {
    const i = zeros([2], 'int32');
    for (const [name, f] of [
      ['mean', mean],
      ['variance', variance],
      ['std', std],
      ['logSumExp', logSumExp],
      ['softmax', softmax],
      ['logSoftmax', logSoftmax],
    ] as const) {
      expect(() => f(i)).toThrow(
        new TypeError(
          `${name}: x must be a float32 or float64 tensor, got int32; convert it with cast() first`,
        ),
      );
    }
    expect(() => mean([1, 2] as unknown as Tensor)).toThrow(
      new TypeError('mean: x must be a Tensor, got [1, 2]'),
    );
    expect(() => transpose(null as unknown as Tensor)).toThrow('transpose: x must be a Tensor, got null');
  });

  test('variance correction must be non-negative; max/argmax of an empty tensor', () => {
    expect(() => variance(zeros([3]), { correction: -1 })).toThrow(
      new RangeError('variance: correction must be a finite number >= 0, got -1'),
    );
    expect(() => max(zeros([0]))).toThrow('max: cannot reduce a tensor with no elements, got shape [0]');
    expect(() => argmax(zeros([2, 0]))).toThrow(
      'argmax: cannot reduce a tensor with no elements, got shape [2, 0]',
    );
  });

  test('matmul: inner dimensions, batch dimensions, rank 0, dtypes', () => {
    expect(() => matmul(zeros([64, 10]), zeros([12, 3]))).toThrow(
      new RangeError('matmul: inner dimensions differ: [64, 10] x [12, 3]'),
    );
    expect(() => matmul(zeros([3]), zeros([4]))).toThrow('matmul: inner dimensions differ: [3] x [4]');
    expect(() => matmul(zeros([2, 3, 4]), zeros([5, 4, 2]))).toThrow(
      'matmul: batch dimensions cannot be broadcast: [2, 3, 4] x [5, 4, 2] (batch dimension 0: 2 vs 5)',
    );
    expect(() => matmul(zeros([]), zeros([3]))).toThrow(
      'matmul: both operands must have at least one dimension, got [] x [3]',
    );
    expect(() => matmul(zeros([2, 2]), zeros([2, 2], 'float64') as Tensor)).toThrow(
      new TypeError('matmul: dtypes differ: float32 and float64; convert one with cast() first'),
    );
  });

  test('concat and stack: mismatched shapes name the index and both shapes; dtypes; empty lists', () => {
    expect(() => concat([zeros([2, 3]), zeros([2, 3]), zeros([4, 4])])).toThrow(
      new RangeError(
        "concat: tensors[2] has shape [4, 4], which does not match tensors[0]'s shape [2, 3] except along axis 0",
      ),
    );
    expect(() => concat([zeros([2, 3]), zeros([2])], 0)).toThrow('concat: tensors[1] has shape [2]');
    expect(() => concat([zeros([2]), zeros([2])], 1)).toThrow(
      'concat: axis must be an integer in [-1, 0] for a tensor of rank 1, got 1',
    );
    expect(() => concat([])).toThrow(
      new TypeError('concat: tensors must be a non-empty array of Tensors, got []'),
    );
    expect(() => concat([zeros([2]), zeros([2], 'int32')])).toThrow(
      new TypeError(
        'concat: dtypes differ: tensors[0] is float32 but tensors[1] is int32; convert with cast() first',
      ),
    );
    expect(() => concat([zeros([])])).toThrow('concat: tensors must have at least one dimension');
    expect(() => stack([zeros([2, 3]), zeros([3, 2])])).toThrow(
      new RangeError("stack: tensors[1] has shape [3, 2], expected tensors[0]'s shape [2, 3]"),
    );
    expect(() => stack([zeros([2])], 3)).toThrow(
      'stack: axis must be an integer in [-2, 1] for a tensor of rank 1, got 3',
    );
  });

  test('gather, indexSelect, oneHot: out-of-range indices and index dtype', () => {
    const x = zeros([2, 3]);
    expect(() => gather(x, int([[0, 3]]), 1)).toThrow(
      new RangeError('gather: index 3 at position [0, 1] is out of range for axis 1 of size 3'),
    );
    expect(() => gather(x, int([[-1]]), 0)).toThrow(
      'gather: index -1 at position [0, 0] is out of range for axis 0 of size 2',
    );
    expect(() => gather(x, tensor([[0]]), 0)).toThrow(
      new TypeError('gather: index must be an int32 tensor, got float32'),
    );
    expect(() => gather(x, int([0]), 0)).toThrow(
      "gather: index has shape [1], expected the rank of x ([2, 3]) and sizes no larger than x's outside axis 0",
    );
    expect(() => gather(x, int([[0, 0, 0, 0]]), 0)).toThrow('gather: index has shape [1, 4]');
    expect(() => gather(x, int([[0]]), 2)).toThrow('gather: axis must be an integer in [-2, 1]');
    expect(() => indexSelect(x, 1, int([0, 5]))).toThrow(
      new RangeError('indexSelect: index[1] = 5 is out of range for axis 1 of size 3 (shape [2, 3])'),
    );
    expect(() => indexSelect(x, 0, int([[0]]))).toThrow('indexSelect: index must be 1-D, got shape [1, 1]');
    expect(() => indexSelect(x, 0, tensor([0]))).toThrow(
      'indexSelect: index must be an int32 tensor, got float32',
    );
    expect(() => indexSelect(zeros([]), 0, int([0]))).toThrow(
      'indexSelect: x must have at least one dimension',
    );
    expect(() => oneHot(int([0, 3]), 3)).toThrow(
      new RangeError('oneHot: labels[1] (flat index) is 3, expected a class in [0, 2]'),
    );
    expect(() => oneHot(int([-1]), 3)).toThrow('oneHot: labels[0] (flat index) is -1');
    expect(() => oneHot(tensor([1]), 3)).toThrow(
      new TypeError('oneHot: labels must be an int32 tensor, got float32'),
    );
    expect(() => oneHot(int([1]), 0)).toThrow('oneHot: numClasses must be a positive integer or -1, got 0');
  });

  test('transpose/permute, squeeze/unsqueeze, flatten, slice, split, pad, cast', () => {
    const x = zeros([2, 3, 4]);
    expect(() => transpose(x, [0, 1])).toThrow(
      new RangeError(
        'transpose: axes must be a permutation of the 3 axes of the input (negative allowed), got [0, 1]',
      ),
    );
    expect(() => transpose(x, [0, 1, 1])).toThrow('got [0, 1, 1]');
    expect(() => permute(x, [0, 3, 1])).toThrow(
      'permute: axes must be a permutation of the 3 axes of the input (negative allowed), got [0, 3, 1]',
    );
    expect(() => permute(x, undefined as unknown as number[])).toThrow(
      new TypeError('permute: axes is required, got undefined; use transpose() to reverse'),
    );
    expect(() => squeeze(x, 3)).toThrow('squeeze: axis must be an integer in [-3, 2]');
    expect(() => unsqueeze(x, 4)).toThrow(
      new RangeError('unsqueeze: axis must be an integer in [-4, 3] for a tensor of rank 3, got 4'),
    );
    expect(() => flatten(x, { startDim: 2, endDim: 1 })).toThrow(
      new RangeError('flatten: startDim (2) must not come after endDim (1) for shape [2, 3, 4]'),
    );
    expect(() => flatten(x, { endDim: 3 })).toThrow('flatten: endDim must be an integer in [-3, 2]');
    expect(() => slice(x, [null, null, null, null])).toThrow(
      new RangeError('slice: got 4 ranges for a tensor of rank 3 (shape [2, 3, 4])'),
    );
    expect(() => slice(x, [[0, 2, 0]])).toThrow(
      new RangeError('slice: ranges[0] step must be a positive integer, got 0'),
    );
    expect(() => slice(x, [null, [0.5]])).toThrow(
      new TypeError('slice: ranges[1] start must be an integer, got 0.5'),
    );
    expect(() => slice(x, [5 as unknown as [number]])).toThrow(
      'slice: ranges[0] must be null or [start, end?, step?]',
    );
    expect(() => split(x, [1, 1], { axis: 1 })).toThrow(
      new RangeError(
        'split: sections [1, 1] must be non-negative integers summing to 3 (axis 1 of shape [2, 3, 4])',
      ),
    );
    expect(() => split(x, 0)).toThrow('split: splitSizeOrSections must be a positive integer, got 0');
    expect(() => pad(x, [1])).toThrow(
      new RangeError(
        'pad: pads must be an even number (at most 6 for shape [2, 3, 4]) of non-negative integers, last axis first, got [1]',
      ),
    );
    expect(() => pad(x, [1, -1])).toThrow('got [1, -1]');
    expect(() => pad(x, [0, 0, 0, 0, 0, 0, 1, 1])).toThrow('at most 6');
    expect(() => cast(x, 'int64' as 'int32')).toThrow(
      new TypeError("cast: dtype must be 'float32', 'float64' or 'int32', got \"int64\""),
    );
  });
});

describe('behaviour where PyTorch and NumPy conventions matter', () => {
  test('argmax/argmin take the first occurrence; NaN counts as the extreme', () => {
    expect(argmax(tensor([1, 3, 3, 2])).item()).toBe(1);
    expect(argmin(tensor([[2, 0, 0]]), { axis: 1 }).toArray()).toEqual([1]);
    expect(argmax(tensor([1, Number.NaN, 5, Number.NaN])).item()).toBe(1);
    expect(
      argmax(
        tensor([
          [1, 2],
          [3, 0],
        ]),
        { keepDims: true },
      ).shape,
    ).toEqual([1, 1]);
    expect(max(tensor([1, Number.NaN, 5])).item()).toBeNaN();
  });

  test('max/min gradient: one axis -> first tie only; all axes or several axes -> split evenly', () => {
    const x = tensor(
      [
        [1, 3, 3],
        [2, 2, 0],
      ],
      { requiresGrad: true },
    );
    sum(max(x, { axis: 1 })).backward();
    expect(x.grad!.toArray()).toEqual([
      [0, 1, 0],
      [1, 0, 0],
    ]);
    x.zeroGrad();
    max(x).backward();
    expect(x.grad!.toArray()).toEqual([
      [0, 0.5, 0.5],
      [0, 0, 0],
    ]);
    x.zeroGrad();
    sum(min(x, { axis: [0, 1], keepDims: true })).backward();
    expect(x.grad!.toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 1],
    ]);
  });

  test('variance and std: correction 1 by default; too few elements give NaN / Infinity like PyTorch', () => {
    expect(variance(tensor([1, 2, 3, 4])).item()).toBeCloseTo(5 / 3, 6);
    expect(variance(tensor([1, 2, 3, 4]), { correction: 0 }).item()).toBeCloseTo(1.25, 6);
    expect(variance(tensor([5])).item()).toBeNaN();
    expect(std(tensor([1, 2]), { correction: 2 }).item()).toBe(Number.POSITIVE_INFINITY);
    expect(mean(zeros([0])).item()).toBeNaN();
  });

  test('logSumExp and softmax stay finite for huge inputs and handle -Infinity', () => {
    expect(logSumExp(tensor([1e30, 1e30])).item()).toBeCloseTo(1e30, -24);
    expect(logSumExp(tensor([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY])).item()).toBe(
      Number.NEGATIVE_INFINITY,
    );
    expect(softmax(tensor([Number.NEGATIVE_INFINITY, 0])).toArray()).toEqual([0, 1]);
    expect(logSoftmax(tensor([-1e4, 1e4])).toArray()).toEqual([-2e4, 0]);
    expect(softmax(tensor(3)).item()).toBe(1);
  });

  test('matmul shapes follow torch.matmul for 1-D operands', () => {
    expect(matmul(zeros([3]), zeros([3])).shape).toEqual([]);
    expect(matmul(zeros([3]), zeros([2, 3, 5])).shape).toEqual([2, 5]);
    expect(matmul(zeros([2, 4, 3]), zeros([3])).shape).toEqual([2, 4]);
    expect(matmul(zeros([5, 1, 2, 3]), zeros([4, 3, 6])).shape).toEqual([5, 4, 2, 6]);
    expect(matmul(zeros([0, 3]), zeros([3, 2])).shape).toEqual([0, 2]);
    expect(Array.from(matmul(zeros([2, 0]), zeros([0, 2])).data)).toEqual([0, 0, 0, 0]);
  });

  test('squeeze leaves a listed axis of size other than 1 in place (PyTorch); slice clamps out-of-range bounds', () => {
    expect(squeeze(zeros([2, 1, 3]), [0, 1]).shape).toEqual([2, 3]);
    expect(slice(zeros([3, 4]), [[5, 9]]).shape).toEqual([0, 4]);
    expect(slice(zeros([3, 4]), [[-10, 10]]).shape).toEqual([3, 4]);
    expect(flatten(zeros([])).shape).toEqual([1]);
  });

  test('cast truncates toward zero, returns the same tensor for the same dtype, and passes gradients between floats', () => {
    const x = tensor([2.9, -2.9, 0.5], { requiresGrad: true });
    expect(cast(x, 'float32')).toBe(x);
    expect(cast(x, 'int32').toArray()).toEqual([2, -2, 0]);
    expect(cast(x, 'int32').requiresGrad).toBe(false);
    const y = cast(x, 'float64');
    expect(y.dtype).toBe('float64');
    sum(y).backward();
    expect(x.grad!.dtype).toBe('float32');
    expect(x.grad!.toArray()).toEqual([1, 1, 1]);
    const c = clone(x);
    expect(c.data).not.toBe(x.data);
    expect(c.requiresGrad).toBe(true);
  });

  test('oneHot infers numClasses with -1 and returns float32', () => {
    const y = oneHot(int([[2], [0]]));
    expect(y.dtype).toBe('float32');
    expect(y.toArray()).toEqual([[[0, 0, 1]], [[1, 0, 0]]]);
  });
});
