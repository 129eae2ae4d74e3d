// The fused kernels of the wasm device (createWasmDevice): the device protocol's `ema` and `adamParam`, which
// @dl/optim's createOptimizer calls once per parameter and step, and dropout's mask. A module of its own that
// imports the device's memory (the memory of the device's instance of the main module), so each op is one pass
// over the operands where they live. Generated with the others by scripts/build-wasm.mjs.
//
// Each kernel is the protocol formula with every operation rounded to float32 as written (src/wasmDevice/_fused.ts
// has the formulas and the JavaScript form the tests compare with, bit for bit): IEEE float32 multiply, divide,
// add and square root, correctly rounded in WebAssembly and in JavaScript's Math.fround of the double result.
// Pointers are byte offsets of blocks of the device's arena, whose rounded sizes leave room for the three values
// past n that the last group of four reads and writes.

const loop = (o, body, steps) => `
    (local.set $end (i32.add (local.get ${o}) (i32.shl (local.get $n) (i32.const 2))))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get ${o}) (local.get $end)))
      ${body}
      ${steps.map((p) => `(local.set ${p} (i32.add (local.get ${p}) (i32.const 16)))`).join(' ')}
      (br $l)))`;

const splat = (to, from) => `(local.set ${to} (f32x4.splat (local.get ${from})))`;

/** `ema`: o = R(R(s decay) + R(scale x)), x = g, or R(g g) when `square` is not 0. */
const ema = () => `
  (func (export "ema") (param $s i32) (param $g i32) (param $o i32) (param $n i32) (param $decay f32) (param $scale f32)
    (param $square i32)
    (local $end i32) (local $D v128) (local $S v128) (local $x v128)
    ${splat('$D', '$decay')} ${splat('$S', '$scale')}
    (if (local.get $square)
      (then ${loop(
        '$o',
        `(local.set $x (v128.load (local.get $g)))
      (v128.store (local.get $o) (f32x4.add (f32x4.mul (v128.load (local.get $s)) (local.get $D))
        (f32x4.mul (local.get $S) (f32x4.mul (local.get $x) (local.get $x)))))`,
        ['$s', '$g', '$o'],
      )})
      (else ${loop(
        '$o',
        `(v128.store (local.get $o) (f32x4.add (f32x4.mul (v128.load (local.get $s)) (local.get $D))
        (f32x4.mul (local.get $S) (v128.load (local.get $g)))))`,
        ['$s', '$g', '$o'],
      )})))`;

/** `adamParam`: o = R(R(p decay) + R(R(stepSize m) / R(R(R(√v) / bc2) + eps))). */
const adamParam = () => `
  (func (export "adamParam") (param $p i32) (param $m i32) (param $v i32) (param $o i32) (param $n i32)
    (param $decay f32) (param $stepSize f32) (param $bc2 f32) (param $eps f32)
    (local $end i32) (local $D v128) (local $S v128) (local $B v128) (local $E v128)
    ${splat('$D', '$decay')} ${splat('$S', '$stepSize')} ${splat('$B', '$bc2')} ${splat('$E', '$eps')}
    ${loop(
      '$o',
      `(v128.store (local.get $o) (f32x4.add (f32x4.mul (v128.load (local.get $p)) (local.get $D))
        (f32x4.div (f32x4.mul (local.get $S) (v128.load (local.get $m)))
          (f32x4.add (f32x4.div (f32x4.sqrt (v128.load (local.get $v))) (local.get $B)) (local.get $E)))))`,
      ['$p', '$m', '$v', '$o'],
    )})`;

const M24 = '(v128.const i32x4 0xffffff 0xffffff 0xffffff 0xffffff)';
const mod24 = (x) => `(v128.and ${x} ${M24})`;
const H = ['$h0', '$h1', '$h2', '$h3'];
/** Statement by statement for the four vectors (their chains are independent: the core overlaps them). */
const each = (f) => H.map(f).join(' ');
/** One round of dropout's hash on the indices in $h0 … $h3 (src/ops/_deviceDropout.ts: arithmetic modulo 2^24). */
const round = (seed) => `
      ${each((h) => `(local.set ${h} ${mod24(`(i32x4.mul (local.get ${h}) (i32x4.splat (i32.const 4250469)))`)})`)}
      ${each((h) => `(local.set ${h} (v128.or (i32x4.shl (v128.and (local.get ${h}) (v128.const i32x4 4095 4095 4095 4095)) (i32.const 12)) (i32x4.shr_u (local.get ${h}) (i32.const 12))))`)}
      ${each((h) => `(local.set ${h} ${mod24(`(i32x4.mul (local.get ${h}) (i32x4.add (i32x4.shl (local.get ${h}) (i32.const 1)) (v128.const i32x4 1 1 1 1)))`)})`)}
      ${each((h) => `(local.set ${h} ${mod24(`(i32x4.add (local.get ${h}) (local.get ${seed}))`)})`)}`;

/**
 * `dropout`'s mask: o[i] = scale where dropoutHash(i, seedLo, seedHi) < bound, else 0; sixteen elements a turn
 * (four vectors interleaved: each is a chain of dependent multiplications), up to fifteen past n, inside the
 * output's block (the arena rounds blocks to 64 bytes).
 */
const dropout = () => `
  (func (export "dropout") (param $o i32) (param $n i32) (param $seedLo i32) (param $seedHi i32) (param $bound i32)
    (param $scale f32)
    (local $end i32) (local $i v128) (local $h0 v128) (local $h1 v128) (local $h2 v128) (local $h3 v128)
    (local $S0 v128) (local $S1 v128) (local $B v128) (local $S v128)
    (local.set $i (v128.const i32x4 0 1 2 3))
    (local.set $S0 (i32x4.splat (local.get $seedLo))) (local.set $S1 (i32x4.splat (local.get $seedHi)))
    (local.set $B (i32x4.splat (local.get $bound))) ${splat('$S', '$scale')}
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $o) (local.get $end)))
      ${H.map((h, j) => `(local.set ${h} ${mod24(`(i32x4.add (local.get $i) (v128.const i32x4 ${4 * j} ${4 * j} ${4 * j} ${4 * j}))`)})`).join(' ')}${round('$S0')}${round('$S1')}${round('$S0')}
      ${H.map((h, j) => `(v128.store offset=${16 * j} (local.get $o) (v128.and (i32x4.lt_s (local.get ${h}) (local.get $B)) (local.get $S)))`).join('\n      ')}
      (local.set $i (i32x4.add (local.get $i) (v128.const i32x4 16 16 16 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 64)))
      (br $l))))`;

export function deviceModule() {
  return `;; Generated by scripts/build-wasm.mjs (templates in scripts/wasm-device.mjs) — do not edit by hand.
;; The wasm device's fused update kernels (float32, four lanes), on the device's memory. Pointers are byte offsets.
(module
  (import "env" "memory" (memory 1))
${ema()}
${adamParam()}
${dropout()}
)
`;
}
