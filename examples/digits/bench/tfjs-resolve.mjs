// `node --import ./tfjs-resolve.mjs <script>`: lets a script outside this repository (the TensorFlow.js reference
// in shared/reference, run as it is, never copied) import @tensorflow/* from this package's devDependencies.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
    const here = ${JSON.stringify(import.meta.url)};
    export async function resolve(specifier, context, next) {
      return next(specifier, specifier.startsWith('@tensorflow/') ? { ...context, parentURL: here } : context);
    }`)}`,
);
