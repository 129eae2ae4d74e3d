// Generates src/wasm/kernels.wat (WebAssembly text) and src/wasm/kernelsWasm.ts (the binary, base64) for the
// fused float32 optimizer steps of @dl/optim, with wabt. Edit this script, never the generated files; the test
// test/wasm.test.ts fails when they are stale and checks every kernel against the JavaScript loop bit for bit.
//
//   node scripts/build-wasm.mjs          (write)    node scripts/build-wasm.mjs --check   (exit 1 when stale)
//
// Numerics: every float32 operation of the JavaScript loop (src/_rules.ts) is one f32x4 lane operation here
// (+, *, /, sqrt of float32 values computed in float64 and rounded once give the correctly rounded float32
// result). The loop's fused steps `R(a + b * c)` (PyTorch's FMA in add-with-alpha / addcmul) are computed as the
// JavaScript does: promoted to f64x2, the exact product added in float64, then demoted.
import { readFileSync, writeFileSync } from 'node:fs';
import wabtInit from 'wabt';

/** Elements per streamed block; layout: five float32 arrays of BLOCK elements (p, g, m, v, vmax). */
export const BLOCK = 8192;

const wat = `(module
  (memory (export "memory") ${Math.ceil((5 * BLOCK * 4) / 65536)})
  ;; demote(promote(a) + promote(b) * promote(c)), lane by lane, as the JavaScript R(a + b * c)
  (func $fused (param $a v128) (param $b v128) (param $c v128) (result v128)
    (local $lo v128) (local $hi v128)
    (local.set $lo (f64x2.add (f64x2.promote_low_f32x4 (local.get $a))
      (f64x2.mul (f64x2.promote_low_f32x4 (local.get $b)) (f64x2.promote_low_f32x4 (local.get $c)))))
    (local.set $hi (f64x2.add (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)))
      (f64x2.mul (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)))
                 (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $c) (local.get $c))))))
    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
      (f32x4.demote_f64x2_zero (local.get $lo)) (f32x4.demote_f64x2_zero (local.get $hi))))
  ;; Adam / AdamW over n elements (n a multiple of 4) of the block. flags: 1 amsgrad, 2 decoupled, 4 maximize.
  (func (export "adam") (param $n i32) (param $flags i32)
    (param $b1 f32) (param $c1 f32) (param $b2 f32) (param $c2 f32) (param $bc2 f32) (param $eps f32)
    (param $ss f32) (param $wd f32) (param $decay f32)
    (local $i i32) (local $end i32) (local $d v128) (local $p v128) (local $m v128) (local $v v128)
    (local $den v128)
    (local.set $end (i32.mul (local.get $n) (i32.const 4)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $d (v128.load offset=${BLOCK * 4} (local.get $i)))
      (if (i32.and (local.get $flags) (i32.const 4)) (then (local.set $d (f32x4.neg (local.get $d)))))
      (local.set $p (v128.load (local.get $i)))
      (if (i32.and (local.get $flags) (i32.const 2))
        (then (local.set $p (f32x4.mul (local.get $p) (f32x4.splat (local.get $decay)))))
        (else (if (f32.ne (local.get $wd) (f32.const 0))
          (then (local.set $d (call $fused (local.get $d) (f32x4.splat (local.get $wd)) (local.get $p)))))))
      (local.set $m (call $fused (f32x4.mul (v128.load offset=${2 * BLOCK * 4} (local.get $i)) (f32x4.splat (local.get $b1)))
        (local.get $d) (f32x4.splat (local.get $c1))))
      (local.set $v (call $fused (f32x4.mul (v128.load offset=${3 * BLOCK * 4} (local.get $i)) (f32x4.splat (local.get $b2)))
        (f32x4.mul (f32x4.splat (local.get $c2)) (local.get $d)) (local.get $d)))
      (v128.store offset=${2 * BLOCK * 4} (local.get $i) (local.get $m))
      (v128.store offset=${3 * BLOCK * 4} (local.get $i) (local.get $v))
      (if (i32.and (local.get $flags) (i32.const 1)) (then
        (local.set $v (f32x4.max (v128.load offset=${4 * BLOCK * 4} (local.get $i)) (local.get $v)))
        (v128.store offset=${4 * BLOCK * 4} (local.get $i) (local.get $v))))
      (local.set $den (f32x4.add (f32x4.div (f32x4.sqrt (local.get $v)) (f32x4.splat (local.get $bc2))) (f32x4.splat (local.get $eps))))
      (v128.store (local.get $i) (f32x4.add (local.get $p)
        (f32x4.div (f32x4.mul (f32x4.splat (local.get $ss)) (local.get $m)) (local.get $den))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $next))))
  ;; SGD over n elements: p at 0, g at BLOCK, the momentum buffer at 2 BLOCK.
  ;; flags: 1 first step (buffer = d), 2 nesterov, 4 maximize, 8 momentum buffer present.
  (func (export "sgd") (param $n i32) (param $flags i32)
    (param $mom f32) (param $damp f32) (param $wd f32) (param $nlr f32)
    (local $i i32) (local $end i32) (local $d v128) (local $p v128) (local $b v128)
    (local.set $end (i32.mul (local.get $n) (i32.const 4)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $d (v128.load offset=${BLOCK * 4} (local.get $i)))
      (if (i32.and (local.get $flags) (i32.const 4)) (then (local.set $d (f32x4.neg (local.get $d)))))
      (local.set $p (v128.load (local.get $i)))
      (if (f32.ne (local.get $wd) (f32.const 0))
        (then (local.set $d (call $fused (local.get $d) (f32x4.splat (local.get $wd)) (local.get $p)))))
      (if (i32.and (local.get $flags) (i32.const 8)) (then
        (if (i32.and (local.get $flags) (i32.const 1))
          (then (local.set $b (local.get $d)))
          (else (local.set $b (call $fused (f32x4.mul (v128.load offset=${2 * BLOCK * 4} (local.get $i)) (f32x4.splat (local.get $mom)))
            (f32x4.splat (local.get $damp)) (local.get $d)))))
        (v128.store offset=${2 * BLOCK * 4} (local.get $i) (local.get $b))
        (if (i32.and (local.get $flags) (i32.const 2))
          (then (local.set $d (call $fused (local.get $d) (f32x4.splat (local.get $mom)) (local.get $b))))
          (else (local.set $d (local.get $b))))))
      (v128.store (local.get $i) (call $fused (local.get $p) (f32x4.splat (local.get $nlr)) (local.get $d)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $next))))
)
`;

const wabt = await wabtInit();
const parsed = wabt.parseWat('kernels.wat', wat, { simd: true });
parsed.validate();
const bytes = Buffer.from(parsed.toBinary({}).buffer);
const ts = `// Generated by scripts/build-wasm.mjs from kernels.wat — do not edit by hand.
/** @internal The compiled WebAssembly SIMD optimizer kernels (${bytes.length} bytes), base64. */
export const OPTIM_WASM_BASE64 =
  '${bytes.toString('base64')}';

/** @internal Elements per streamed block of kernel memory. */
export const BLOCK = ${BLOCK};
`;
const watPath = new URL('../src/wasm/kernels.wat', import.meta.url);
const tsPath = new URL('../src/wasm/kernelsWasm.ts', import.meta.url);
if (process.argv.includes('--check')) {
  const stale = readFileSync(watPath, 'utf8') !== wat || readFileSync(tsPath, 'utf8') !== ts;
  if (stale) {
    console.error('src/wasm is stale: run node scripts/build-wasm.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(watPath, wat);
  writeFileSync(tsPath, ts);
  console.log(`wrote kernels.wat and kernelsWasm.ts (${bytes.length} bytes)`);
}
