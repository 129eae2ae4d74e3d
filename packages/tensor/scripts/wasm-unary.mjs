// The long-tail float32 elementwise kernels of @dl/tensor (log, log1p, expm1, the elu family, softplus, logSigmoid,
// leakyRelu, forward and fused backward): a WebAssembly module of its own (only bundles that use these ops carry
// it), generated with the others by scripts/build-wasm.mjs. src/kernels/unaryF32.ts emulates every lane with
// Math.fround, bit for bit: float32 + - * / are correctly rounded, the exponential is the four-lane expf of
// build-wasm.mjs, and each kernel applies the same operations in the same order. Every kernel runs four lanes at a
// time over n elements with three float32 parameters p, q, r (unused ones ignored); the last partial group reads
// and writes up to three elements past n (inside kernel memory, which has room for them).
import { constantTable, mapKernel, SIGN, sigmoid4 as sigmoidOf, ZERO } from './wasm-shared.mjs';

const f = Math.fround;
/** Cephes logf (S. L. Moshier, Cephes Math Library, logf.c): log(1 + t) = t - t^2/2 + t^3 P(t), |t| < sqrt(2)/2 - 1/2. */
export const LOGF = {
  sqrtHalf: f(Math.SQRT1_2),
  p: [
    7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
    2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
  ].map(f),
  q1: f(-2.1219444e-4),
  q2: 0.693359375,
};
/** expm1 for |x| < ln 2: x (1 + x P(x)), P the Taylor polynomial 1/2 + x/3! + ... + x^8/10! (coefficients 1/n!). */
export const EXPM1F = {
  limit: f(0.693359375),
  p: [3628800, 362880, 40320, 5040, 720, 120, 24, 6, 2].map((d) => f(1 / d)),
};

/**
 * expm1 of x <= 0 for the elu family (one reduction instead of a polynomial and an exponential): v = max(x, -87),
 * v = k ln 2 + r (Cody-Waite, expf's constants), |r| <= ln 2 / 2; e^r - 1 = r (1 + r q(r)), q the degree-4 fit of
 * scripts/fit_expf.py (EXPF.q, fixtures/expfCoefficients.json); then (2^k - 1) + 2^k (e^r - 1) (2^k - 1 exact for
 * k >= -24, the product exact; for k = 0 it is e^r - 1 exactly), with the sign bit of v set in the result (it is
 * <= 0 anyway; -0 stays -0).
 */
export const EXPM1NEG = {
  low: -87,
};

/**
 * The text of a module: `which` = 'math' (the transcendental kernels) or 'pointwise' (sqrt, rsqrt, abs, square,
 * reciprocal, sign, clip: one or two instructions a lane, a small module of their own).
 */
