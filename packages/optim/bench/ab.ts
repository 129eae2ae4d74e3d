/**
 * Same-process comparison of two versions of @dl/optim's facade: the sources of a git revision (extracted into
 * .tmp/old) against the working tree, on the benchmark's layouts and on a digits-sized model (the 10 tensors of
 * the digits job, 17,610 floats). Interleaved rounds, process CPU time per step (medians of 15 rounds), and a
 * check that both versions leave the same parameters, bit for bit.
 *
 *   rm -rf .tmp/old && mkdir -p .tmp/old && git archive 5698b14 src | tar -x -C .tmp/old
 *   node ../../scripts/bench-build.mjs bench/ab.ts .tmp/ab.mjs && node .tmp/ab.mjs [adamw/1e6/1,sgd/1e7/100,adam/0/0]
 *   WARM=1 node .tmp/ab.mjs …   (each version's steps back to back, its arrays in cache)
 *   CHECK=during node .tmp/ab.mjs …   (createOptimizer's checkFinite, for a revision that has the option)
 *
 * A case is step/parameters/tensors; tensors 0 is the digits-sized model.
 */

// @ts-expect-error: extracted by the command above
import * as OLD from '../.tmp/old/src/index';
import * as NEW from '../src/index';
import { cpuMs as cpu, median as med, rand } from './harness';

const DIGITS = [8192, 128, 128, 128, 8192, 64, 64, 64, 640, 10];
const all =
  'adam/1e6/1,adamw/1e6/1,sgd/1e6/1,adam/1e6/100,adamw/1e6/100,sgd/1e6/100,adam/1e7/1,adamw/1e7/1,sgd/1e7/1,adam/1e7/100,adamw/1e7/100,sgd/1e7/100,adam/0/0,adamw/0/0,sgd/0/0';
for (const [kind, tot, par] of (process.argv[2] ?? all).split(',').map((c) => c.split('/'))) {
  const total = Number(tot);
  const parts = Number(par);
  const sizes = parts === 0 ? DIGITS : Array.from({ length: parts }, () => total / parts);
  const make = (api: typeof NEW) => {
    const params = sizes.map((n, i) => ({
      data: rand(n, i + 1),
      grad: rand(n, i + 101) as Float32Array | null,
    }));
    const named =
      kind === 'sgd'
        ? api.sgd({ lr: 1e-3, momentum: 0.9 })
        : kind === 'adam'
          ? api.adam({ lr: 1e-3 })
          : api.adamw({ lr: 1e-3 });
    // CHECK=during: createOptimizer's checkFinite for both (a revision without the option ignores it)
    const check = process.env['CHECK'] as 'during' | 'off' | undefined;
    const opt = check
      ? api.createOptimizer(params, named, { checkFinite: check })
      : api.createOptimizer(params, named);
    opt.step();
    return { opt, params };
  };
  const o = make(OLD as typeof NEW);
  const n = make(NEW);
  const reps = parts === 0 ? 200 : 1;
  const to: number[] = [];
  const tn: number[] = [];
  // warm (WARM=1): each version runs `reps` steps unmeasured, then `reps` measured, so that its arrays are in
  // cache (as when torch times itself back to back); otherwise the versions alternate step by step
  const warm = process.env['WARM'] === '1' && parts !== 0;
  const block = warm ? 5 : reps;
  for (let r = 0; r < 15; r++) {
    for (const [x, out] of [
      [o, to],
      [n, tn],
    ] as const) {
      if (warm) for (let q = 0; q < block; q++) x.opt.step();
      const c = cpu();
      for (let q = 0; q < block; q++) x.opt.step();
      out.push((cpu() - c) / block);
    }
  }
  const least = (x: number[]) => Math.min(...x);
  const same = o.params.every((p, j) => p.data.every((x, i) => Object.is(x, n.params[j]!.data[i])));
  const what = parts === 0 ? 'digits-sized' : `${total / 1e6}M/${parts}`;
  console.log(
    `${kind} ${what}: old ${med(to).toFixed(3)} new ${med(tn).toFixed(3)} ms CPU, ${(med(to) / med(tn)).toFixed(2)}x (fastest rounds ${least(to).toFixed(3)} / ${least(tn).toFixed(3)}), same parameters: ${same}`,
  );
}
