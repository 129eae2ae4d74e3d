// Sources of the gpu.js kernels, generated per layout: shapes and strides are inlined as literals, so GLSL ES 1.0
// (WebGL 1, headless-gl) sees constant loop bounds, and every kernel is one pass: one output element per thread.
// Tensors live in one-dimensional float32 textures of `size` elements in row-major order.

/** A float literal for generated source (always with a decimal point: GLSL types `1` as int). */
export function lit(v: number): string {
  if (Number.isNaN(v)) return '(0.0 / 0.0)';
  if (v === Number.POSITIVE_INFINITY) return '(1.0 / 0.0)';
  if (v === Number.NEGATIVE_INFINITY) return '(-1.0 / 0.0)';
  const s = String(Math.fround(v));
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** Row-major strides of `shape`. */
export function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let k = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = k;
    k *= shape[i]!;
  }
  return s;
}

/**
 * Source lines that split the flat output index `o` into coordinates `c0…` of `shape` and compute, for each
 * input `j`, its flat index `i<j>` from per-input strides over the output's axes (0 where it broadcasts).
 * Division by `d` is `floor((o + 0.5) / d)`: exact for indices below 2^22 whatever the rounding of `/`.
 */
export function indexLines(shape: readonly number[], inputStrides: readonly (readonly number[])[]): string {
  const lines: string[] = ['let r = this.thread.x + 0.0;'];
  const st = strides(shape);
  for (let d = 0; d < shape.length; d++) {
    if (d === shape.length - 1) lines.push(`const c${d} = r;`);
    else {
      lines.push(`const c${d} = Math.floor((r + 0.5) / ${lit(st[d]!)});`);
      lines.push(`r = r - c${d} * ${lit(st[d]!)};`);
    }
  }
  inputStrides.forEach((s, j) => {
    const terms = s.map((k, d) => (k === 0 ? '' : ` + c${d} * ${lit(k)}`)).join('');
    lines.push(`const i${j} = 0.0${terms};`);
  });
  return lines.join('\n  ');
}

/** Strides of an input of `shape` read at the coordinates of a broadcast output of rank `rank`. */
export function broadcastInputStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const own = strides(shape);
  const lead = outShape.length - shape.length;
  return outShape.map((_, d) => (d < lead || shape[d - lead] === 1 ? 0 : own[d - lead]!));
}

/** The expression of each binary op on `x` and `y`. */
export const BINARY: Record<string, string> = {
  add: '(x + y)',
  sub: '(x - y)',
  mul: '(x * y)',
  div: '(x / y)',
  maximum: 'Math.max(x, y)',
  minimum: 'Math.min(x, y)',
  greater: '(x > y ? 1.0 : 0.0)',
  greaterEqual: '(x >= y ? 1.0 : 0.0)',
  less: '(x < y ? 1.0 : 0.0)',
  lessEqual: '(x <= y ? 1.0 : 0.0)',
  equal: '(x == y ? 1.0 : 0.0)',
  notEqual: '(x != y ? 1.0 : 0.0)',
};

