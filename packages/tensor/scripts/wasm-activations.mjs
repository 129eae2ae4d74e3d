// The activation kernels of @dl/tensor (tanh, SiLU, GELU's tanh form, forward and backward): a WebAssembly module of
// their own (only bundles that use these ops carry it), generated with the others by scripts/build-wasm.mjs.
// src/kernels/activationF32.ts emulates every lane with Math.fround, bit for bit: float32 + - * / are correctly
// rounded, the exponential is the four-lane expf of build-wasm.mjs, and each kernel applies the same operations in
// the same order. Every kernel runs four lanes at a time over n elements; the last partial group reads and writes
// up to three elements past n (inside kernel memory, which has room for them).
const f = Math.fround;
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
export function activationModule({ expf4, expf4Locals, fsplat }) {
  const get = (v) => `(local.get ${v})`;
  /** A map over n elements: `inputs` pointers advance with $o, `body` sets $r from the loaded $a (and $b). */
  const map = (name, inputs, locals, body) => `
  (func (export "${name}") ${inputs.map((p) => `(param ${p} i32)`).join(' ')} (param $o i32) (param $n i32)
    (local $end i32) (local $r v128) (local $a v128) (local $b v128) ${locals} ${expf4Locals}
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $o) (local.get $end)))
      (local.set $a (v128.load ${get(inputs[0])}))
      ${inputs.length > 1 ? `(local.set $b (v128.load ${get(inputs[1])}))` : ''}
      ${body}
      (v128.store (local.get $o) (local.get $r))
      ${[...inputs, '$o'].map((p) => `(local.set ${p} (i32.add ${get(p)} (i32.const 16)))`).join(' ')}
      (br $l))))`;
  const one = fsplat(1);
  /** $s <- sigmoid of `z` (a v128 expression of locals): e = expf(-|z|), (z >= 0 ? 1 : e) / (1 + e). */
  const sigmoid4 = (z) => `${expf4(`(f32x4.neg (f32x4.abs ${z}))`)}
      (local.set $s (f32x4.div (v128.bitselect ${one} (local.get $e4) (f32x4.ge ${z} (v128.const i32x4 0 0 0 0)))
        (f32x4.add ${one} (local.get $e4))))`;
  /** $z <- GELU's 2 sqrt(2/pi) (x + kappa x^3) of $a, with $x2 = x^2. */
  const geluZ = `(local.set $x2 (f32x4.mul (local.get $a) (local.get $a)))
      (local.set $z (f32x4.mul ${fsplat(A.c2)} (f32x4.add (local.get $a)
        (f32x4.mul ${fsplat(A.kappa)} (f32x4.mul (local.get $x2) (local.get $a))))))`;

  // tanh: |x| < 0.625: x + x z P(z) (Cephes tanhf, z = x^2; ±0 as is); else copysign(1 - 2 / (expf(2|x|) + 1), x).
  const tanh = map(
    'tanh',
    ['$x'],
    '(local $ab v128) (local $z v128) (local $p v128) (local $t v128)',
    `(local.set $ab (f32x4.abs (local.get $a)))
      (local.set $z (f32x4.mul (local.get $a) (local.get $a)))
      (local.set $p (f32x4.add (f32x4.mul ${fsplat(A.t[0])} (local.get $z)) ${fsplat(A.t[1])}))
      ${[2, 3, 4].map((i) => `(local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $z)) ${fsplat(A.t[i])}))`).join('\n      ')}
      (local.set $p (f32x4.add (f32x4.mul (f32x4.mul (local.get $p) (local.get $z)) (local.get $a)) (local.get $a)))
      ${expf4('(f32x4.add (local.get $ab) (local.get $ab))')}
      (local.set $t (f32x4.sub ${one} (f32x4.div ${fsplat(2)} (f32x4.add (local.get $e4) ${one}))))
      (local.set $t (v128.bitselect (local.get $a) (local.get $t) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000)))
      (local.set $p (v128.bitselect (local.get $a) (local.get $p) (f32x4.eq (local.get $a) (v128.const i32x4 0 0 0 0))))
      (local.set $r (v128.bitselect (local.get $p) (local.get $t) (f32x4.lt (local.get $ab) ${fsplat(0.625)})))`,
  );
  // silu: x * sigmoid(x).
  const silu = map(
    'silu',
    ['$x'],
    '(local $s v128)',
    `${sigmoid4('(local.get $a)')}
      (local.set $r (f32x4.mul (local.get $a) (local.get $s)))`,
  );
  // geluTanh: x * sigmoid(z), z = 2 sqrt(2/pi) (x + kappa x^3) (= x (1 + tanh(z / 2)) / 2).
  const geluTanh = map(
    'geluTanh',
    ['$x'],
    '(local $s v128) (local $x2 v128) (local $z v128)',
    `${geluZ}
      ${sigmoid4('(local.get $z)')}
      (local.set $r (f32x4.mul (local.get $a) (local.get $s)))`,
  );
  // tanhBwd (g, y): g (1 - y^2).
  const tanhBwd = map(
    'tanhBwd',
    ['$g', '$y'],
    '',
    `(local.set $r (f32x4.mul (local.get $a) (f32x4.sub ${one} (f32x4.mul (local.get $b) (local.get $b)))))`,
  );
  // siluBwd (g, x): g (s (1 + x (1 - s))), s = sigmoid(x).
  const siluBwd = map(
    'siluBwd',
    ['$g', '$x'],
    '(local $s v128)',
    `${sigmoid4('(local.get $b)')}
      (local.set $r (f32x4.mul (local.get $a) (f32x4.mul (local.get $s) (f32x4.add ${one}
        (f32x4.mul (local.get $b) (f32x4.sub ${one} (local.get $s)))))))`,
  );
  // geluTanhBwd (g, x): g (s + (x (s sn)) z'), s = sigmoid(z), sn = sigmoid(-z) from one exponential
  // (q = 1 + e, 1 / q and e / q), z' = x^2 c6 + c2.
  const geluTanhBwd = map(
    'geluTanhBwd',
    ['$g', '$x'],
    '(local $x2 v128) (local $z v128) (local $q v128) (local $p v128) (local $m v128) (local $s v128) (local $sn v128)',
    `(local.set $a (local.get $b))
      ${geluZ}
      ${expf4('(f32x4.neg (f32x4.abs (local.get $z)))')}
      (local.set $q (f32x4.add ${one} (local.get $e4)))
      (local.set $p (f32x4.div ${one} (local.get $q)))
      (local.set $q (f32x4.div (local.get $e4) (local.get $q)))
      (local.set $m (f32x4.ge (local.get $z) (v128.const i32x4 0 0 0 0)))
      (local.set $s (v128.bitselect (local.get $p) (local.get $q) (local.get $m)))
      (local.set $sn (v128.bitselect (local.get $q) (local.get $p) (local.get $m)))
      (local.set $r (f32x4.mul (v128.load (local.get $g)) (f32x4.add (local.get $s) (f32x4.mul
        (f32x4.mul (local.get $b) (f32x4.mul (local.get $s) (local.get $sn)))
        (f32x4.add (f32x4.mul (local.get $x2) ${fsplat(A.c6)}) ${fsplat(A.c2)})))))`,
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
)
`;
}
