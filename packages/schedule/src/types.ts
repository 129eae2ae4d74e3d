/**
 * A schedule: a pure function from a step (0-based, usually an integer) to a value.
 */
export type Schedule = (step: number) => number;
