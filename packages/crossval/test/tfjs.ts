// What the guide's `import * as tf from '@tensorflow/tfjs'` provides, from the separate 4.22 packages that are
// devDependencies here (the umbrella package would also pull the converter, data and WebGL backends).
import '@tensorflow/tfjs-backend-cpu';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