/** Statements of each unary op computing `v` from `x` (parameters `p` and `q` inlined). */
export const UNARY: Record<string, (p: string, q: string) => string> = {
  exp: () => 'const v = Math.exp(x);',
  log: () => 'const v = Math.log(x);',
  sqrt: () => 'const v = Math.sqrt(x);',
  rsqrt: () => 'const v = 1.0 / Math.sqrt(x);',
  abs: () => 'const v = Math.abs(x);',
  sign: () => 'const v = x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : x);',
  square: () => 'const v = x * x;',
  reciprocal: () => 'const v = 1.0 / x;',
  sin: () => 'const v = Math.sin(x);',
  cos: () => 'const v = Math.cos(x);',
  relu: () => 'const v = x > 0.0 ? x : 0.0;',
  positiveMask: () => 'const v = x > 0.0 ? 1.0 : 0.0;',
  sigmoid: () => 'const e = Math.exp(-Math.abs(x));\n  const v = x >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);',
  tanh: () =>
    'const e = Math.exp(-2.0 * Math.abs(x));\n  const t = (1.0 - e) / (1.0 + e);\n  const v = x < 0.0 ? -t : t;',
  leakyRelu: (p) => `const v = x > 0.0 ? x : x * ${p};`,
  leakyReluMask: (p) => `const v = x > 0.0 ? 1.0 : ${p};`,
  clip: (p, q) => `const v = Math.min(Math.max(x, ${p}), ${q});`,
  clipMask: (p, q) => `const v = x >= ${p} && x <= ${q} ? 1.0 : 0.0;`,
  hardtanh: (p, q) => `const v = Math.min(Math.max(x, ${p}), ${q});`,
  hardtanhMask: (p, q) => `const v = x > ${p} && x < ${q} ? 1.0 : 0.0;`,
  elu: (p, q) => `const v = x > 0.0 ? x : ${p} * (Math.exp(x * ${q}) - 1.0);`,
  scaledElu: (p, q) => `const v = x > 0.0 ? ${q} * x : ${p} * (Math.exp(x) - 1.0);`,
  softplus: (p, q) =>
    `const z = x * ${p};\n  const v = z > ${q} ? x : (Math.max(z, 0.0) + Math.log(1.0 + Math.exp(-Math.abs(z)))) / ${p};`,
  softplusAbove: (p, q) => `const v = x * ${p} > ${q} ? 1.0 : 0.0;`,
  erfc: () => `${ERFC('x', 'v')}`,
  erf: () =>
    `const x2 = x * x;
  ${ERFC('x', 'ec')}
  const v = Math.abs(x) < 0.5 ? x * (1.1283791670955126 + x2 * (-0.3761263890318375 + x2 * (0.11283791670955126 + x2 * (-0.02686617064513125 + x2 * (0.005223977625442188 - x2 * 0.0008548327023450852))))) : 1.0 - ec;`,
  gelu: () => `const xs = -x * 0.7071067811865476;
  ${ERFC('xs', 'ec')}
  const v = x * 0.5 * ec;`,
  geluTanh: () =>
    `const z = 1.5957691216057308 * (x + 0.044715 * x * x * x);
  const e = Math.exp(-Math.abs(z));
  const v = x * (z >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e));`,
  silu: (p) =>
    `const z = x * ${p};
  const e = Math.exp(-Math.abs(z));
  const v = x * (z >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e));`,
  mish: () =>
    `const sp = Math.max(x, 0.0) + Math.log(1.0 + Math.exp(-Math.abs(x)));
  const e = Math.exp(-2.0 * sp);
  const v = x * (1.0 - e) / (1.0 + e);`,
  logSigmoid: () => 'const v = Math.min(x, 0.0) - Math.log(1.0 + Math.exp(-Math.abs(x)));',
  log1p: () => `const u = 1.0 + x;
  const v = u == 1.0 ? x : Math.log(u) * (x / (u - 1.0));`,
  expm1: () =>
    `const u = Math.exp(x);
  const w = u - 1.0;
  const v = u == 1.0 ? x : (w == -1.0 ? -1.0 : w * (x / Math.log(u)));`,
};

/**
 * Statements setting `out` to erfc(`x`) (Numerical Recipes' Chebyshev fit: relative error below 1.2e-7 for every
 * x, no cancellation in either tail), in the JavaScript subset gpu.js compiles.
 */
function ERFC(x: string, out: string): string {
  return `const ${out}_z = Math.abs(${x});
  const ${out}_t = 1.0 / (1.0 + 0.5 * ${out}_z);
  const ${out}_r = ${out}_t * Math.exp(-${out}_z * ${out}_z - 1.26551223 + ${out}_t * (1.00002368 + ${out}_t * (0.37409196 + ${out}_t * (0.09678418 + ${out}_t * (-0.18628806 + ${out}_t * (0.27886807 + ${out}_t * (-1.13520398 + ${out}_t * (1.48851587 + ${out}_t * (-0.82215223 + ${out}_t * 0.17087277)))))))));
  const ${out} = ${x} >= 0.0 ? ${out}_r : 2.0 - ${out}_r;`;
}

/** The op names this device runs (besides matmul, reductions, softmax and the layout ops). */
export function hasElementwise(op: string): boolean {
  return op in BINARY || op in UNARY;
}

/** `return` of a kernel function wrapped as source text gpu.js accepts. */
export function kernelSource(params: readonly string[], body: string): string {
  return `function (${params.join(', ')}) {\n  ${body}\n}`;
}
