// The gpu.js sources of the lowered ops (src/gpu/_lowering.ts): JavaScript in the subset gpu.js compiles to GLSL.
// Shapes and strides are inlined as literals, so GLSL ES 1.0 (WebGL 1, headless-gl) sees constant loop bounds;
// indices are floats (exact below 2^24). Operand j is `t<j>` (a texture, or a number for a rank-0 CPU tensor:
// `read` says which), scalar argument j is `u<j>`.
import { BINARY, indexLines, lit, UNARY } from './_kernels';
import type { Lowered } from './_lowering';

type Read = (operand: number, index: string) => string;

/** @internal The k-loop blocking of the gpu.js matmul (1: none); a variable so that the benchmark can compare. */
export let MATMUL_UNROLL = 4;
/** @internal Sets {@link MATMUL_UNROLL} (benchmarks). */
export function setMatmulUnroll(u: number): void {
  MATMUL_UNROLL = u;
}

/** The statements after the function header of lowered op `l` (any kind but softmax), ending in `return`. */
export function body(l: Lowered, read: Read): string {
  switch (l.kind) {
    case 'binary':
      return `${indexLines(l.shape, l.strides)}
  const x = ${read(0, 'i0')};
  const y = ${read(1, 'i1')};
  return ${BINARY[l.op]};`;
    case 'unary':
      return `const x = t0[this.thread.x];\n  ${UNARY[l.op]!(lit(l.p), lit(l.q))}\n  return v;`;
    case 'fill':
      return 'return u0;';
    case 'strided':
      return `${indexLines(l.shape, [l.strides])}\n  return t0[i0 + ${lit(l.origin)}];`;
    case 'where':
      return `${indexLines(l.shape, l.strides)}
  return ${read(0, 'i0')} != 0.0 ? ${read(1, 'i1')} : ${read(2, 'i2')};`;
    case 'window': {
      const fill = lit(l.fill);
      const lines = l.shape.map(
        (_, d) => `const k${d} = c${d} - ${lit(l.starts[d]!)};
  const q${d} = Math.floor((k${d} + 0.5) / ${lit(l.steps[d]!)});
  if (k${d} < 0.0 || k${d} - q${d} * ${lit(l.steps[d]!)} != 0.0 || q${d} >= ${lit(l.windowShape[d]!)}) {
    return ${fill};
  }`,
      );
      const index = l.shape.map((_, d) => ` + q${d} * ${lit(l.windowStrides[d]!)}`).join('');
      return `${indexLines(l.shape, [])}
  ${lines.join('\n  ')}
  return t0[0.0${index}];`;
    }
    case 'concat': {
      const lines = l.parts.map((part, j) => {
        const terms = l.shape
          .map((_, d) =>
            d === l.axis
              ? ` + (c${d} - ${lit(part.start)}) * ${lit(part.strides[d]!)}`
              : ` + c${d} * ${lit(part.strides[d]!)}`,
          )
          .join('');
        return `if (c${l.axis} < ${lit(part.end)}) {
    return t${j}[0.0${terms}];
  }`;
      });
      return `${indexLines(l.shape, [])}
  ${lines.join('\n  ')}
  return 0.0;`;
    }
    case 'ema':
      return `const x = t1[this.thread.x];
  return t0[this.thread.x] * u0 + u1 * ${l.square ? 'x * x' : 'x'};`;
    case 'adamParam':
      return `const i = this.thread.x;
  const denom = Math.sqrt(t2[i]) / u2 + u3;
  return t0[i] * u0 + (u1 * t1[i]) / denom;`;
    case 'dropout':
      return `${dropoutHash('this.thread.x + 0.0')}
  return h < u2 ? u3 : 0.0;`;
    case 'gather':
    case 'indexAdd': {
      const split = `const r = this.thread.x + 0.0;
  const co = Math.floor((r + 0.5) / ${lit(l.rows * l.inner)});
  const rest = r - co * ${lit(l.rows * l.inner)};
  const j = Math.floor((rest + 0.5) / ${lit(l.inner)});
  const i = rest - j * ${lit(l.inner)};`;
      return l.kind === 'gather'
        ? `${split}
  return t0[(co * ${lit(l.n)} + t1[j]) * ${lit(l.inner)} + i];`
        : `${split}
  let s = 0.0;
  for (let k = 0; k < ${l.m}; k++) {
    if (t1[k] == j) {
      s += t0[(co * ${lit(l.m)} + k) * ${lit(l.inner)} + i];
    }
  }
  return s;`;
    }
    case 'matmul': {
      const p = l.plan;
      const U = MATMUL_UNROLL;
      const whole = U > 1 ? Math.floor(p.K / U) : 0;
      // the k loop blocked by U (U products per iteration, one loop test, index math hoisted: the same sums in
      // the same order, so the same values), then the remainder
      const step = (k: string) => `s += t0[ia + ${k} * ${lit(p.aK)}] * t1[ib + ${k} * ${lit(p.bK)}];`;
      const blocked =
        whole > 0
          ? `for (let kb = 0; kb < ${whole}; kb++) {
    const ia = i0 + kb * ${lit(U * p.aK)};
    const ib = i1 + kb * ${lit(U * p.bK)};
    ${Array.from({ length: U }, (_, u) => step(`${u}.0`)).join('\n    ')}
  }`
          : '';
      const rest =
        whole * U < p.K
          ? `for (let k = ${whole * U}; k < ${p.K}; k++) {
    s += t0[i0 + k * ${lit(p.aK)}] * t1[i1 + k * ${lit(p.bK)}];
  }`
          : '';
      return `${indexLines(l.shape, [
        [...p.batchA, p.aI, 0],
        [...p.batchB, 0, p.bJ],
      ])}
  let s = 0.0;
  ${blocked}
  ${rest}
  return s;`;
    }
    case 'reduce': {
      // the reduced offset of step r: r split over the reduced axes
      const parts: string[] = [];
      const n = l.reducedShape.length;
      for (let d = 0; d < n; d++) {
        if (d === n - 1) parts.push(`off += q * ${lit(l.reducedStrides[d]!)};`);
        else {
          parts.push(`const d${d} = Math.floor((q + 0.5) / ${lit(l.reducedSplit[d]!)});`);
          parts.push(`off += d${d} * ${lit(l.reducedStrides[d]!)};`);
          parts.push(`q = q - d${d} * ${lit(l.reducedSplit[d]!)};`);
        }
      }
      const scale = l.mean ? ` / ${lit(l.count)}` : '';
      // Kahan-compensated float32 sum (the CPU sums in float64)
      return `${indexLines(l.keptShape, [l.keptStrides])}
  let s = 0.0;
  let c = 0.0;
  for (let r = 0; r < ${Math.max(l.count, 1)}; r++) {
    let q = r + 0.0;
    let off = 0.0;
    ${parts.join('\n    ')}
    const y = t0[i0 + off] - c;
    const t = s + y;
    c = (t - s) - y;
    s = t;
  }
  return ${l.count === 0 ? '0.0' : `s${scale}`};`;
    }
    case 'softmax':
      throw new Error('softmax has two stages: logSumExp and softmax');
  }
}

