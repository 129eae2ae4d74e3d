/** Python's `format(x, '.{d}f')`: the exact binary value rounded half to even (JavaScript's toFixed rounds half up). */
export function fixed(x: number, d: number): string {
  const s = x.toFixed(d);
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return s;
  const exact = Math.abs(x).toFixed(Math.min(100, d + 60));
  const tail = exact.slice(exact.indexOf('.') + 1 + d);
  if (!/^50*$/.test(tail)) return s;
  // an exact tie: toFixed rounded away from zero; round to the even neighbour instead
  const down = (Math.abs(x) - 5 * 10 ** -(d + 1)).toFixed(d);
  const lastDown = Number(down.replace('.', '').slice(-1));
  const pick = lastDown % 2 === 0 ? down : Math.abs(x).toFixed(d);
  return x < 0 ? `-${pick}` : pick;
}

/** Python's `repr` of a float (`4.0`, `0.1`) or of an int. */
export function pyNumber(x: number, isFloat: boolean): string {
  if (!isFloat) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  return String(x).replace('e+', 'e+');
}
