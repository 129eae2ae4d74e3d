// Re-exports only. Fused ops (one kernel where the composed ops would make several passes); owned by the kernels
// area (issue 15).

export { linear } from '../ops/linear';
