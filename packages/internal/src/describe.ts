/**
 * Formats a received value for an error message, the same way in every package: strings quoted (`"5"`), numbers
 * as written (`NaN`, `-Infinity`, `-0`), short arrays listed (`[1, 2, 3]`), typed arrays and tensors by kind and
 * size, functions and objects described rather than printed as source.
 *
 * @param value - the value received.
 * @returns a short, single-line description.
 */
export function describe(value: unknown): string {
  return describeAt(value, 0);
}

const MAX_ITEMS = 8;
const MAX_STRING = 40;

function describeAt(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return value.name ? `a function (${value.name})` : 'a function';
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (depth > 0) return `an array of length ${value.length}`;
    const shown = value.slice(0, MAX_ITEMS).map((v) => describeAt(v, depth + 1));
    return `[${shown.join(', ')}${value.length > MAX_ITEMS ? `, … (${value.length} items)` : ''}]`;
  }
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor?.name ?? 'typed array';
    const length = (value as { length?: number }).length ?? value.byteLength;
    return `a ${name} of length ${length}`;
  }
  const v = value as { shape?: unknown; dtype?: unknown; constructor?: { name?: string } };
  if (Array.isArray(v.shape) && typeof v.dtype === 'string') {
    const name = v.constructor?.name;
    const shape = `(${v.dtype}, [${v.shape.join(', ')}])`;
    return name && name !== 'Object' ? `${name}${shape}` : `an object shaped like a tensor ${shape}`;
  }
  const ctor = v.constructor?.name;
  if (ctor && ctor !== 'Object') return `a ${ctor}`;
  return 'an object';
}
