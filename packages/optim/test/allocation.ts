// Regression check of "no allocation after the first steps", shared by the test/alloc-*.test.ts files: one file per
// optimizer, because vitest runs each test file in a process of its own (isolate), as a training job runs one
// optimizer; in one process several rules share call sites that then allocate (see docs/benchmarks/optim.md).
// V8's sampling heap profiler (a sample every 64 bytes on average, the collected objects included) over facade
// steps after a warm-up, counting only the bytes allocated in frames of packages/optim/src. Before session 5 the
// rules beyond PyTorch allocated 200 B - 530 kB per step; the bound (16 B per step on average) leaves room for the
// profiler's sampling and for a rare allocation of the engine at an interrupt, which bench/alloc.ts reports.
// Session 6: adagrad, rmsprop, adadelta, adamax, nadam and radam allocated 100-400 B per step here (their float32
// scalars rounded through roundFor's function, a call the engine left out of line in this worker, boxing each
// result); they round with Math.fround itself now (test/alloc-adagrad.test.ts).
import { expect, test } from 'vitest';
import { type HeapNode, sampleAllocations } from '../../../scripts/allocatedPerCall';
import { createKernelMemory, createOptimizer, type NamedOptimizer } from '../src/index';

/** Bytes per call of `f` allocated in frames whose script is under packages/optim/src, and the sites. */
async function ownAllocation(f: () => void, n: number): Promise<[number, string[]]> {
  const head = await sampleAllocations(f, n);
  let own = 0;
  const sites: string[] = [];
  const walk = (x: HeapNode) => {
    if (x.selfSize && /packages[\\/]optim[\\/]src[\\/]/.test(x.callFrame.url)) {
      own += x.selfSize;
      sites.push(`${x.callFrame.functionName} (${x.callFrame.url.split('/').pop()}): ${x.selfSize} B`);
    }
    for (const c of x.children) walk(c);
  };
  walk(head);
  return [own / n, sites];
}

/**
 * Registers the test of `name`: float32 leaves of 4096, 4096 and 1027 elements (float64 with `float64`: the
 * JavaScript loops), `lr` written every other step. When `make` gives several optimizers, each gets parameters of
 * its own and a step runs them one after the other (several rules in one process).
 */
export function allocationTest(
  name: string,
  make: () => NamedOptimizer | NamedOptimizer[],
  float64 = false,
  inMemory = false,
): void {
  const kind = float64 ? ' over float64 parameters' : inMemory ? ' in a kernel memory' : '';
  test(`${name}: createOptimizer(...).step()${kind} allocates nothing in @dl/optim after warm-up, also with lr written every other step`, async () => {
    const array = (n: number, f: (i: number) => number) =>
      float64
        ? Float64Array.from({ length: n }, (_, i) => f(i))
        : Float32Array.from({ length: n }, (_, i) => f(i));
    const opts = [make()].flat().map((named) => {
      // with inMemory: parameters, gradients and (up to three arrays of) state in one kernel memory
      const memory = inMemory ? createKernelMemory(5 * (4096 + 4096 + 1028)) : undefined;
      const params = [4096, 4096, 1027].map((n, j) => {
        const data = array(n, (i) => Math.sin(i + j));
        const grad = array(n, (i) => Math.cos(i * 3 + j) * 1e-2);
        if (!memory) return { data, grad: grad as Float32Array | Float64Array | null };
        const p = { data: memory.alloc(n), grad: memory.alloc(n) as Float32Array | Float64Array | null };
        p.data.set(data);
        p.grad!.set(grad);
        return p;
      });
      return createOptimizer(params, named, { memory });
    });
    let t = 0;
    const step = () => {
      t++;
      for (let j = 0; j < opts.length; j++) {
        const opt = opts[j]!;
        if (t % 2 === 0) opt.paramGroups[0]!['lr'] = 1e-3 * (1 + (t % 5) / 100); // a scheduler's write
        opt.step();
      }
    };
    // The optimizing compiler works on a background thread: on a loaded machine (CI runs the other packages'
    // tests beside this one) its code can arrive after any fixed warm-up, and until then the unoptimized code boxes
    // the doubles it computes (32 B per step in momentsAt, seen in CI). So the check takes up to six windows of
    // 1000 steps, each after 8000 more steps, and passes on the first window under the bound: an allocation of our
    // code on every step shows in every window, and the message lists them all.
    const windows: string[] = [];
    let best = Number.POSITIVE_INFINITY;
    for (let w = 0; w < 6 && best >= 16; w++) {
      for (let i = 0; i < 8000; i++) step();
      const [bytes, sites] = await ownAllocation(step, 1000);
      best = Math.min(best, bytes);
      windows.push(
        `window ${w + 1}: ${bytes.toFixed(1)} B per step${sites.length ? ` (${sites.join('; ')})` : ''}`,
      );
    }
    if (process.env['ALLOC_WINDOWS']) console.log(windows.join('\n'));
    expect(best, windows.join('\n')).toBeLessThan(16);
    // Up to 54,000 steps: 10-30 s on a loaded 2-core machine (the float64 case took 32.9 s in a CI run and hit the
    // default 30 s timeout), so this test allows 180 s; a real allocation still fails it after its six windows.
  }, 180_000);
}
