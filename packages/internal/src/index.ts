export * from './check';
export * from './closestName';
export * from './defineOptions';
export * from './describe';
export * from './extraArgument';
export * from './wasm';
