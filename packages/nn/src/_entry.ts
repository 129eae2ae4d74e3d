import { describe } from '@dl/internal';
import { type DType, type Tensor, tensor } from '@dl/tensor';
import { decodeBase64, encodeBase64, fromLittleEndian, littleEndianBytes } from './_base64';
import type { LoadableEntry, StateDictEntry } from './types';

type TypedArray = Float32Array | Float64Array | Int32Array;

const DTYPES: readonly DType[] = ['float32', 'float64', 'int32'];

/** @internal Formats a shape the way every error message prints it: `[64, 10]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function allocate(dtype: DType, n: number): TypedArray {
  return dtype === 'float64'
    ? new Float64Array(n)
    : dtype === 'int32'
      ? new Int32Array(n)
      : new Float32Array(n);
}

/** @internal Encodes the data of `t` as a plain-JSON state-dict entry. */
export function encodeEntry(t: Tensor, encoding: 'array' | 'base64'): StateDictEntry {
  const shape = t.shape.slice();
  if (encoding === 'base64') {
    return { shape, dtype: t.dtype, data: encodeBase64(littleEndianBytes(t.data)) };
  }
  const d = t.data;
  const data: (number | string)[] = new Array(d.length);
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    // JSON has no NaN, Infinity or negative zero: write those as strings so the round trip stays exact.
    data[i] = Number.isFinite(v) && !Object.is(v, -0) ? v : Object.is(v, -0) ? '-0' : String(v);
  }
  return { shape, dtype: t.dtype, data };
}

/** @internal A decoded entry: validated shape, dtype and values. */
export interface Decoded {
  shape: number[];
  dtype: DType;
  values: TypedArray;
}

/**
 * @internal Validates and decodes one loadable entry; errors name `fn` and the entry `name`. `fallback` is the dtype
 * used when the entry has none (array data).
 */
export function decodeEntry(fn: string, name: string, entry: LoadableEntry, fallback: DType): Decoded {
  if (entry === null || typeof entry !== 'object') {
    throw new TypeError(`${fn}: ${name} must be an object with shape and data, got ${describe(entry)}`);
  }
  const { shape, data } = entry;
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
    throw new TypeError(
      `${fn}: ${name}.shape must be an array of non-negative integers, got ${Array.isArray(shape) ? `[${shape.map(String).join(', ')}]` : describe(shape)}`,
    );
  }
  const dtype = entry.dtype ?? fallback;
  if (!DTYPES.includes(dtype)) {
    throw new TypeError(
      `${fn}: ${name}.dtype must be 'float32', 'float64' or 'int32', got ${describe(dtype)}`,
    );
  }
  const size = shape.reduce((a: number, b: number) => a * b, 1);
  let values: TypedArray;
  if (typeof data === 'string') {
    if (entry.dtype === undefined) {
      throw new TypeError(`${fn}: ${name} has base64 data but no dtype; base64 data needs a dtype to decode`);
    }
    const bytes = decodeBase64(data);
    if (bytes === null) throw new TypeError(`${fn}: ${name}.data is a string but not valid base64`);
    const width = dtype === 'float64' ? 8 : 4;
    if (bytes.length !== size * width) {
      throw new RangeError(
        `${fn}: ${name} holds ${bytes.length / width} ${dtype} values, its shape ${formatShape(shape)} needs ${size}`,
      );
    }
    fromLittleEndian(bytes, width);
    const aligned = allocate(dtype, size);
    new Uint8Array(aligned.buffer).set(bytes);
    values = aligned;
  } else if (data !== null && typeof data === 'object' && typeof data.length === 'number') {
    if (data.length !== size) {
      throw new RangeError(
        `${fn}: ${name} holds ${data.length} values, its shape ${formatShape(shape)} needs ${size}`,
      );
    }
    values = allocate(dtype, size);
    for (let i = 0; i < size; i++) {
      const v = data[i];
      if (typeof v === 'number') values[i] = v;
      else if (v === 'NaN' || v === 'Infinity' || v === '-Infinity' || v === '-0') values[i] = Number(v);
      else {
        throw new TypeError(
          `${fn}: ${name}.data[${i}] must be a number (or 'NaN', 'Infinity', '-Infinity', '-0'), got ${describe(v)}`,
        );
      }
    }
  } else {
    throw new TypeError(
      `${fn}: ${name}.data must be an array of numbers, a typed array or a base64 string, got ${describe(data)}`,
    );
  }
  return { shape: shape.slice(), dtype, values };
}

/** @internal Builds a tensor from a decoded entry. */
export function toTensor(d: Decoded): Tensor {
  return tensor(d.values, { shape: d.shape, dtype: d.dtype });
}
