import fc from 'fast-check';

/** Arbitrary pair of broadcast-compatible shapes: rank 0..3, dims 1..4, some dims set to 1 or dropped on the left. */
export const broadcastPair = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 3 })
  .chain((base) =>
    fc.tuple(
      fc.constant(base),
      fc.array(fc.boolean(), { minLength: base.length, maxLength: base.length }),
      fc.integer({ min: 0, max: base.length }),
    ),
  )
  .map(([base, ones, drop]) => [base, base.map((d, i) => (ones[i] ? 1 : d)).slice(drop)] as const);

/** Number of elements of a shape. */
export const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/**
 * Arbitrary pair of broadcast-compatible shapes built from the dimension sizes `dims`: rank 0..3, some dims of one
 * side set to 1 or dropped on the left, the two sides in either order; bases of more than `maxSize` elements are
 * skipped.
 */
export function broadcastPairFrom(dims: number[], maxSize = Number.POSITIVE_INFINITY) {
  return fc
    .array(fc.constantFrom(...dims), { minLength: 0, maxLength: 3 })
    .filter((s) => size(s) <= maxSize)
    .chain((base) =>
      fc.tuple(
        fc.constant(base),
        fc.array(fc.boolean(), { minLength: base.length, maxLength: base.length }),
        fc.integer({ min: 0, max: base.length }),
        fc.boolean(),
      ),
    )
    .map(([base, ones, drop, swap]) => {
      const other = base.map((d, i) => (ones[i] ? 1 : d)).slice(drop);
      return swap ? ([other, base] as const) : ([base, other] as const);
    });
}
