// The hyperparameters of the facade's parameter groups, kept where a step can tell that they changed without
// reading them: every hyperparameter of a group becomes an accessor property over a list of its own (enumerable,
// so the group still reads, spreads, serializes and is written like the plain record it was), and every write
// counts. A step compares one integer instead of reading each value back: V8 copies a number that an object holds
// in a float field into a new heap number when a generic (keyed) load reads it, so the comparison of session 3
// allocated 16 bytes for each decimal option at each step.

/** A parameter group's count of hyperparameter writes. */
export interface GroupChanges {
  /** Bumped by every write of a hyperparameter of the group (`group.lr = 0.1`, `group.betas = [...]`). */
  version: number;
}

/**
 * Turns every key of `group` but `params` into an accessor property that stores the value in a list of the
 * group's own and counts the write; returns the counter. Values are held as tagged elements (the list starts
 * with a non-number, so V8 never gives it float elements), so a getter hands out the number it was given.
 */
export function trackChanges(group: Record<string, unknown>): GroupChanges {
  const changes: GroupChanges = { version: 0 };
  const values: unknown[] = [null];
  for (const k of Object.keys(group)) {
    if (k === 'params') continue;
    const i = values.length;
    values.push(group[k]);
    Object.defineProperty(group, k, {
      get: () => values[i],
      set: (v: unknown) => {
        values[i] = v;
        changes.version++;
      },
      enumerable: true,
      configurable: true,
    });
  }
  return changes;
}
