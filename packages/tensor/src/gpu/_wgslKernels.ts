// The WGSL sources of the lowered ops (src/gpu/_lowering.ts) for the WebGPU device: one output element per
// invocation (`o`, the flat output index), integer index math, shapes inlined. Operand j is read through `read`
// (a storage buffer `t<b>`, or a uniform for a rank-0 CPU tensor), scalar argument j is `U(ju)`.
import { strides } from './_kernels';
import type { Lowered, MatmulPlan } from './_lowering';

/**
 * A float literal of WGSL. NaN and the infinities have none, and a constant expression that evaluates to one is
 * a shader-creation error, so they are made at run time from the bits in private variables of every kernel.
 */
export function wgslLit(v: number): string {
  if (Number.isNaN(v)) return 'bitcast<f32>(nanBits_)';
  if (v === Number.POSITIVE_INFINITY) return 'bitcast<f32>(infBits_)';
  if (v === Number.NEGATIVE_INFINITY) return '(-bitcast<f32>(infBits_))';
  const s = String(Math.fround(v));
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** Statements splitting the flat output index `o` into `c0…` of `shape`, and each input's flat index `i<j>`. */
export function indexLines(shape: readonly number[], inputStrides: readonly (readonly number[])[]): string {
  const lines: string[] = ['var r = o;'];
  const st = strides(shape);
  for (let d = 0; d < shape.length; d++) {
    if (d === shape.length - 1) lines.push(`let c${d} = r;`);
    else lines.push(`let c${d} = r / ${st[d]}u;`, `r = r - c${d} * ${st[d]}u;`);
  }
  if (shape.length === 0) lines.push('_ = r;');
  inputStrides.forEach((s, j) => {
    const terms = s.map((k, d) => (k === 0 ? '' : ` + c${d} * ${k}u`)).join('');
    lines.push(`let i${j} = 0u${terms};`);
  });
  return lines.join('\n  ');
}

/** WGSL expressions of the binary ops on `x` and `y`. */
export const BINARY: Record<string, string> = {
  add: 'x + y',
  sub: 'x - y',
  mul: 'x * y',
  div: 'x / y',
  maximum: 'max(x, y)',
  minimum: 'min(x, y)',
  greater: 'select(0.0, 1.0, x > y)',
  greaterEqual: 'select(0.0, 1.0, x >= y)',
  less: 'select(0.0, 1.0, x < y)',
  lessEqual: 'select(0.0, 1.0, x <= y)',
  equal: 'select(0.0, 1.0, x == y)',
  notEqual: 'select(0.0, 1.0, x != y)',
};

/** WGSL statements of the unary ops computing `v` from `x` (`p`, `q`: their parameters, inlined). */
export const UNARY: Record<string, (p: string, q: string) => string> = {
  exp: () => 'let v = exp(x);',
  log: () => 'let v = log(x);',
  sqrt: () => 'let v = sqrt(x);',
  rsqrt: () => 'let v = 1.0 / sqrt(x);',
  abs: () => 'let v = abs(x);',
  sign: () => 'let v = select(select(x, -1.0, x < 0.0), 1.0, x > 0.0);',
  square: () => 'let v = x * x;',
  reciprocal: () => 'let v = 1.0 / x;',
  sin: () => 'let v = sin(x);',
  cos: () => 'let v = cos(x);',
  relu: () => 'let v = select(0.0, x, x > 0.0);',
  positiveMask: () => 'let v = select(0.0, 1.0, x > 0.0);',
  sigmoid: () => 'let e = exp(-abs(x));\n  let v = select(e / (1.0 + e), 1.0 / (1.0 + e), x >= 0.0);',
  tanh: () =>
    'let e = exp(-2.0 * abs(x));\n  let t = (1.0 - e) / (1.0 + e);\n  let v = select(t, -t, x < 0.0);',
  leakyRelu: (p) => `let v = select(x * ${p}, x, x > 0.0);`,
  leakyReluMask: (p) => `let v = select(${p}, 1.0, x > 0.0);`,
  clip: (p, q) => `let v = min(max(x, ${p}), ${q});`,
  clipMask: (p, q) => `let v = select(0.0, 1.0, x >= ${p} && x <= ${q});`,
  hardtanh: (p, q) => `let v = min(max(x, ${p}), ${q});`,
  hardtanhMask: (p, q) => `let v = select(0.0, 1.0, x > ${p} && x < ${q});`,
  elu: (p, q) => `let v = select(${p} * (exp(x * ${q}) - 1.0), x, x > 0.0);`,
  scaledElu: (p, q) => `let v = select(${p} * (exp(x) - 1.0), ${q} * x, x > 0.0);`,
  softplus: (p, q) =>
    `let z = x * ${p};\n  let v = select((max(z, 0.0) + log(1.0 + exp(-abs(z)))) / ${p}, x, z > ${q});`,
  softplusAbove: (p, q) => `let v = select(0.0, 1.0, x * ${p} > ${q});`,
  erfc: () => ERFC('x', 'v'),
  erf: () =>
    `let x2 = x * x;
  ${ERFC('x', 'ec')}
  let v = select(1.0 - ec, x * (1.1283791670955126 + x2 * (-0.3761263890318375 + x2 * (0.11283791670955126 + x2 * (-0.02686617064513125 + x2 * (0.005223977625442188 - x2 * 0.0008548327023450852))))), abs(x) < 0.5);`,
  gelu: () => `let xs = -x * 0.7071067811865476;
  ${ERFC('xs', 'ec')}
  let v = x * 0.5 * ec;`,
  geluTanh: () =>
    `let z = 1.5957691216057308 * (x + 0.044715 * x * x * x);
  let e = exp(-abs(z));
  let v = x * select(e / (1.0 + e), 1.0 / (1.0 + e), z >= 0.0);`,
  silu: (p) =>
    `let z = x * ${p};
  let e = exp(-abs(z));
  let v = x * select(e / (1.0 + e), 1.0 / (1.0 + e), z >= 0.0);`,
  mish: () =>
    `let sp = max(x, 0.0) + log(1.0 + exp(-abs(x)));
  let e = exp(-2.0 * sp);
  let v = x * (1.0 - e) / (1.0 + e);`,
  logSigmoid: () => 'let v = min(x, 0.0) - log(1.0 + exp(-abs(x)));',
  log1p: () => `let u = 1.0 + x;
  let v = select(log(u) * (x / (u - 1.0)), x, u == 1.0);`,
  expm1: () =>
    `let u = exp(x);
  let w = u - 1.0;
  let v = select(select(w * (x / log(u)), -1.0, w == -1.0), x, u == 1.0);`,
};

/** WGSL statements setting `out` to erfc(`x`) (Numerical Recipes' fit, relative error below 1.2e-7). */
function ERFC(x: string, out: string): string {
  return `let ${out}_z = abs(${x});
  let ${out}_t = 1.0 / (1.0 + 0.5 * ${out}_z);
  let ${out}_r = ${out}_t * exp(-${out}_z * ${out}_z - 1.26551223 + ${out}_t * (1.00002368 + ${out}_t * (0.37409196 + ${out}_t * (0.09678418 + ${out}_t * (-0.18628806 + ${out}_t * (0.27886807 + ${out}_t * (-1.13520398 + ${out}_t * (1.48851587 + ${out}_t * (-0.82215223 + ${out}_t * 0.17087277)))))))));
  let ${out} = select(2.0 - ${out}_r, ${out}_r, ${x} >= 0.0);`;
}

type Read = (operand: number, index: string) => string;

/** The statements of lowered op `l` (any kind but softmax) computing `v` for output index `o`. */
export function body(l: Lowered, read: Read): string {
  switch (l.kind) {
    case 'binary':
      return `${indexLines(l.shape, l.strides)}
  _ = i0; _ = i1;
  let x = ${read(0, 'i0')};
  let y = ${read(1, 'i1')};
  let v = ${BINARY[l.op]};`;
    case 'unary':
      return `let x = t0[o];\n  ${UNARY[l.op]!(wgslLit(l.p), wgslLit(l.q))}`;
    case 'fill':
      return 'let v = U(0u);';
    case 'strided':
      return `${indexLines(l.shape, [l.strides])}\n  let v = t0[i0 + ${l.origin}u];`;
    case 'where':
      return `${indexLines(l.shape, l.strides)}
  _ = i0; _ = i1; _ = i2;
  let v = select(${read(2, 'i2')}, ${read(1, 'i1')}, ${read(0, 'i0')} != 0.0);`;
    case 'window': {
      const fill = wgslLit(l.fill);
      const lines = l.shape.map(
        (_, d) => `let k${d} = i32(c${d}) - ${l.starts[d]};
  let q${d} = k${d} / ${l.steps[d]};
  if (k${d} < 0 || k${d} - q${d} * ${l.steps[d]} != 0 || q${d} >= ${l.windowShape[d]}) { out_[o] = ${fill}; return; }`,
      );
      const index = l.shape.map((_, d) => ` + u32(q${d}) * ${l.windowStrides[d]}u`).join('');
      return `${indexLines(l.shape, [])}
  ${lines.join('\n  ')}
  let v = t0[0u${index}];`;
    }
    case 'concat': {
      const lines = ['var v = 0.0;'];
      l.parts.forEach((part, j) => {
        const terms = l.shape
          .map((_, d) =>
            d === l.axis
              ? ` + (c${d} - ${part.start}u) * ${part.strides[d]}u`
              : ` + c${d} * ${part.strides[d]}u`,
          )
          .join('');
        lines.push(`${j === 0 ? '' : 'else '}if (c${l.axis} < ${part.end}u) { v = t${j}[0u${terms}]; }`);
      });
      return `${indexLines(l.shape, [])}\n  ${lines.join('\n  ')}`;
    }
    case 'ema':
      return `let x = t1[o];\n  let v = t0[o] * U(0u) + U(1u) * ${l.square ? 'x * x' : 'x'};`;
    case 'adamParam':
      return 'let denom = sqrt(t2[o]) / U(2u) + U(3u);\n  let v = t0[o] * U(0u) + (U(1u) * t1[o]) / denom;';
    case 'dropout': {
      // dropoutHash of src/ops/_deviceDropout.ts in u32 arithmetic (2^24 divides 2^32: a wrapping product masked
      // to 24 bits is the product mod 2^24)
      const round = (seed: string) => `h = (h * 4250469u) & 0xffffffu;
  h = ((h << 12u) | (h >> 12u)) & 0xffffffu;
  h = (h * (2u * h + 1u)) & 0xffffffu;
  h = (h + ${seed}) & 0xffffffu;`;
      return `let s0 = u32(U(0u));
  let s1 = u32(U(1u));
  var h = o & 0xffffffu;
  ${round('s0')}
  ${round('s1')}
  ${round('s0')}
  let v = select(0.0, U(3u), f32(h) < U(2u));`;
    }
    case 'gather':
    case 'indexAdd': {
      const split = `let co = o / ${l.rows * l.inner}u;
  let rest = o - co * ${l.rows * l.inner}u;
  let j = rest / ${l.inner}u;
  let i = rest - j * ${l.inner}u;`;
      return l.kind === 'gather'
        ? `${split}\n  let v = t0[(co * ${l.n}u + u32(t1[j])) * ${l.inner}u + i];`
        : `${split}
  var v = 0.0;
  for (var k = 0u; k < ${l.m}u; k++) {
    if (u32(t1[k]) == j) { v += t0[(co * ${l.m}u + k) * ${l.inner}u + i]; }
  }`;
    }
    case 'matmul': {
      const p = l.plan;
      return `${indexLines(l.shape, [
        [...p.batchA, p.aI, 0],
        [...p.batchB, 0, p.bJ],
      ])}
  var v = 0.0;
  for (var k = 0u; k < ${p.K}u; k++) {
    v += t0[i0 + k * ${p.aK}u] * t1[i1 + k * ${p.bK}u];
  }`;
    }
    case 'reduce': {
      const parts: string[] = [];
      const n = l.reducedShape.length;
      for (let d = 0; d < n; d++) {
        if (d === n - 1) parts.push(`off += q * ${l.reducedStrides[d]}u;`);
        else
          parts.push(
            `let d${d} = q / ${l.reducedSplit[d]}u;`,
            `off += d${d} * ${l.reducedStrides[d]}u;`,
            `q = q - d${d} * ${l.reducedSplit[d]}u;`,
          );
      }
      const scale = l.mean ? ` / ${wgslLit(l.count)}` : '';
      // Kahan-compensated float32 sum, as the WebGL kernels
      return `${indexLines(l.keptShape, [l.keptStrides])}
  var s = 0.0;
  var c = 0.0;
  for (var rr = 0u; rr < ${l.count}u; rr++) {
    var q = rr;
    var off = 0u;
    _ = q;
    ${parts.join('\n    ')}
    let y = t0[i0 + off] - c;
    let t = s + y;
    c = (t - s) - y;
    s = t;
  }
  let v = ${l.count === 0 ? '0.0' : `s${scale}`};`;
    }
    case 'softmax':
      throw new Error('softmax has two stages: logSumExp and softmax');
  }
}

/** Stage 1 of softmax: the log-sum-exp of each row. */
export function logSumExp(l: Extract<Lowered, { kind: 'softmax' }>): string {
  return `${indexLines(l.rows, [l.rowStrides])}
  var m = t0[i0];
  for (var r2 = 1u; r2 < ${l.length}u; r2++) { m = max(m, t0[i0 + r2 * ${l.stride}u]); }
  var s = 0.0;
  for (var r2 = 0u; r2 < ${l.length}u; r2++) { s += exp(t0[i0 + r2 * ${l.stride}u] - m); }
  let v = m + log(s);`;
}

/** Stage 2 of softmax: each element against its row's log-sum-exp (`t1`). */
export function softmax(l: Extract<Lowered, { kind: 'softmax' }>): string {
  return `${indexLines(l.shape, [l.rowOfElement])}
  let w = t0[o] - t1[i0];
  let v = ${l.log ? 'w' : 'exp(w)'};`;
}

/** The k depth of a tile of the tiled matmul. */
const T = 16;
/** Each workgroup's block of C is BLOCK x BLOCK: 16 x 16 invocations of 4 x 4 outputs. */
export const BLOCK = 64;

/**
 * The whole shader (after the bindings) of the tiled batched matmul: each workgroup of 16 x 16 invocations
 * computes a 64 x 64 block of C (4 x 4 outputs per invocation, in registers), staging 64 x 16 tiles of A and
 * 16 x 64 tiles of B in workgroup memory, so each element of A and B is read from the buffers once per block
 * instead of once per output; the products are summed in k order, as the one-output-per-thread form (the
 * padding of a partial tile adds zeros). Dispatched as (⌈N / 64⌉, ⌈M / 64⌉, batch) workgroups.
 */
export function tiledMatmul(p: MatmulPlan): string {
  const { M, K, N, batch, aI, aK, bK, bJ } = p;
  const bst = strides(batch);
  const batchLines = batch
    .map((_, d) =>
      d === batch.length - 1
        ? `let z${d} = r;`
        : `let z${d} = r / ${bst[d]}u;\n  r = r - z${d} * ${bst[d]}u;`,
    )
    .join('\n  ');
  const off = (s: readonly number[]) => `0u${s.map((k, d) => (k === 0 ? '' : ` + z${d} * ${k}u`)).join('')}`;
  const loads = [0, 1, 2, 3]
    .map(
      (i) => `{
      let e = li + ${i * 256}u;
      let mm = e / ${T}u;
      let kk = e % ${T}u;
      var v = 0.0;
      if (m0 + mm < ${M}u && t + kk < ${K}u) { v = t0[oa + (m0 + mm) * ${aI}u + (t + kk) * ${aK}u]; }
      As[kk * ${BLOCK}u + mm] = v;
      let k2 = e / ${BLOCK}u;
      let nn = e % ${BLOCK}u;
      var w = 0.0;
      if (t + k2 < ${K}u && n0 + nn < ${N}u) { w = t1[ob + (t + k2) * ${bK}u + (n0 + nn) * ${bJ}u]; }
      Bs[k2 * ${BLOCK}u + nn] = w;
    }`,
    )
    .join('\n    ');
  const ij = [0, 1, 2, 3].flatMap((i) => [0, 1, 2, 3].map((j) => [i, j] as const));
  const fma = ij.map(([i, j]) => `acc${i}${j} += a${i} * b${j};`).join(' ');
  const store = ij
    .map(
      ([i, j]) =>
        `if (rm + ${i}u < ${M}u && cn + ${j}u < ${N}u) { out_[base + (rm + ${i}u) * ${N}u + cn + ${j}u] = acc${i}${j}; }`,
    )
    .join('\n  ');
  return `var<workgroup> As: array<f32, ${BLOCK * T}>;
var<workgroup> Bs: array<f32, ${BLOCK * T}>;
@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let m0 = wid.y * ${BLOCK}u;
  let n0 = wid.x * ${BLOCK}u;
  var r = wid.z;
  _ = r;
  ${batchLines}
  let oa = ${off(p.batchA)};
  let ob = ${off(p.batchB)};
  ${ij.map(([i, j]) => `var acc${i}${j} = 0.0;`).join(' ')}
  for (var t = 0u; t < ${K}u; t += ${T}u) {
    ${loads}
    workgroupBarrier();
    for (var k = 0u; k < ${T}u; k++) {
      let ra = k * ${BLOCK}u + lid.y * 4u;
      let rb = k * ${BLOCK}u + lid.x * 4u;
      let a0 = As[ra]; let a1 = As[ra + 1u]; let a2 = As[ra + 2u]; let a3 = As[ra + 3u];
      let b0 = Bs[rb]; let b1 = Bs[rb + 1u]; let b2 = Bs[rb + 2u]; let b3 = Bs[rb + 3u];
      ${fma}
    }
    workgroupBarrier();
  }
  let rm = m0 + lid.y * 4u;
  let cn = n0 + lid.x * 4u;
  let base = wid.z * ${M * N}u;
  ${store}
}`;
}
