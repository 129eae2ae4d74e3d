import { describe } from '@dl/internal';
import { checkShape, formatShape } from '../shape';

/** @internal The typed-array kind of `data` by its tag (works across realms), or undefined. */
export function arrayKind(data: unknown): 'float32' | 'float64' | 'int32' | undefined {
  if (!ArrayBuffer.isView(data)) return undefined;
  switch ((data as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag]) {
    case 'Float32Array':
      return 'float32';
    case 'Int32Array':
      return 'int32';
    case 'Float64Array':
      return 'float64';
    default:
      return undefined;
  }
}

/** @internal Validates a TensorData-like object; returns its copied shape and dtype, or throws naming `fn`. */
export function checkTensorData(
  fn: string,
  arg: string,
  d: unknown,
  allowFloat64: boolean,
): { shape: number[]; dtype: 'float32' | 'float64' | 'int32' } {
  if (d === null || typeof d !== 'object') {
    throw new TypeError(`${fn}: ${arg} must be a TensorData object { shape, data }, got ${describe(d)}`);
  }
  const o = d as { shape?: unknown; data?: unknown; version?: unknown };
  if (o.version !== undefined && o.version !== 1) {
    throw new RangeError(`${fn}: ${arg}.version must be 1 (INTERFACE_VERSION), got ${describe(o.version)}`);
  }
  const shape = checkShape(fn, `${arg}.shape`, o.shape);
  const dtype = arrayKind(o.data);
  if (dtype === undefined || (dtype === 'float64' && !allowFloat64)) {
    const got =
      o.data === null
        ? 'null'
        : typeof o.data === 'object'
          ? ((o.data as object).constructor?.name ?? 'an object')
          : typeof o.data;
    throw new TypeError(
      `${fn}: ${arg}.data must be a Float32Array or an Int32Array${allowFloat64 ? ' (or a Float64Array)' : ''}, got ${got}`,
    );
  }
  const n = shape.reduce((a, b) => a * b, 1);
  const len = (o.data as ArrayLike<number>).length;
  if (n !== len) {
    throw new RangeError(
      `${fn}: ${arg}.shape ${formatShape(shape)} holds ${n} elements, but ${arg}.data has ${len}`,
    );
  }
  return { shape, dtype };
}
