import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tensor } from '@dl/tensor';

/** The vendored UCI digits (data/digits): 1797 images of 8x8 pixels in 0..16, and their classes 0-9. */
export const DIGITS_PATH = new URL('../../../data/digits/digits.csv.gz', import.meta.url);

/**
 * Reads the digits as tensors: `x` float32 [1797, 64], `y` int32 [1797], and `labels` a plain Int32Array.
 * @param {string | URL} [path]
 */
export function loadDigits(path = DIGITS_PATH) {
  const rows = gunzipSync(readFileSync(path)).toString('utf8').trim().split('\n');
  const x = new Float32Array(rows.length * 64);
  const labels = new Int32Array(rows.length);
  rows.forEach((line, i) => {
    const cells = line.split(',');
    if (cells.length !== 65)
      throw new Error(`loadDigits: line ${i + 1} has ${cells.length} fields, expected 65`);
    for (let j = 0; j < 64; j++) x[i * 64 + j] = Number(cells[j]);
    labels[i] = Number(cells[64]);
  });
  return {
    x: tensor(x, { shape: [rows.length, 64] }),
    y: tensor(labels, { shape: [rows.length], dtype: 'int32' }),
    labels,
  };
}
