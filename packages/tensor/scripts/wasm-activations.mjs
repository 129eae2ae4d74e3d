import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constantTable, mapKernel, SIGN, sigmoid4 as sigmoidOf } from './wasm-shared.mjs';

// The activation kernels of @dl/tensor (tanh, SiLU, GELU's tanh form, forward and backward): a WebAssembly module of
// their own (only bundles that use these ops carry it), generated with the others by scripts/build-wasm.mjs.
// src/kernels/activationF32.ts emulates every lane with Math.fround, bit for bit: float32 + - * / are correctly
// rounded, the exponential is the four-lane expf of build-wasm.mjs, and each kernel applies the same operations in
// the same order. Every kernel runs four lanes at a time over n elements; the last partial group reads and writes
// up to three elements past n (inside kernel memory, which has room for them).
const f = Math.fround;
// The polynomials of Phi (GELU's exact form) come from scripts/fit_phi.py through its fixture.
const FIT = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../fixtures/phiCoefficients.json'), 'utf8'),
);
export const PHI = {
  rsqrt2: f(Math.SQRT1_2),
  small: FIT.small.map(f),
  m1: f(FIT.m1),
  h1: FIT.h1.map(f),
  m2: f(FIT.m2),
  h2: FIT.h2.map(f),
  invSqrt2Pi: f(0.3989422804014327),
};
const A = {
  t: [-5.70498872745e-3, 2.06390887954e-2, -5.37397155531e-2, 1.33314422036e-1, -3.33332819422e-1].map(f),
  kappa: f(0.044715),
  c2: f(1.5957691216057308),
  c6: f(0.21406444881780073),
};

/**
 * The text of the module. `expf4(vin)` sets $e4 to the float32 exponentials of `vin` (locals `expf4Locals`),
 * `fsplat(v)` is a float32x4 constant.
 */
