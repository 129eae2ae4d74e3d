import {
  BLOCK,
  CTL_WORDS,
  DONE,
  FAIL,
  FAULT,
  GEN,
  NEXT,
  PACK_COLS,
  PACK_DONE,
  PACK_NEXT,
  QUIT,
  READY,
  TASK,
  TASK_GEN,
  TASK_WORDS,
} from './control';

/**
 * @internal The code of a matmul worker (a plain script, the same in Node's `worker_threads` and in a browser
 * Worker). Its first message carries the compiled shared-memory module, the shared memory and its id; it
 * instantiates the module on that memory, raises its READY word, then sleeps on the GEN word (`Atomics.wait`).
 * Each time GEN changes: QUIT set → return; else, when its task's generation word holds the new GEN, it packs
 * chunks of B's panels it claims (`Atomics.add` on PACK_NEXT, like every other thread of the product, counting
 * each in PACK_DONE), waits until PACK_DONE says that B is packed and A copied in (or GEN moved on: the product
 * was abandoned), then claims blocks of rows of C one at a time (`Atomics.add` on NEXT: `big` blocks of `rows`
 * rows, then blocks of `small` rows) and runs `gemm` on each,
 * marking the block done (its BLOCK word := GEN), until none is left; then it stores GEN into its DONE word (and
 * its FAIL word first when a call threw) and notifies it. A block is computed by one thread only, and the
 * worker holds no reference that keeps Node's event loop alive. A function, not a constant: a template literal with
 * substitutions at the top level of a module is kept by bundlers even where nothing uses it (it was in every bundle).
 */
export const workerSource = (): string => `'use strict';
// Node: worker_threads' port (require in a CommonJS worker, getBuiltinModule where eval'd code is a module); else self
const name = 'node:worker_threads';
const wt = typeof require === 'function' ? require(name) : globalThis.process?.getBuiltinModule?.(name);
const port = wt ? wt.parentPort : self;
const post = (m) => port.postMessage(m);
const start = (d) => {
  const ctl = new Int32Array(d.memory.buffer, 0, ${CTL_WORDS});
  const id = d.id;
  let gemm;
  let packB;
  try {
    ({ gemm, packB } = new WebAssembly.Instance(d.module, { env: { memory: d.memory } }).exports);
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
    if (Atomics.load(ctl, t + ${TASK_GEN}) !== gen) continue;
    const [a, step, sm, sk, ap, bp, c, M, K, NP, ldc, rows, blocks, b, bk, bn, N, chunks, big, small] = ctl.subarray(t, t + ${TASK_GEN});
    const fault = Atomics.load(ctl, ${FAULT});
    try {
      for (let q = Atomics.add(ctl, ${PACK_NEXT}, 1); q < chunks; q = Atomics.add(ctl, ${PACK_NEXT}, 1)) {
        if (fault === 1) throw new Error('fault');
        const j0 = q * ${PACK_COLS};
        packB(b + j0 * bn * 4, bp + j0 * K * 4, K, Math.min(${PACK_COLS}, N - j0), bk, bn);
        if (Atomics.add(ctl, ${PACK_DONE}, 1) === chunks) Atomics.notify(ctl, ${PACK_DONE});
      }
      for (let v = Atomics.load(ctl, ${PACK_DONE}); v <= chunks; v = Atomics.load(ctl, ${PACK_DONE})) {
        if (Atomics.load(ctl, ${GEN}) !== gen) break;
        Atomics.wait(ctl, ${PACK_DONE}, v, 20);
      }
      if (Atomics.load(ctl, ${PACK_DONE}) <= chunks) throw new Error('abandoned');
      for (let q = Atomics.add(ctl, ${NEXT}, 1); q < blocks; q = Atomics.add(ctl, ${NEXT}, 1)) {
        if (fault === 2) throw new Error('fault');
        const i0 = q < big ? q * rows : big * rows + (q - big) * small;
        gemm(a + i0 * step, sm, sk, ap, bp, c + i0 * ldc * 4, Math.min(q < big ? rows : small, M - i0), K, NP, ldc);
        Atomics.store(ctl, ${BLOCK} + q, gen);
      }
    } catch (e) {
      Atomics.store(ctl, ${FAIL} + id, gen);
      Atomics.notify(ctl, ${PACK_DONE}); // a caller waiting for B's chunks looks again
    }
    Atomics.store(ctl, ${DONE} + id, gen);
    Atomics.notify(ctl, ${DONE} + id);
  }
};
if (wt) port.once('message', start);
else self.onmessage = (e) => { self.onmessage = null; start(e.data); };
`;