export function unaryModule({ expf4, expf4Normal, expf4Locals, fsplat, EXPF }, which = 'math') {
  const consts = constantTable();
  const one = fsplat(1);
  /**
   * A map over n elements with the three float32 parameters (see mapKernel); `interleave` vectors a turn for the
   * transcendental kernels (measured per kernel, docs/benchmarks/tensor.md session 12).
   */
  const map = (name, inputs, locals, body, unroll = 1, interleave = 1) =>
    mapKernel(consts, name, inputs, `${locals} ${expf4Locals} ${logLocals}`, body, true, unroll, interleave);
  const logLocals =
    '(local $lx v128) (local $le v128) (local $lm v128) (local $lt v128) (local $lz v128) (local $lp v128) (local $ls v128) (local $l4 v128) (local $lw v128) (local $m1 v128)';
  // logf4(vin): $l4 <- Cephes logf of the lanes (unaryF32.ts logf): subnormals scaled by 2^23 first; x = 2^e m,
  // m in [1/2, 1); m < sqrt(1/2): e - 1 and t = 2m - 1, else t = m - 1; z = t^2; y = (P(t) t) z + e q1 - z/2;
  // (t + y) + e q2. Then ±0 -> -Infinity, +Infinity -> +Infinity, x < 0 -> NaN, NaN -> itself.
  const logf4 = (vin) => `
      (local.set $lx ${vin})
      (local.set $ls (f32x4.lt (local.get $lx) ${fsplat(2 ** -126)}))
      (local.set $lw (v128.bitselect (f32x4.mul (local.get $lx) ${fsplat(2 ** 23)}) (local.get $lx) (local.get $ls)))
      (local.set $le (i32x4.add (i32x4.sub (i32x4.shr_u (local.get $lw) (i32.const 23)) (v128.const i32x4 126 126 126 126))
        (v128.and (local.get $ls) (v128.const i32x4 -23 -23 -23 -23))))
      (local.set $lm (v128.or (v128.and (local.get $lw) (v128.const i32x4 0x807fffff 0x807fffff 0x807fffff 0x807fffff))
        (v128.const i32x4 0x3f000000 0x3f000000 0x3f000000 0x3f000000)))
      (local.set $ls (f32x4.lt (local.get $lm) ${fsplat(LOGF.sqrtHalf)}))
      (local.set $le (i32x4.add (local.get $le) (local.get $ls)))
      (local.set $lt (v128.bitselect (f32x4.sub (f32x4.add (local.get $lm) (local.get $lm)) ${one})
        (f32x4.sub (local.get $lm) ${one}) (local.get $ls)))
      (local.set $lz (f32x4.mul (local.get $lt) (local.get $lt)))
      (local.set $lp ${fsplat(LOGF.p[0])})
      ${LOGF.p
        .slice(1)
        .map((c) => `(local.set $lp (f32x4.add (f32x4.mul (local.get $lp) (local.get $lt)) ${fsplat(c)}))`)
        .join('\n      ')}
      (local.set $lp (f32x4.mul (f32x4.mul (local.get $lp) (local.get $lt)) (local.get $lz)))
      (local.set $lw (f32x4.convert_i32x4_s (local.get $le)))
      (local.set $lp (f32x4.add (local.get $lp) (f32x4.mul (local.get $lw) ${fsplat(LOGF.q1)})))
      (local.set $lp (f32x4.add (local.get $lp) (f32x4.mul (local.get $lz) ${fsplat(-0.5)})))
      (local.set $l4 (f32x4.add (f32x4.add (local.get $lt) (local.get $lp)) (f32x4.mul (local.get $lw) ${fsplat(LOGF.q2)})))
      (local.set $l4 (v128.bitselect ${fsplat(Number.NEGATIVE_INFINITY)} (local.get $l4) (f32x4.eq (local.get $lx) ${ZERO})))
      (local.set $l4 (v128.bitselect (local.get $lx) (local.get $l4) (f32x4.eq (local.get $lx) ${fsplat(Number.POSITIVE_INFINITY)})))
      (local.set $l4 (v128.bitselect ${fsplat(Number.NaN)} (local.get $l4) (f32x4.lt (local.get $lx) ${ZERO})))
      (local.set $l4 (v128.bitselect (local.get $lx) (local.get $l4) (f32x4.ne (local.get $lx) (local.get $lx))))`;
  // log1pf4(vin): $m1 <- log1p of the lanes (Goldberg's w = 1 + x, log(w) * (x / (w - 1))); x where w == 1 (tiny x,
  // keeps -0) or x == +Infinity. Uses logf4.
  const log1pf4 = (vin) => `
      (local.set $m1 ${vin})
      ${logf4(`(f32x4.add ${one} (local.get $m1))`)}
      (local.set $lw (f32x4.add ${one} (local.get $m1)))
      (local.set $l4 (f32x4.mul (local.get $l4) (f32x4.div (local.get $m1) (f32x4.sub (local.get $lw) ${one}))))
      (local.set $m1 (v128.bitselect (local.get $m1) (local.get $l4) (v128.or (f32x4.eq (local.get $lw) ${one})
        (f32x4.eq (local.get $m1) ${fsplat(Number.POSITIVE_INFINITY)}))))`;
  // expm1f4(vin): $m1 <- expm1 of the lanes: |x| < limit: x (1 + x P(x)) (keeps -0); else expf(x) - 1.
  const expm1f4 = (vin) => `
      (local.set $m1 ${vin})
      (local.set $lp ${fsplat(EXPM1F.p[0])})
      ${EXPM1F.p
        .slice(1)
        .map((c) => `(local.set $lp (f32x4.add (f32x4.mul (local.get $lp) (local.get $m1)) ${fsplat(c)}))`)
        .join('\n      ')}
      (local.set $lp (f32x4.mul (local.get $m1) (f32x4.add ${one} (f32x4.mul (local.get $m1) (local.get $lp)))))
      ${expf4('(local.get $m1)')}
      (local.set $m1 (v128.bitselect (local.get $lp) (f32x4.sub (local.get $e4) ${one})
        (f32x4.lt (f32x4.abs (local.get $m1)) ${fsplat(EXPM1F.limit)})))`;
  // expm1neg4(vin): $m1 <- expm1 of the lanes that are <= 0 (see EXPM1NEG; other lanes: garbage the caller drops)
  const expm1neg4 = (vin) => `
      (local.set $lx (f32x4.pmax ${vin} ${fsplat(EXPM1NEG.low)}))
      (local.set $le (f32x4.add (f32x4.mul (local.get $lx) ${fsplat(EXPF.log2e)}) ${fsplat(EXPF.magic)}))
      (local.set $lw (f32x4.sub (local.get $le) ${fsplat(EXPF.magic)}))
      (local.set $lt (f32x4.sub (f32x4.sub (local.get $lx) (f32x4.mul (local.get $lw) ${fsplat(EXPF.c1)})) (f32x4.mul (local.get $lw) ${fsplat(EXPF.c2)})))
      (local.set $lp ${fsplat(EXPF.q[0])})
      ${EXPF.q
        .slice(1)
        .map((c) => `(local.set $lp (f32x4.add (f32x4.mul (local.get $lp) (local.get $lt)) ${fsplat(c)}))`)
        .join('\n      ')}
      (local.set $lp (f32x4.mul (local.get $lt) (f32x4.add ${one} (f32x4.mul (local.get $lt) (local.get $lp)))))
      (local.set $le (i32x4.shl (local.get $le) (i32.const 23)))
      (local.set $m1 (f32x4.add (f32x4.sub (local.get $le) ${one}) (f32x4.mul (local.get $le) (local.get $lp))))
      (local.set $m1 (v128.or (local.get $m1) (v128.and (local.get $lx) ${SIGN})))`;
  const sigmoid4 = (z) => sigmoidOf(expf4, fsplat, z, '$sg');
  const pos = '(f32x4.gt (local.get $a) (v128.const i32x4 0 0 0 0))';

  const math = () => [
    map('log', ['$x'], '', `${logf4('(local.get $a)')}\n      (local.set $r (local.get $l4))`, 1, 4),
    map('log1p', ['$x'], '', `${log1pf4('(local.get $a)')}\n      (local.set $r (local.get $m1))`),
    map('expm1', ['$x'], '', `${expm1f4('(local.get $a)')}\n      (local.set $r (local.get $m1))`),
    // elu family (p = negcoef, q = positive scale, s = input scale): x > 0 ? q x : p expm1(s x)
    map(
      'elu',
      ['$x'],
      '',
      `${expm1neg4('(f32x4.mul (local.get $a) (local.get $S))')}
      (local.set $r (v128.bitselect (f32x4.mul (local.get $Q) (local.get $a)) (f32x4.mul (local.get $P) (local.get $m1)) ${pos}))`,
      1,
      4,
    ),
    // eluBwd (g, x; p = negcoef * input scale, q = positive scale, s = input scale): x > 0 ? g q : g (expf(s x) p).
    // expf through expf4Normal (no clamps, one scale factor: the same values where |s x| <= 86, and NaN stays NaN)
    // unless a lane is beyond; lanes with x > 0 are dropped by the select, whatever their exponential.
    map(
      'eluBwd',
      ['$g', '$x'],
      '',
      `(local.set $a (local.get $b))
      (local.set $m1 (f32x4.mul (local.get $a) (local.get $S)))
      (if (v128.any_true (f32x4.gt (f32x4.abs (local.get $m1)) ${fsplat(86)}))
        (then ${expf4('(local.get $m1)')})
        (else ${expf4Normal('(local.get $m1)')}))
      (local.set $b (v128.load (local.get $g)))
      (local.set $r (v128.bitselect (f32x4.mul (local.get $b) (local.get $Q))
        (f32x4.mul (local.get $b) (f32x4.mul (local.get $e4) (local.get $P))) ${pos}))`,
      1,
      2,
    ),
    // softplus (p = beta, q = threshold): z = beta x; z > threshold ? x : (max(z, 0) + log1p(expf(-|z|))) / beta
    map(
      'softplus',
      ['$x'],
      '(local $z v128)',
      `(local.set $z (f32x4.mul (local.get $a) (local.get $P)))
      ${expf4(`(v128.or (local.get $z) ${SIGN})`)}
      ${log1pf4('(local.get $e4)')}
      (local.set $r (f32x4.div (f32x4.add (f32x4.pmax (local.get $z) ${ZERO}) (local.get $m1)) (local.get $P)))
      (local.set $r (v128.bitselect (local.get $a) (local.get $r) (f32x4.gt (local.get $z) (local.get $Q))))`,
      1,
      4,
    ),
    // softplusBwd (g, x): z = beta x; z > threshold ? g : g sigmoid(z)
    map(
      'softplusBwd',
      ['$g', '$x'],
      '(local $z v128) (local $sg v128)',
      `(local.set $z (f32x4.mul (local.get $b) (local.get $P)))
      ${sigmoid4('(local.get $z)')}
      (local.set $r (v128.bitselect (local.get $a) (f32x4.mul (local.get $a) (local.get $sg)) (f32x4.gt (local.get $z) (local.get $Q))))`,
      1,
      2,
    ),
    // logSigmoid: min(x, 0) - log1p(expf(-|x|))
    map(
      'logSigmoid',
      ['$x'],
      '',
      `${expf4(`(v128.or (local.get $a) ${SIGN})`)}
      ${log1pf4('(local.get $e4)')}
      (local.set $r (f32x4.sub (f32x4.pmin (local.get $a) ${ZERO}) (local.get $m1)))`,
      1,
      4,
    ),
    // logSigmoidBwd (g, x): g sigmoid(-x)
    map(
      'logSigmoidBwd',
      ['$g', '$x'],
      '(local $z v128) (local $sg v128)',
      `(local.set $z (f32x4.neg (local.get $b)))
      ${sigmoid4('(local.get $z)')}
      (local.set $r (f32x4.mul (local.get $a) (local.get $sg)))`,
      1,
      2,
    ),
    // leakyRelu (p = slope): x > 0 ? x : x p
    map(
      'leakyRelu',
      ['$x'],
      '',
      `(local.set $r (v128.bitselect (local.get $a) (f32x4.mul (local.get $a) (local.get $P)) ${pos}))`,
    ),
    // leakyReluBwd (g, x): x > 0 ? g : g p
    map(
      'leakyReluBwd',
      ['$g', '$x'],
      '',
      `(local.set $r (v128.bitselect (local.get $a) (f32x4.mul (local.get $a) (local.get $P))
        (f32x4.gt (local.get $b) ${ZERO})))`,
    ),
  ];
  // the pointwise kernels: correctly rounded single operations (the JavaScript loops round once from float64, which
  // gives the same float32 values: float64 has more than 2 * 24 + 2 bits), except rsqrt = fl(1 / fl(sqrt x))
  // `unroll` 4 for abs and square (one instruction a lane: the loop's pointer steps and branch were the larger part
  // of it; measured 1.8x and 2.5x on resident blocks); sqrt, the divisions, sign and clip (f32x4.min / max are about
  // eight instructions each in V8) gain nothing from it (bench/blocksAB.ts)
  const simple = (name, expr, unroll = 1) => map(name, ['$x'], '', `(local.set $r ${expr})`, unroll);
  const pointwise = () => [
    simple('sqrt', '(f32x4.sqrt (local.get $a))'),
    simple('rsqrt', `(f32x4.div ${one} (f32x4.sqrt (local.get $a)))`),
    simple('abs', '(f32x4.abs (local.get $a))', 4),
    simple('square', '(f32x4.mul (local.get $a) (local.get $a))', 4),
    simple('reciprocal', `(f32x4.div ${one} (local.get $a))`),
    // sign: 1, -1, or 0 (±0 and NaN -> +0)
    simple(
      'sign',
      `(v128.or (v128.and (f32x4.gt (local.get $a) ${ZERO}) ${one}) (v128.and (f32x4.lt (local.get $a) ${ZERO}) ${fsplat(-1)}))`,
    ),
    // clip (p = min, q = max): min(max(x, p), q), NaN kept (hardtanh, relu6, clip)
    simple('clip', '(f32x4.min (f32x4.max (local.get $a) (local.get $P)) (local.get $Q))'),
  ];
  return `;; Generated by scripts/build-wasm.mjs (templates in scripts/wasm-unary.mjs) — do not edit by hand.
;; WebAssembly SIMD ${which === 'math' ? 'long-tail' : 'pointwise'} elementwise kernels of @dl/tensor (float32, four lanes). Pointers are byte offsets.
(module
  (memory (export "memory") 7)
${(which === 'math' ? math() : pointwise()).join('\n')}
${consts.segment()}
)
`;
}