/** Stage 1 of softmax: the log-sum-exp of each row. */
export function logSumExp(l: Extract<Lowered, { kind: 'softmax' }>): string {
  const st = lit(l.stride);
  return `${indexLines(l.rows, [l.rowStrides])}
  let m = -1.0 / 0.0;
  for (let r = 0; r < ${l.length}; r++) {
    m = Math.max(m, t0[i0 + r * ${st}]);
  }
  let s = 0.0;
  for (let r = 0; r < ${l.length}; r++) {
    s += Math.exp(t0[i0 + r * ${st}] - m);
  }
  return m + Math.log(s);`;
}

/** Stage 2 of softmax: each element against its row's log-sum-exp `l`. */
export function softmax(l: Extract<Lowered, { kind: 'softmax' }>): string {
  return `${indexLines(l.shape, [l.rowOfElement])}
  const v = t0[this.thread.x] - l[i0];
  return ${l.log ? 'v' : 'Math.exp(v)'};`;
}

/**
 * Statements setting `h` to the dropout hash of element `index` (a float expression) with the seeds `u0`, `u1`:
 * `dropoutHash` of src/ops/_deviceDropout.ts in float arithmetic, every step exact: integers below 2^24, split in
 * 12-bit halves for the products (A = 1037 · 4096 + 2917), `(h + b) mod 2^24` as `h - (2^24 - b)`, plus 2^24
 * when negative (no sum above 2^24 is formed), so every device backend draws the same mask.
 */
function dropoutHash(index: string): string {
  const lines: string[] = [`let h = ${index};`];
  let n = 0;
  const addMod = (b: string) => {
    const d = `d${n++}`;
    lines.push(`const ${d} = h - (16777216.0 - ${b});`, `h = ${d} < 0.0 ? ${d} + 16777216.0 : ${d};`);
  };
  for (let r = 0; r < 3; r++) {
    lines.push(
      // h = h A mod 2^24
      `const hh${r} = Math.floor(h / 4096.0);`,
      `const hl${r} = h - hh${r} * 4096.0;`,
      `const lo${r} = hl${r} * 2917.0;`,
      `const loH${r} = Math.floor(lo${r} / 4096.0);`,
      `const mid${r} = hh${r} * 2917.0 + hl${r} * 1037.0 + loH${r};`,
      `const midH${r} = Math.floor(mid${r} / 4096.0);`,
      // rot12: the low half of the product (lo mod 4096) becomes the high half
      `const qa${r} = lo${r} - loH${r} * 4096.0;`,
      `const qb${r} = mid${r} - midH${r} * 4096.0;`,
      // h (2h + 1) = h + 2h² mod 2^24 with h = qa 4096 + qb
      `const ab${r} = qa${r} * qb${r};`,
      `const abm${r} = ab${r} - Math.floor(ab${r} / 1024.0) * 1024.0;`,
      `const sq${r} = qb${r} * qb${r};`,
      `const sqH${r} = Math.floor(sq${r} / 4096.0);`,
      `const low${r} = 2.0 * (sq${r} - sqH${r} * 4096.0);`,
      `const lowH${r} = Math.floor(low${r} / 4096.0);`,
      `const hi${r} = 4.0 * abm${r} + 2.0 * sqH${r} + lowH${r};`,
      `const q${r} = (hi${r} - Math.floor(hi${r} / 4096.0) * 4096.0) * 4096.0 + (low${r} - lowH${r} * 4096.0);`,
      `h = qa${r} * 4096.0 + qb${r};`,
    );
    addMod(`q${r}`);
    addMod(r === 1 ? 'u1' : 'u0');
  }
  return lines.join('\n  ');
}
