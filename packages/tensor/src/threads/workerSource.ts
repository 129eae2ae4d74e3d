import { CTL_WORDS, DONE, FAIL, GEN, QUIT, READY, TASK, TASK_WORDS } from './control';

/**
 * @internal The code of a matmul worker (a plain script, the same in Node's `worker_threads` and in a browser
 * Worker). Its first message carries the compiled shared-memory module, the shared memory and its id; it
 * instantiates the module on that memory, raises its READY word, then sleeps on the GEN word (`Atomics.wait`).
 * Each time GEN changes: QUIT set → return; else, when its task word 10 holds the new GEN, it runs `gemm` on its
 * rows, and stores GEN into its DONE word (and its FAIL word first when the call threw) and notifies it. It never
 * touches another thread's rows, and it holds no reference that keeps Node's event loop alive.
 */
export const WORKER_SOURCE = `'use strict';
// Node: worker_threads' port (require in a CommonJS worker, getBuiltinModule where eval'd code is a module); else self
const name = 'node:worker_threads';
const wt = typeof require === 'function' ? require(name) : globalThis.process?.getBuiltinModule?.(name);
const port = wt ? wt.parentPort : self;
const post = (m) => port.postMessage(m);
const start = (d) => {
  const ctl = new Int32Array(d.memory.buffer, 0, ${CTL_WORDS});
  const id = d.id;
  let gemm;
  try {
    gemm = new WebAssembly.Instance(d.module, { env: { memory: d.memory } }).exports.gemm;
  } catch (e) {
    Atomics.store(ctl, ${READY} + id, -1);
    post('failed');
    return;
  }
  let gen = Atomics.load(ctl, ${GEN});
  Atomics.store(ctl, ${READY} + id, 1);
  post('ready');
  const t = ${TASK} + id * ${TASK_WORDS};
  for (;;) {
    Atomics.wait(ctl, ${GEN}, gen);
    gen = Atomics.load(ctl, ${GEN});
    if (Atomics.load(ctl, ${QUIT}) !== 0) return;
    if (Atomics.load(ctl, t + 10) !== gen) continue;
    try {
      gemm(ctl[t], ctl[t + 1], ctl[t + 2], ctl[t + 3], ctl[t + 4], ctl[t + 5], ctl[t + 6], ctl[t + 7], ctl[t + 8], ctl[t + 9]);
    } catch (e) {
      Atomics.store(ctl, ${FAIL} + id, gen);
    }
    Atomics.store(ctl, ${DONE} + id, gen);
    Atomics.notify(ctl, ${DONE} + id);
  }
};
if (wt) port.once('message', start);
else self.onmessage = (e) => { self.onmessage = null; start(e.data); };
`;
