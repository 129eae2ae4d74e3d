export * from './exports/core';
export * from './exports/creation';
export * from './exports/elementwise';
export * from './exports/fused';
export * from './exports/inplace';
export * from './exports/reduceShape';
