const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** @internal The little-endian bytes of a typed array (a view when the platform is little-endian). */
export function littleEndianBytes(data: Float32Array | Float64Array | Int32Array): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (LITTLE_ENDIAN) return bytes;
  const out = new Uint8Array(bytes.length);
  const w = data.BYTES_PER_ELEMENT;
  for (let i = 0; i < out.length; i += w) for (let k = 0; k < w; k++) out[i + k] = bytes[i + w - 1 - k]!;
  return out;
}

/** @internal Reorders little-endian bytes in place to the platform's order for elements of `width` bytes. */
export function fromLittleEndian(bytes: Uint8Array, width: number): Uint8Array {
  if (LITTLE_ENDIAN) return bytes;
  for (let i = 0; i < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
  return bytes;
}

/** @internal Standard base64 (RFC 4648, with padding) of `bytes`. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]! + ALPHABET[v & 63]!;
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | ((i + 1 < n ? bytes[i + 1]! : 0) << 8);
    out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]!;
    out += i + 1 < n ? `${ALPHABET[(v >> 6) & 63]!}=` : '==';
  }
  return out;
}

/** @internal Decodes standard base64; returns null when `text` is not valid base64. */
export function decodeBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const c = text.charCodeAt(i + k);
      const isPad = c === 61 && i + 4 === text.length && k >= 4 - pad;
      const d = isPad ? 0 : c < 128 ? LOOKUP[c]! : -1;
      if (d < 0) return null;
      v = (v << 6) | d;
    }
    if (o < out.length) out[o++] = (v >> 16) & 255;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}