export function activationModule({ expf4, expf4Normal, expf4Locals, fsplat }) {
  const consts = constantTable();
  /** A map over n elements (see mapKernel), `interleave` vectors a turn (measured per kernel: session 12). */
  const map = (name, inputs, locals, body, interleave) =>
    mapKernel(consts, name, inputs, `${locals} ${expf4Locals} (local $n4 v128)`, body, false, 1, interleave);
  const one = fsplat(1);
  /**
   * $e4 <- expf4 of `vin`, whose lanes are <= 0 or NaN (sigmoid's e^{-|z|}): through `expf4Normal` (no clamps, one
   * scale factor: 8 operations fewer, the same values on [-86, 0] and NaN) unless a lane is below -86.
   */
  const expNeg4 = (vin) => `(local.set $n4 ${vin})
      (if (v128.any_true (f32x4.lt (local.get $n4) ${fsplat(-86)}))
        (then ${expf4('(local.get $n4)')})
        (else ${expf4Normal('(local.get $n4)')}))`;
  const sigmoid4 = (z) => sigmoidOf(expNeg4, fsplat, z);
  /** $z <- GELU's 2 sqrt(2/pi) (x + kappa x^3) of $a, with $x2 = x^2. */
  const geluZ = `(local.set $x2 (f32x4.mul (local.get $a) (local.get $a)))
      (local.set $z (f32x4.mul ${fsplat(A.c2)} (f32x4.add (local.get $a)
        (f32x4.mul ${fsplat(A.kappa)} (f32x4.mul (local.get $x2) (local.get $a))))))`;

  // phi4: $ph <- the float32 standard normal CDF of $a (src/kernels/activationF32.ts phif): u = x / sqrt 2; |u| <
  // 0.84375: (1 + u + u P(u^2)) / 2 as 0.5 + 0.5 erf; else erfc|u| = (expf(-u^2) h(1/|u| - m)) / |u| (h and m of the
  // region |u| < 2 or above, chosen lane by lane), then erfc / 2 for u < 0 and 1 - erfc / 2 above. The second branch
  // (a division, an exponential, a polynomial) runs only when a lane needs it (|u| >= 0.84375 or NaN): where all
  // four lanes are small the select would take the first branch's values anyway, so the results are the same.
  const hornerSel = (mask, c1, c2, w) =>
    `(local.set $p (v128.bitselect ${fsplat(c1[0])} ${fsplat(c2[0])} ${mask}))
      ${c1
        .slice(1)
        .map(
          (c, k) =>
            `(local.set $p (f32x4.add (f32x4.mul (local.get $p) ${w}) (v128.bitselect ${fsplat(c)} ${fsplat(c2[k + 1])} ${mask})))`,
        )
        .join('\n      ')}`;
  const phiLocals =
    '(local $u v128) (local $ab v128) (local $p v128) (local $ps v128) (local $lo v128) (local $sv v128) (local $w v128) (local $ph v128) (local $sm v128)';
  const phi4 = `(local.set $u (f32x4.mul (local.get $a) ${fsplat(PHI.rsqrt2)}))
      (local.set $ab (f32x4.abs (local.get $u)))
      (local.set $ps (f32x4.mul (local.get $u) (local.get $u)))
      (local.set $p ${fsplat(PHI.small[0])})
      ${PHI.small
        .slice(1)
        .map((c) => `(local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $ps)) ${fsplat(c)}))`)
        .join('\n      ')}
      (local.set $ps (f32x4.add ${fsplat(0.5)} (f32x4.mul ${fsplat(0.5)}
        (f32x4.add (local.get $u) (f32x4.mul (local.get $u) (local.get $p))))))
      (local.set $ph (local.get $ps))
      (local.set $sm (f32x4.lt (local.get $ab) ${fsplat(0.84375)}))
      (if (v128.any_true (v128.not (local.get $sm))) (then
      (local.set $lo (f32x4.lt (local.get $ab) ${fsplat(2)}))
      (local.set $sv (f32x4.div ${one} (local.get $ab)))
      (local.set $w (f32x4.sub (local.get $sv) (v128.bitselect ${fsplat(PHI.m1)} ${fsplat(PHI.m2)} (local.get $lo))))
      ${hornerSel('(local.get $lo)', PHI.h1, PHI.h2, '(local.get $w)')}
      ${expf4('(f32x4.neg (f32x4.mul (local.get $ab) (local.get $ab)))')}
      (local.set $p (f32x4.mul ${fsplat(0.5)} (f32x4.mul (f32x4.mul (local.get $e4) (local.get $p)) (local.get $sv))))
      (local.set $p (v128.bitselect (local.get $p) (f32x4.sub ${one} (local.get $p)) (f32x4.lt (local.get $u) (v128.const i32x4 0 0 0 0))))
      (local.set $ph (v128.bitselect (local.get $ps) (local.get $p) (local.get $sm)))))`;
  // gelu (exact form): x * phi(x).
  const gelu = map(
    'gelu',
    ['$x'],
    phiLocals,
    `${phi4}
      (local.set $r (f32x4.mul (local.get $a) (local.get $ph)))`,
    1,
  );
  // geluBwd (g, x): g (phi(x) + x pdf(x)), pdf = expf(-0.5 x^2) / sqrt(2 pi).
  const geluBwd = map(
    'geluBwd',
    ['$g', '$x'],
    phiLocals,
    `(local.set $a (local.get $b))
      ${phi4}
      ${expf4(`(f32x4.mul ${fsplat(-0.5)} (f32x4.mul (local.get $a) (local.get $a)))`)}
      (local.set $r (f32x4.mul (v128.load (local.get $g)) (f32x4.add (local.get $ph)
        (f32x4.mul (local.get $a) (f32x4.mul (local.get $e4) ${fsplat(PHI.invSqrt2Pi)})))))`,
    1,
  );
  // tanh: |x| < 0.625: x + x z P(z) (Cephes tanhf, z = x^2; ±0 as is); else copysign(1 - 2 / (expf(2|x|) + 1), x).
  // expf(2|x|) through expf4Normal with 2|x| clamped to 88 (k <= 127: one exact factor; the same values as expf4
  // there, and above 88 both give t = 1 in float32; NaN stays NaN).
  const tanh = map(
    'tanh',
    ['$x'],
    '(local $ab v128) (local $z v128) (local $p v128) (local $t v128)',
    `(local.set $ab (f32x4.abs (local.get $a)))
      (local.set $z (f32x4.mul (local.get $a) (local.get $a)))
      (local.set $p (f32x4.add (f32x4.mul ${fsplat(A.t[0])} (local.get $z)) ${fsplat(A.t[1])}))
      ${[2, 3, 4].map((i) => `(local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $z)) ${fsplat(A.t[i])}))`).join('\n      ')}
      (local.set $p (f32x4.add (f32x4.mul (f32x4.mul (local.get $p) (local.get $z)) (local.get $a)) (local.get $a)))
      ${expf4Normal(`(f32x4.pmin (f32x4.add (local.get $ab) (local.get $ab)) ${fsplat(88)})`)}
      (local.set $t (f32x4.sub ${one} (f32x4.div ${fsplat(2)} (f32x4.add (local.get $e4) ${one}))))
      (local.set $t (v128.bitselect (local.get $a) (local.get $t) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000)))
      (local.set $p (v128.bitselect (local.get $a) (local.get $p) (f32x4.eq (local.get $a) (v128.const i32x4 0 0 0 0))))
      (local.set $r (v128.bitselect (local.get $p) (local.get $t) (f32x4.lt (local.get $ab) ${fsplat(0.625)})))`,
    4,
  );
  // silu: x * sigmoid(x).
  const silu = map(
    'silu',
    ['$x'],
    '(local $s v128)',
    `${sigmoid4('(local.get $a)')}
      (local.set $r (f32x4.mul (local.get $a) (local.get $s)))`,
    4,
  );
  // geluTanh: x * sigmoid(z), z = 2 sqrt(2/pi) (x + kappa x^3) (= x (1 + tanh(z / 2)) / 2).
  const geluTanh = map(
    'geluTanh',
    ['$x'],
    '(local $s v128) (local $x2 v128) (local $z v128)',
    `${geluZ}
      ${sigmoid4('(local.get $z)')}
      (local.set $r (f32x4.mul (local.get $a) (local.get $s)))`,
    4,
  );
  // tanhBwd (g, y): g (1 - y^2).
  const tanhBwd = map(
    'tanhBwd',
    ['$g', '$y'],
    '',
    `(local.set $r (f32x4.mul (local.get $a) (f32x4.sub ${one} (f32x4.mul (local.get $b) (local.get $b)))))`,
    1,
  );
  // siluBwd (g, x): g (s (1 + x (1 - s))), s = sigmoid(x).
  const siluBwd = map(
    'siluBwd',
    ['$g', '$x'],
    '(local $s v128)',
    `${sigmoid4('(local.get $b)')}
      (local.set $r (f32x4.mul (local.get $a) (f32x4.mul (local.get $s) (f32x4.add ${one}
        (f32x4.mul (local.get $b) (f32x4.sub ${one} (local.get $s)))))))`,
    2,
  );
  // geluTanhBwd (g, x): g (s + (x (s sn)) z'), s = sigmoid(z), sn = sigmoid(-z) from one exponential
  // (q = 1 + e, 1 / q and e / q), z' = x^2 c6 + c2.
  const geluTanhBwd = map(
    'geluTanhBwd',
    ['$g', '$x'],
    '(local $x2 v128) (local $z v128) (local $q v128) (local $p v128) (local $m v128) (local $s v128) (local $sn v128)',
    `(local.set $a (local.get $b))
      ${geluZ}
      ${expNeg4(`(v128.or (local.get $z) ${SIGN})`)}
      (local.set $q (f32x4.add ${one} (local.get $e4)))
      (local.set $p (f32x4.div ${one} (local.get $q)))
      (local.set $q (f32x4.div (local.get $e4) (local.get $q)))
      (local.set $m (f32x4.ge (local.get $z) (v128.const i32x4 0 0 0 0)))
      (local.set $s (v128.bitselect (local.get $p) (local.get $q) (local.get $m)))
      (local.set $sn (v128.bitselect (local.get $q) (local.get $p) (local.get $m)))
      (local.set $r (f32x4.mul (v128.load (local.get $g)) (f32x4.add (local.get $s) (f32x4.mul
        (f32x4.mul (local.get $b) (f32x4.mul (local.get $s) (local.get $sn)))
        (f32x4.add (f32x4.mul (local.get $x2) ${fsplat(A.c6)}) ${fsplat(A.c2)})))))`,
    4,
  );
  return `;; Generated by scripts/build-wasm.mjs (templates in scripts/wasm-activations.mjs) — do not edit by hand.
;; WebAssembly SIMD activation kernels of @dl/tensor (float32, four lanes). Pointers are byte offsets.
(module
  (memory (export "memory") 7)
${tanh}
${silu}
${geluTanh}
${tanhBwd}
${siluBwd}
${geluTanhBwd}
${gelu}
${geluBwd}
${consts.segment()}
)
`;
}
