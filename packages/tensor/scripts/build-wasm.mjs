// Generates the WebAssembly SIMD kernels of @dl/tensor: writes src/wasm/kernels.wat (the text, for reading) and
// src/wasm/kernelsWasm.ts (the binary as a string of one character per byte, scripts/wasm-bytes.mjs at the root, imported by src/wasm/runtime.ts), and the same pair for the
// normalization kernels (normKernels.wat, normKernelsWasm.ts, imported by src/wasm/norm.ts). The text is produced from the
// templates below (one loop per arithmetic op) and compiled with wabt.
//
//   node scripts/build-wasm.mjs          # regenerate both files
//   node scripts/build-wasm.mjs --check  # exit 1 when the committed files differ from a fresh build
//
// All pointers are byte offsets into the module's own memory; the JavaScript side copies operands in and results
// out (src/wasm/runtime.ts). Opcodes: 0 add, 1 sub, 2 mul, 3 div (as in src/kernels/binary.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';
import { byteString } from '../../../scripts/wasm-bytes.mjs';
import { activationModule } from './wasm-activations.mjs';
import { compareModule, whereModule } from './wasm-compare.mjs';
import { deviceModule } from './wasm-device.mjs';
import { constantTable } from './wasm-shared.mjs';
import { specialModule } from './wasm-special.mjs';
import { trigModule } from './wasm-trig.mjs';
import { unaryModule } from './wasm-unary.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const OPS = ['add', 'sub', 'mul', 'div'];

/**
 * A `br_table` on `$op` over `cases` (one body each, `body(case)`), then returns. Blocks nest outermost (last case)
 * to innermost (case 0): a branch to $opI lands right after that block, on case I's body.
 */
function dispatch(cases, label, body) {
  const n = cases.length;
  const blocks = cases.map((_, i) => `(block $op${n - 1 - i}`).join(' ');
  let s = `${blocks}\n      (br_table ${cases.map((_, i) => `$op${i}`).join(' ')} $op${n - 1} (local.get $op)))\n`;
  cases.forEach((c, i) => {
    s += `    ;; ${label(c)}\n    ${body(c)}\n    (return)${i < n - 1 ? ')' : ''}\n`;
  });
  return s;
}

/** Sets $end (after the n-th float32 of $o) and $tail (after the last whole group of four). */
const bounds = `(local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $tail (i32.add (local.get $o) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))`;

/**
 * The loops of every elementwise kernel: four vectors (sixteen lanes) at a time while sixteen are left (one pointer
 * step and one branch per sixteen elements: the loop of one vector spent half its instructions on them), then four
 * lanes at a time up to $tail, storing `vec(...v128 loads)` at $o, then one float32 at a time up to $end, storing
 * `scalar(...f32 loads)`; the `inputs` pointers and $o advance together. Each element's value is the same whichever
 * loop computes it.
 */
function lanes(inputs, vec, scalar) {
  const step = (bytes) =>
    [...inputs, '$o']
      .map((p) => `(local.set ${p} (i32.add (local.get ${p}) (i32.const ${bytes})))`)
      .join('\n        ');
  const at = (offset) => (offset === 0 ? '' : ` offset=${offset}`);
  const loads = (type, offset = 0) => inputs.map((p) => `(${type}.load${at(offset)} (local.get ${p}))`);
  const four = [0, 16, 32, 48]
    .map((b) => `(v128.store${at(b)} (local.get $o) ${vec(...loads('v128', b))})`)
    .join('\n        ');
  return `(block $d4 (loop $l4
        (br_if $d4 (i32.lt_u (i32.sub (local.get $tail) (local.get $o)) (i32.const 64)))
        ${four}
        ${step(64)}
        (br $l4)))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $o) (local.get $tail)))
        (v128.store (local.get $o) ${vec(...loads('v128'))})
        ${step(16)}
        (br $l)))
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_u (local.get $o) (local.get $end)))
        (f32.store (local.get $o) ${scalar(...loads('f32'))})
        ${step(4)}
        (br $l2)))`;
}

// x (op) y over n elements (f32 arithmetic is exactly JavaScript's double arithmetic rounded to float32 for
// + - * /).
const vv = `
  (func $vv (export "vv") (param $op i32) (param $x i32) (param $y i32) (param $o i32) (param $n i32)
    (local $end i32) (local $tail i32)
    ${bounds}
    ${dispatch(
      OPS,
      (op) => op,
      (op) =>
        lanes(
          ['$x', '$y'],
          (a, b) => `(f32x4.${op} ${a} ${b})`,
          (a, b) => `(f32.${op} ${a} ${b})`,
        ),
    )}  )`;

// x (op) s, or s (op) x when $flip (cases 4..7), over n elements.
const vs = `
  (func $vs (export "vs") (param $op i32) (param $x i32) (param $s f32) (param $o i32) (param $n i32) (param $flip i32)
    (local $end i32) (local $tail i32) (local $sv v128)
    (local.set $sv (f32x4.splat (local.get $s)))
    ${bounds}
    (if (local.get $flip) (then (local.set $op (i32.add (local.get $op) (i32.const 4)))))
    ${dispatch(
      [...OPS.map((op) => [op, false]), ...OPS.map((op) => [op, true])],
      ([op, flip]) => (flip ? `s ${op} x` : `x ${op} s`),
      ([op, flip]) =>
        lanes(
          ['$x'],
          (v) => (flip ? `(f32x4.${op} (local.get $sv) ${v})` : `(f32x4.${op} ${v} (local.get $sv))`),
          (f) => (flip ? `(f32.${op} (local.get $s) ${f})` : `(f32.${op} ${f} (local.get $s))`),
        ),
    )}  )`;

// Row broadcast: for each of R rows of C elements, x_row (op) row, or row (op) x_row when $flip.
const rows = `
  (func (export "rows") (param $op i32) (param $x i32) (param $row i32) (param $o i32) (param $R i32) (param $C i32) (param $flip i32)
    (local $stride i32)
    (local.set $stride (i32.shl (local.get $C) (i32.const 2)))
    (block $d (loop $l
      (br_if $d (i32.eqz (local.get $R)))
      (if (local.get $flip)
        (then (call $vv (local.get $op) (local.get $row) (local.get $x) (local.get $o) (local.get $C)))
        (else (call $vv (local.get $op) (local.get $x) (local.get $row) (local.get $o) (local.get $C))))
      (local.set $x (i32.add (local.get $x) (local.get $stride)))
      (local.set $o (i32.add (local.get $o) (local.get $stride)))
      (local.set $R (i32.sub (local.get $R) (i32.const 1)))
      (br $l))))`;

// Column broadcast: row r of C elements (op) s[r] (a float32 per row), or s[r] (op) row when $flip.
const cols = `
  (func (export "cols") (param $op i32) (param $x i32) (param $s i32) (param $o i32) (param $R i32) (param $C i32) (param $flip i32)
    (local $stride i32)
    (local.set $stride (i32.shl (local.get $C) (i32.const 2)))
    (block $d (loop $l
      (br_if $d (i32.eqz (local.get $R)))
      (call $vs (local.get $op) (local.get $x) (f32.load (local.get $s)) (local.get $o) (local.get $C) (local.get $flip))
      (local.set $x (i32.add (local.get $x) (local.get $stride)))
      (local.set $o (i32.add (local.get $o) (local.get $stride)))
      (local.set $s (i32.add (local.get $s) (i32.const 4)))
      (local.set $R (i32.sub (local.get $R) (i32.const 1)))
      (br $l))))`;

// Unary maps: relu = max(v, 0) with NaN kept and -0 -> +0 (f32x4.max semantics), positive mask = +(v > 0).
function unary(name, vecExpr, scalarExpr) {
  return `
  (func (export "${name}") (param $x i32) (param $o i32) (param $n i32)
    (local $end i32) (local $tail i32) (local $zero v128) (local $one v128) (local $a v128)
    (local.set $one (f32x4.splat (f32.const 1)))
    ${bounds}
    ${lanes(['$x'], vecExpr, scalarExpr)})`;
}
const relu = unary(
  'relu',
  // v where v > 0 or v is NaN, else +0: two compares and two masks (f32x4.max costs V8 about eight instructions)
  (v) =>
    `(v128.and (local.tee $a ${v}) (v128.or (f32x4.gt (local.get $a) (local.get $zero)) (f32x4.ne (local.get $a) (local.get $a))))`,
  (v) => `(f32.max ${v} (f32.const 0))`,
);
const positive = unary(
  'positive',
  (v) => `(v128.and (f32x4.gt ${v} (local.get $zero)) (local.get $one))`,
  (v) => `(f32.convert_i32_u (f32.gt ${v} (f32.const 0)))`,
);

/** The upper two float32 lanes of `v` moved to the lower half (for f64x2.promote_low_f32x4). */
const hi = (v) => `(i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 ${v} ${v})`;

// Float64 sums of R rows of C float32 values: o[r] (float64) = sum of row r. Exactly the JavaScript rowSum of
// src/kernels/reduceAxes.ts: eight partial sums s0..s7 (element i goes to s(i mod 8), held as four f64x2), the
// tail added to s0, then ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)).
const sumRows = `
  (func (export "sumRows") (param $x i32) (param $o i32) (param $R i32) (param $C i32)
    (local $end i32) (local $tail i32) (local $a v128) (local $b v128) (local $c v128) (local $d v128) (local $v v128) (local $w v128) (local $s0 f64)
    (block $done (loop $row
      (br_if $done (i32.eqz (local.get $R)))
      (local.set $end (i32.add (local.get $x) (i32.shl (local.get $C) (i32.const 2))))
      (local.set $tail (i32.add (local.get $x) (i32.shl (i32.and (local.get $C) (i32.const -8)) (i32.const 2))))
      (local.set $a (v128.const i64x2 0 0)) (local.set $b (v128.const i64x2 0 0))
      (local.set $c (v128.const i64x2 0 0)) (local.set $d (v128.const i64x2 0 0))
      (block $d1 (loop $l
        (br_if $d1 (i32.ge_u (local.get $x) (local.get $tail)))
        (local.set $v (v128.load (local.get $x)))
        (local.set $w (v128.load offset=16 (local.get $x)))
        (local.set $a (f64x2.add (local.get $a) (f64x2.promote_low_f32x4 (local.get $v))))
        (local.set $b (f64x2.add (local.get $b) (f64x2.promote_low_f32x4 ${hi('(local.get $v)')})))
        (local.set $c (f64x2.add (local.get $c) (f64x2.promote_low_f32x4 (local.get $w))))
        (local.set $d (f64x2.add (local.get $d) (f64x2.promote_low_f32x4 ${hi('(local.get $w)')})))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (br $l)))
      (local.set $s0 (f64x2.extract_lane 0 (local.get $a)))
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $s0 (f64.add (local.get $s0) (f64.promote_f32 (f32.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (br $l2)))
      (f64.store (local.get $o)
        (f64.add
          (f64.add
            (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $a)))
            (f64.add (f64x2.extract_lane 0 (local.get $b)) (f64x2.extract_lane 1 (local.get $b))))
          (f64.add
            (f64.add (f64x2.extract_lane 0 (local.get $c)) (f64x2.extract_lane 1 (local.get $c)))
            (f64.add (f64x2.extract_lane 0 (local.get $d)) (f64x2.extract_lane 1 (local.get $d))))))
      (local.set $o (i32.add (local.get $o) (i32.const 8)))
      (local.set $R (i32.sub (local.get $R) (i32.const 1)))
      (br $row))))`;

// sumCols: acc[c] (f64) += x[r, c] (f32) for each of R rows of C values, row after row: each column's sum runs
// in row order, as the JavaScript sumLayout does for reductions over a leading axis.
const sumCols = `
  (func (export "sumCols") (param $x i32) (param $acc i32) (param $R i32) (param $C i32)
    (local $p i32) (local $end i32) (local $tail i32) (local $v v128)
    (block $done (loop $row
      (br_if $done (i32.eqz (local.get $R)))
      (local.set $p (local.get $acc))
      (local.set $end (i32.add (local.get $acc) (i32.shl (local.get $C) (i32.const 3))))
      (local.set $tail (i32.add (local.get $acc) (i32.shl (i32.and (local.get $C) (i32.const -4)) (i32.const 3))))
      (block $d1 (loop $l
        (br_if $d1 (i32.ge_u (local.get $p) (local.get $tail)))
        (local.set $v (v128.load (local.get $x)))
        (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p)) (f64x2.promote_low_f32x4 (local.get $v))))
        (v128.store offset=16 (local.get $p) (f64x2.add (v128.load offset=16 (local.get $p)) (f64x2.promote_low_f32x4 ${hi('(local.get $v)')})))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $l)))
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_u (local.get $p) (local.get $end)))
        (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (f64.promote_f32 (f32.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $l2)))
      (local.set $R (i32.sub (local.get $R) (i32.const 1)))
      (br $row))))`;

// extremeRows: the maximum (min = 0) or minimum (min = 1) of each of R rows of C float32 values and the index of
// its first occurrence, NaN winning (the first NaN), as the JavaScript extremeLayout: four lanes keep their own
// best value and index (strictly better, or a first NaN), then the lanes are merged (a NaN with the smallest index;
// else the best value, ties to the smallest index) and the tail is scanned in order. Values (f32) go to $vo, indices
// (i32) to $io.
const better = (min, a, b) => `(${min ? 'f32.lt' : 'f32.gt'} ${a} ${b})`;
const isNan = (a) => `(f32.ne ${a} ${a})`;
const extremeRow = (min) => `
        (local.set $tail (i32.add (local.get $x) (i32.shl (i32.and (local.get $C) (i32.const -4)) (i32.const 2))))
        (local.set $best (v128.load (local.get $x)))
        (local.set $bi (v128.const i32x4 0 1 2 3))
        (local.set $idx (v128.const i32x4 4 5 6 7))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (block $d1 (loop $l
          (br_if $d1 (i32.ge_u (local.get $x) (local.get $tail)))
          (local.set $v (v128.load (local.get $x)))
          (local.set $take (v128.or (${min ? 'f32x4.lt' : 'f32x4.gt'} (local.get $v) (local.get $best))
            (v128.andnot (f32x4.ne (local.get $v) (local.get $v)) (f32x4.ne (local.get $best) (local.get $best)))))
          (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $take)))
          (local.set $bi (v128.bitselect (local.get $idx) (local.get $bi) (local.get $take)))
          (local.set $idx (i32x4.add (local.get $idx) (v128.const i32x4 4 4 4 4)))
          (local.set $x (i32.add (local.get $x) (i32.const 16)))
          (br $l)))
        (local.set $b (f32x4.extract_lane 0 (local.get $best)))
        (local.set $bj (i32x4.extract_lane 0 (local.get $bi)))
        ${[1, 2, 3]
          .map(
            (i) => `(local.set $t (f32x4.extract_lane ${i} (local.get $best)))
        (local.set $j (i32x4.extract_lane ${i} (local.get $bi)))
        (if (if (result i32) ${isNan('(local.get $b)')}
              (then (i32.and ${isNan('(local.get $t)')} (i32.lt_s (local.get $j) (local.get $bj))))
              (else (i32.or ${isNan('(local.get $t)')} (i32.or ${better(min, '(local.get $t)', '(local.get $b)')}
                (i32.and (f32.eq (local.get $t) (local.get $b)) (i32.lt_s (local.get $j) (local.get $bj)))))))
          (then (local.set $b (local.get $t)) (local.set $bj (local.get $j))))`,
          )
          .join('\n        ')}
        (local.set $j (i32.and (local.get $C) (i32.const -4)))`;
const extremeRows = `
  (func (export "extremeRows") (param $x i32) (param $vo i32) (param $io i32) (param $R i32) (param $C i32) (param $min i32)
    (local $end i32) (local $tail i32) (local $best v128) (local $bi v128) (local $idx v128) (local $v v128) (local $take v128)
    (local $b f32) (local $bj i32) (local $t f32) (local $j i32)
    (block $done (loop $row
      (br_if $done (i32.eqz (local.get $R)))
      (local.set $end (i32.add (local.get $x) (i32.shl (local.get $C) (i32.const 2))))
      (if (i32.lt_u (local.get $C) (i32.const 4))
        (then
          (local.set $b (f32.load (local.get $x)))
          (local.set $bj (i32.const 0))
          (local.set $j (i32.const 1))
          (local.set $x (i32.add (local.get $x) (i32.const 4))))
        (else (if (local.get $min) (then ${extremeRow(true)}) (else ${extremeRow(false)}))))
      ;; the tail, in order: strictly better, or a first NaN (then stop)
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_u (local.get $x) (local.get $end)))
        (br_if $d2 ${isNan('(local.get $b)')})
        (local.set $t (f32.load (local.get $x)))
        (if (i32.or ${isNan('(local.get $t)')} (if (result i32) (local.get $min) (then ${better(true, '(local.get $t)', '(local.get $b)')}) (else ${better(false, '(local.get $t)', '(local.get $b)')})))
          (then (local.set $b (local.get $t)) (local.set $bj (local.get $j))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $l2)))
      (local.set $x (local.get $end))
      (f32.store (local.get $vo) (local.get $b))
      (i32.store (local.get $io) (local.get $bj))
      (local.set $vo (i32.add (local.get $vo) (i32.const 4)))
      (local.set $io (i32.add (local.get $io) (i32.const 4)))
      (local.set $R (i32.sub (local.get $R) (i32.const 1)))
      (br $row))))`;

// 4 x 4 transpose of f32 lanes: rows $r0..$r3 -> columns stored at `dst` + 0, step, 2 step, 3 step (bytes).
const f32Lanes = (lanes) => lanes.flatMap((l) => [0, 1, 2, 3].map((b) => 4 * l + b)).join(' ');
const transpose4 = (dst, step) => `
            (local.set $t0 (i8x16.shuffle ${f32Lanes([0, 4, 1, 5])} (local.get $r0) (local.get $r1)))
            (local.set $t1 (i8x16.shuffle ${f32Lanes([2, 6, 3, 7])} (local.get $r0) (local.get $r1)))
            (local.set $t2 (i8x16.shuffle ${f32Lanes([0, 4, 1, 5])} (local.get $r2) (local.get $r3)))
            (local.set $t3 (i8x16.shuffle ${f32Lanes([2, 6, 3, 7])} (local.get $r2) (local.get $r3)))
            (v128.store offset=${dst} (local.get $o) (i8x16.shuffle ${f32Lanes([0, 1, 4, 5])} (local.get $t0) (local.get $t2)))
            (v128.store offset=${dst + step} (local.get $o) (i8x16.shuffle ${f32Lanes([2, 3, 6, 7])} (local.get $t0) (local.get $t2)))
            (v128.store offset=${dst + 2 * step} (local.get $o) (i8x16.shuffle ${f32Lanes([0, 1, 4, 5])} (local.get $t1) (local.get $t3)))
            (v128.store offset=${dst + 3 * step} (local.get $o) (i8x16.shuffle ${f32Lanes([2, 3, 6, 7])} (local.get $t1) (local.get $t3)))`;
const tLocals =
  '(local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128) (local $o i32)';
/** $r0..$r3 <- four f32 of rows base + r * stride (bytes, local $rs) at element k (pointer local `p`). */
const load4 = (p, first) =>
  [0, 1, 2, 3]
    .map(
      (r) =>
        `(local.set $r${r} (v128.load (i32.add (local.get ${p}) (i32.mul (local.get $rs) (i32.const ${first + r})))))`,
    )
    .join('\n            ');

// Matrix product in float32: every C element is the float32 sum, in order k = 0..K-1, of the float32-rounded
// products (c = fl(c + fl(a * b)), no fused multiply-add), exactly the JavaScript kernel of src/kernels/sgemm.ts.
// Operands are packed from any element strides (so transposed operands need no transpose copy): A into panels of
// MR = 4 rows (ap[(panel * K + k) * 4 + r]), B into panels of NR = 8 columns (bp[(panel * K + k) * 8 + t]), zero
// padded.
//
// packA: ap <- rows i < M (padded to a multiple of 4) of the M x K matrix at src with strides sm (row), sk (column)
// in elements. When sm = 1 (A stored transposed) a whole group of four rows is one v128 load; when sk = 1 (A stored as
// is) four k of a group are four v128 loads and a 4 x 4 transpose.
const packA = `
  (func $packA (export "packA") (param $src i32) (param $ap i32) (param $M i32) (param $K i32) (param $sm i32) (param $sk i32)
    (local $i i32) (local $k i32) (local $r i32) (local $p i32) (local $q i32) (local $sm4 i32) (local $sk4 i32) (local $rs i32) ${tLocals}
    (local.set $sm4 (i32.shl (local.get $sm) (i32.const 2)))
    (local.set $sk4 (i32.shl (local.get $sk) (i32.const 2)))
    (block $di (loop $li
      (br_if $di (i32.ge_u (local.get $i) (local.get $M)))
      (local.set $p (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $sm4))))
      (local.set $k (i32.const 0))
      (if (i32.and (i32.eq (local.get $sk) (i32.const 1)) (i32.le_u (i32.add (local.get $i) (i32.const 4)) (local.get $M)))
        (then
          ;; rows contiguous in k: four k at a time, a 4 x 4 transpose (the rest one k at a time below)
          (local.set $rs (local.get $sm4))
          (block $dq (loop $lq
            (br_if $dq (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $K)))
            ${load4('$p', 0)}
            (local.set $o (local.get $ap))
            ${transpose4(0, 16)}
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $ap (i32.add (local.get $ap) (i32.const 64)))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $lq)))))
      (if (i32.and (i32.eq (local.get $sm) (i32.const 1)) (i32.le_u (i32.add (local.get $i) (i32.const 4)) (local.get $M)))
        (then
          (block $dk (loop $lk
            (br_if $dk (i32.ge_u (local.get $k) (local.get $K)))
            (v128.store (local.get $ap) (v128.load (local.get $p)))
            (local.set $p (i32.add (local.get $p) (local.get $sk4)))
            (local.set $ap (i32.add (local.get $ap) (i32.const 16)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $lk))))
        (else
          (block $dk2 (loop $lk2
            (br_if $dk2 (i32.ge_u (local.get $k) (local.get $K)))
            (local.set $q (local.get $p))
            (local.set $r (i32.const 0))
            (block $dr (loop $lr
              (br_if $dr (i32.ge_u (local.get $r) (i32.const 4)))
              (f32.store (local.get $ap)
                (if (result f32) (i32.lt_u (i32.add (local.get $i) (local.get $r)) (local.get $M))
                  (then (f32.load (local.get $q)))
                  (else (f32.const 0))))
              (local.set $q (i32.add (local.get $q) (local.get $sm4)))
              (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br $lr)))
            (local.set $p (i32.add (local.get $p) (local.get $sk4)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $lk2)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $li))))`;

// packB: bp <- columns j < N (padded to a multiple of 8) of the K x N matrix at src with strides sk (row), sn
// (column) in elements. When sn = 1 (B stored as is) eight columns of a row are two v128 loads; when sk = 1 (B stored
// transposed, as `x @ W^T` reads W) four k of a panel are eight v128 loads and two 4 x 4 transposes.
const packB = `
  (func $packB (export "packB") (param $src i32) (param $bp i32) (param $K i32) (param $N i32) (param $sk i32) (param $sn i32)
    (local $j i32) (local $k i32) (local $t i32) (local $p i32) (local $q i32) (local $sk4 i32) (local $sn4 i32) (local $rs i32) ${tLocals}
    (local $g i32) (local $ks i32) (local $ks2 i32) (local $ks3 i32)
    (local.set $sk4 (i32.shl (local.get $sk) (i32.const 2)))
    (local.set $sn4 (i32.shl (local.get $sn) (i32.const 2)))
    (if (i32.eq (local.get $sn) (i32.const 1))
      (then
        ;; rows contiguous in n (B stored as is): full groups of four panels (32 columns), k outer, so that each row
        ;; of the group is read at once (128 bytes) into four sequential panels (a panel at a time reads a 32-byte
        ;; piece of every row, K rows apart: 3x slower at 1024 x 1024)
        (local.set $ks (i32.shl (local.get $K) (i32.const 5)))
        (local.set $ks2 (i32.shl (local.get $ks) (i32.const 1)))
        (local.set $ks3 (i32.add (local.get $ks2) (local.get $ks)))
        (local.set $g (i32.and (local.get $N) (i32.const -32)))
        (block $dg (loop $lg
          (br_if $dg (i32.ge_u (local.get $j) (local.get $g)))
          (local.set $p (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))
          (local.set $q (local.get $bp))
          (local.set $k (i32.const 0))
          (block $dk (loop $lk
            (br_if $dk (i32.ge_u (local.get $k) (local.get $K)))
            ${[0, 1, 2, 3]
              .map((t) => {
                const q =
                  t === 0 ? '(local.get $q)' : `(i32.add (local.get $q) (local.get $ks${t === 1 ? '' : t}))`;
                return `(v128.store ${q} (v128.load offset=${32 * t} (local.get $p)))
            (v128.store offset=16 ${q} (v128.load offset=${32 * t + 16} (local.get $p)))`;
              })
              .join('\n            ')}
            (local.set $p (i32.add (local.get $p) (local.get $sk4)))
            (local.set $q (i32.add (local.get $q) (i32.const 32)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $lk)))
          (local.set $bp (i32.add (local.get $bp) (i32.shl (local.get $ks) (i32.const 2))))
          (local.set $j (i32.add (local.get $j) (i32.const 32)))
          (br $lg)))))
    (block $dj (loop $lj
      (br_if $dj (i32.ge_u (local.get $j) (local.get $N)))
      (local.set $p (i32.add (local.get $src) (i32.mul (local.get $j) (local.get $sn4))))
      (local.set $k (i32.const 0))
      (if (i32.and (i32.eq (local.get $sk) (i32.const 1)) (i32.le_u (i32.add (local.get $j) (i32.const 8)) (local.get $N)))
        (then
          ;; columns contiguous in k (B stored transposed): four k at a time, two 4 x 4 transposes
          (local.set $rs (local.get $sn4))
          (block $dq (loop $lq
            (br_if $dq (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $K)))
            (local.set $o (local.get $bp))
            ${load4('$p', 0)}
            ${transpose4(0, 32)}
            ${load4('$p', 4)}
            ${transpose4(16, 32)}
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $bp (i32.add (local.get $bp) (i32.const 128)))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $lq)))))
      (if (i32.and (i32.eq (local.get $sn) (i32.const 1)) (i32.le_u (i32.add (local.get $j) (i32.const 8)) (local.get $N)))
        (then
          (block $dk (loop $lk
            (br_if $dk (i32.ge_u (local.get $k) (local.get $K)))
            (v128.store (local.get $bp) (v128.load (local.get $p)))
            (v128.store offset=16 (local.get $bp) (v128.load offset=16 (local.get $p)))
            (local.set $p (i32.add (local.get $p) (local.get $sk4)))
            (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $lk))))
        (else
          (block $dk2 (loop $lk2
            (br_if $dk2 (i32.ge_u (local.get $k) (local.get $K)))
            (local.set $q (local.get $p))
            (local.set $t (i32.const 0))
            (block $dt (loop $lt
              (br_if $dt (i32.ge_u (local.get $t) (i32.const 8)))
              (f32.store (local.get $bp)
                (if (result f32) (i32.lt_u (i32.add (local.get $j) (local.get $t)) (local.get $N))
                  (then (f32.load (local.get $q)))
                  (else (f32.const 0))))
              (local.set $q (i32.add (local.get $q) (local.get $sn4)))
              (local.set $bp (i32.add (local.get $bp) (i32.const 4)))
              (local.set $t (i32.add (local.get $t) (i32.const 1)))
              (br $lt)))
            (local.set $p (i32.add (local.get $p) (local.get $sk4)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $lk2)))))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $lj))))`;

// sgemm: C[i, j] (row stride ldc elements) for i < M4, j < 8 * NP, over KC >= 1 steps of k: for each panel of B (8
// columns, KC x 8, kept in L1) and each panel of A (4 rows), a 4 x 8 tile in eight f32x4 accumulators, started
// from zero or (load) from C's partial sums of the previous k block (exact: they are the float32 accumulators).
// as / bs: bytes from one panel of A / B to the next.
const saccs = [0, 1, 2, 3].flatMap((r) => [`$c${r}0`, `$c${r}1`]);
const sgemm = `
  (func $sgemm (export "sgemm") (param $ap i32) (param $as i32) (param $bp i32) (param $bs i32) (param $c i32) (param $M4 i32) (param $KC i32) (param $NP i32) (param $ldc i32) (param $load i32)
    (local $i i32) (local $p i32) (local $end i32) (local $pa i32) (local $pb i32) (local $ldc4 i32) (local $out i32)
    (local $b0 v128) (local $b1 v128) (local $av v128)
    ${saccs.map((a) => `(local ${a} v128)`).join(' ')}
    (local.set $ldc4 (i32.shl (local.get $ldc) (i32.const 2)))
    (block $dp (loop $lp
      (br_if $dp (i32.ge_u (local.get $p) (local.get $NP)))
      (local.set $i (i32.const 0))
      (block $di (loop $li
        (br_if $di (i32.ge_u (local.get $i) (local.get $M4)))
        (local.set $out (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $ldc4)) (i32.shl (local.get $p) (i32.const 5)))))
        (if (local.get $load)
          (then
            ${[0, 1, 2, 3]
              .map(
                (r) =>
                  `(local.set $c${r}0 (v128.load (i32.add (local.get $out) (i32.mul (local.get $ldc4) (i32.const ${r})))))
            (local.set $c${r}1 (v128.load offset=16 (i32.add (local.get $out) (i32.mul (local.get $ldc4) (i32.const ${r})))))`,
              )
              .join('\n            ')})
          (else ${saccs.map((a) => `(local.set ${a} (v128.const i64x2 0 0))`).join(' ')}))
        (local.set $pa (i32.add (local.get $ap) (i32.mul (i32.shr_u (local.get $i) (i32.const 2)) (local.get $as))))
        (local.set $pb (i32.add (local.get $bp) (i32.mul (local.get $p) (local.get $bs))))
        ;; the k loop as a do-while on A's pointer (KC >= 1): one compare-and-branch per step and no counter
        ;; (4-14 % faster than a counted loop tested at the top)
        (local.set $end (i32.add (local.get $pa) (i32.shl (local.get $KC) (i32.const 4))))
        (loop $lk
          (local.set $b0 (v128.load (local.get $pb)))
          (local.set $b1 (v128.load offset=16 (local.get $pb)))
          ${[0, 1, 2, 3]
            .map(
              (r) => `(local.set $av (v128.load32_splat offset=${4 * r} (local.get $pa)))
          (local.set $c${r}0 (f32x4.add (local.get $c${r}0) (f32x4.mul (local.get $av) (local.get $b0))))
          (local.set $c${r}1 (f32x4.add (local.get $c${r}1) (f32x4.mul (local.get $av) (local.get $b1))))`,
            )
            .join('\n          ')}
          (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
          (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
          (br_if $lk (i32.ne (local.get $pa) (local.get $end))))
        ${[0, 1, 2, 3]
          .map(
            (
              r,
            ) => `(v128.store (i32.add (local.get $out) (i32.mul (local.get $ldc4) (i32.const ${r}))) (local.get $c${r}0))
        (v128.store offset=16 (i32.add (local.get $out) (i32.mul (local.get $ldc4) (i32.const ${r}))) (local.get $c${r}1))`,
          )
          .join('\n        ')}
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $li)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $lp))))`;
// gemm (the shared-memory module's driver, one call per thread): rows 0..mb of op(A) (at src, strides sm, sk in
// elements) packed into ap, then C (row stride ldc elements) = op(A) times the packed B (NP panels at bp) in k blocks
// of MATMUL_KC and row blocks of MATMUL_MC: the loop of src/wasm/matmul.ts, so a thread's rows get the same sums.
const MATMUL_KC = 256;
const MATMUL_MC = 64;
const gemm = `
  (func (export "gemm") (param $src i32) (param $sm i32) (param $sk i32) (param $ap i32) (param $bp i32) (param $c i32) (param $mb i32) (param $K i32) (param $NP i32) (param $ldc i32)
    (local $mb4 i32) (local $as i32) (local $bs i32) (local $kc0 i32) (local $kc i32) (local $r0 i32) (local $mc i32)
    (call $packA (local.get $src) (local.get $ap) (local.get $mb) (local.get $K) (local.get $sm) (local.get $sk))
    (local.set $mb4 (i32.and (i32.add (local.get $mb) (i32.const 3)) (i32.const -4)))
    (local.set $as (i32.shl (local.get $K) (i32.const 4)))
    (local.set $bs (i32.shl (local.get $K) (i32.const 5)))
    (block $dk (loop $lk
      (br_if $dk (i32.ge_u (local.get $kc0) (local.get $K)))
      (local.set $kc (i32.sub (local.get $K) (local.get $kc0)))
      (if (i32.gt_u (local.get $kc) (i32.const ${MATMUL_KC})) (then (local.set $kc (i32.const ${MATMUL_KC}))))
      (local.set $r0 (i32.const 0))
      (block $dr (loop $lr
        (br_if $dr (i32.ge_u (local.get $r0) (local.get $mb4)))
        (local.set $mc (i32.sub (local.get $mb4) (local.get $r0)))
        (if (i32.gt_u (local.get $mc) (i32.const ${MATMUL_MC})) (then (local.set $mc (i32.const ${MATMUL_MC}))))
        (call $sgemm
          (i32.add (i32.add (local.get $ap) (i32.mul (i32.shr_u (local.get $r0) (i32.const 2)) (local.get $as))) (i32.shl (local.get $kc0) (i32.const 4)))
          (local.get $as)
          (i32.add (local.get $bp) (i32.shl (local.get $kc0) (i32.const 5)))
          (local.get $bs)
          (i32.add (local.get $c) (i32.shl (i32.mul (local.get $r0) (local.get $ldc)) (i32.const 2)))
          (local.get $mc) (local.get $kc) (local.get $NP) (local.get $ldc)
          (i32.ne (local.get $kc0) (i32.const 0)))
        (local.set $r0 (i32.add (local.get $r0) (i32.const ${MATMUL_MC})))
        (br $lr)))
      (local.set $kc0 (i32.add (local.get $kc0) (i32.const ${MATMUL_KC})))
      (br $lk))))`;
// addRows: C[i, j] += bias[j] for i < mb, j < n (n a multiple of 4; C rows n apart): linear's bias, added to the
// product's block in kernel memory before it is copied out, so y = fl(fl(x W^T) + b) as add(matmul(x, W^T), b) gives.
const addRows = `
  (func (export "addRows") (param $c i32) (param $bias i32) (param $mb i32) (param $n i32)
    (local $end i32) (local $j i32) (local $n4 i32)
    (local.set $n4 (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end (i32.add (local.get $c) (i32.mul (local.get $mb) (local.get $n4))))
    (block $di (loop $li
      (br_if $di (i32.ge_u (local.get $c) (local.get $end)))
      (local.set $j (i32.const 0))
      (block $dj (loop $lj
        (br_if $dj (i32.ge_u (local.get $j) (local.get $n4)))
        (v128.store (i32.add (local.get $c) (local.get $j))
          (f32x4.add (v128.load (i32.add (local.get $c) (local.get $j))) (v128.load (i32.add (local.get $bias) (local.get $j)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $lj)))
      (local.set $c (i32.add (local.get $c) (local.get $n4)))
      (br $li))))`;
// Exponentials, bit-identical to expRun of src/kernels/expF32.ts (two lanes of float64 at a time):
// v = min(max(x - shift, LOW), HIGH); k = (v * 256/ln2 + 1.5*2^52) - 1.5*2^52; r = (v - k*hi) - k*lo;
// p = 1 + r(1 + r(1/2 + r(1/6 + r/24))); e = (2^((k & 255)/256) * p) * 2^(k >> 8), the table 2^(j/256) read
// from memory at $tab and the power of two added to the exponent bits (exact: the result is a normal double).
const C = {
  inv: 256 / Math.LN2,
  hi: 0.6931471803691238 / 256,
  lo: 1.9082149292705877e-10 / 256,
  rnd: 6755399441055744,
  low: -110,
  high: 88.8,
  c6: 1 / 6,
  c24: 1 / 24,
};
const splat = (v) => `(f64x2.splat (f64.const ${v}))`;
const expLocals = `(local $v v128) (local $t v128) (local $k v128) (local $r v128) (local $p v128) (local $ki v128) (local $e v128) (local $sh v128)`;
/**
 * Sets $e to the exponentials of the two float64 lanes of `vin` minus $sh. pmin/pmax clamp as Math.min/Math.max
 * do here (NaN passes, the bounds are non-zero) in one instruction each; k's integer is read from the bits of
 * t = v * 256/ln2 + 1.5*2^52 (t - (1.5*2^52 as bits) = k as i64), so no float-to-int conversion is needed; the
 * power of two 2^(k >> 8) is added to the exponent field as (k << 44) with the low 52 bits cleared. A NaN input
 * (float32 promoted: its low 29 bits are 0) gives t = NaN with low bits 0, so nothing is added and it stays NaN.
 */
const expBody = (vin) => `
      (local.set $v (f64x2.pmin (f64x2.pmax (f64x2.sub ${vin} (local.get $sh)) ${splat(C.low)}) ${splat(C.high)}))
      (local.set $t (f64x2.add (f64x2.mul (local.get $v) ${splat(C.inv)}) ${splat(C.rnd)}))
      (local.set $k (f64x2.sub (local.get $t) ${splat(C.rnd)}))
      (local.set $ki (i64x2.sub (local.get $t) ${splat(C.rnd)}))
      (local.set $r (f64x2.sub (f64x2.sub (local.get $v) (f64x2.mul (local.get $k) ${splat(C.hi)})) (f64x2.mul (local.get $k) ${splat(C.lo)})))
      (local.set $p (f64x2.add ${splat(1)} (f64x2.mul (local.get $r) (f64x2.add ${splat(1)} (f64x2.mul (local.get $r)
        (f64x2.add ${splat(0.5)} (f64x2.mul (local.get $r) (f64x2.add ${splat(C.c6)} (f64x2.mul (local.get $r) ${splat(C.c24)})))))))))
      (local.set $e (f64x2.mul (local.get $p)
        (f64x2.replace_lane 1
          (f64x2.splat (f64.load (i32.add (local.get $tab) (i32.shl (i32.and (i32x4.extract_lane 0 (local.get $ki)) (i32.const 255)) (i32.const 3)))))
          (f64.load (i32.add (local.get $tab) (i32.shl (i32.and (i32x4.extract_lane 2 (local.get $ki)) (i32.const 255)) (i32.const 3)))))))
      (local.set $e (i64x2.add (local.get $e) (v128.and (i64x2.shl (local.get $ki) (i32.const 44)) (v128.const i64x2 0xfff0000000000000 0xfff0000000000000))))`;

// exp: o[i] (f32) = e^(x[i] - shift) for i < n; an odd last element goes through the same two-lane code.
const exp = `
  (func (export "exp") (param $x i32) (param $o i32) (param $n i32) (param $shift f64) (param $tab i32)
    (local $end i32) ${expLocals}
    (local.set $sh (f64x2.splat (local.get $shift)))
    (local.set $end (i32.add (local.get $o) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 2))))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $o) (local.get $end)))
      ${expBody('(f64x2.promote_low_f32x4 (v128.load64_zero (local.get $x)))')}
      (v128.store64_lane 0 (local.get $o) (f32x4.demote_f64x2_zero (local.get $e)))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (local.set $o (i32.add (local.get $o) (i32.const 8)))
      (br $l)))
    (if (i32.and (local.get $n) (i32.const 1)) (then
      ${expBody('(f64x2.promote_low_f32x4 (v128.load32_zero (local.get $x)))')}
      (v128.store32_lane 0 (local.get $o) (f32x4.demote_f64x2_zero (local.get $e))))))`;

// Four-lane float32 exponential (src/kernels/expF32x4.ts emulates it with Math.fround, bit for bit): Cody-Waite
// reduction x = k ln 2 + r, e^r = 1 + r p(r) with p the degree-4 fit of scripts/fit_expf.py
// (fixtures/expfCoefficients.json), the power of two as two exact factors (subnormal results rounded once).
// magic = 1.5 * 2^23 + 127: adding it rounds x log2(e) to the integer k and leaves k + 127 (the biased exponent of
// 2^k) in the low bits of the sum, so `i32x4.shl 23` of the sum is 2^k itself (expf4Normal).
const EXP_FIT = JSON.parse(readFileSync(join(here, '../fixtures/expfCoefficients.json'), 'utf8'));
const EXPF = {
  log2e: Math.fround(Math.LOG2E),
  magic: 12583039,
  c1: 0.693359375,
  c2: Math.fround(-2.1219444e-4),
  p: EXP_FIT.exp.map(Math.fround),
  q: EXP_FIT.expm1.map(Math.fround),
};
const fsplat = (v) => `(f32x4.splat (f32.const ${v}))`;
const expf4Locals = `(local $t4 v128) (local $v4 v128) (local $k4 v128) (local $r4 v128) (local $p4 v128) (local $ki4 v128) (local $k14 v128) (local $e4 v128)`;
/** $t4 (k + magic), $p4 = e^r (each step rounded) from the clamped $v4. */
const expf4Core = `
      (local.set $t4 (f32x4.add (f32x4.mul (local.get $v4) ${fsplat(EXPF.log2e)}) ${fsplat(EXPF.magic)}))
      (local.set $k4 (f32x4.sub (local.get $t4) ${fsplat(EXPF.magic)}))
      (local.set $r4 (f32x4.sub (f32x4.sub (local.get $v4) (f32x4.mul (local.get $k4) ${fsplat(EXPF.c1)})) (f32x4.mul (local.get $k4) ${fsplat(EXPF.c2)})))
      (local.set $p4 (f32x4.add (f32x4.mul ${fsplat(EXPF.p[0])} (local.get $r4)) ${fsplat(EXPF.p[1])}))
      ${EXPF.p
        .slice(2)
        .map((_, j) => j + 2)
        .map(
          (i) =>
            `(local.set $p4 (f32x4.add (f32x4.mul (local.get $p4) (local.get $r4)) ${fsplat(EXPF.p[i])}))`,
        )
        .join('\n      ')}
      (local.set $p4 (f32x4.add (f32x4.mul (local.get $r4) (local.get $p4)) ${fsplat(1)}))`;
/** Sets $e4 to the float32 exponentials of the four lanes of `vin`. */
const expf4 = (vin) => `
      (local.set $v4 (f32x4.pmin (f32x4.pmax ${vin} ${fsplat(-104)}) ${fsplat(89)}))${expf4Core}
      (local.set $ki4 (i32x4.sub (local.get $t4) (v128.const i32x4 0x4b40007f 0x4b40007f 0x4b40007f 0x4b40007f)))
      (local.set $k14 (i32x4.shr_s (local.get $ki4) (i32.const 1)))
      (local.set $e4 (f32x4.mul
        (f32x4.mul (local.get $p4) (i32x4.shl (i32x4.add (local.get $k14) (v128.const i32x4 127 127 127 127)) (i32.const 23)))
        (i32x4.shl (i32x4.add (i32x4.sub (local.get $ki4) (local.get $k14)) (v128.const i32x4 127 127 127 127)) (i32.const 23))))`;

/**
 * `expf4` for arguments known to lie in [-86, 0] or to be NaN (softmax rows whose smallest x - m is at least -86):
 * no clamps (they change nothing there) and the scale 2^k as one factor, exact because 2^k and p 2^k are normal
 * for k >= -124 (the bits of t = v log2(e) + magic shifted left by 23 drop magic's, leaving k + 127) — the same
 * values as `expf4` (NaN stays NaN: p is NaN whatever the factor) in 20 operations instead of 29.
 */
const expf4Normal = (vin) => `
      (local.set $v4 ${vin})${expf4Core}
      (local.set $e4 (f32x4.mul (local.get $p4) (i32x4.shl (local.get $t4) (i32.const 23))))`;

// sigmoid: o = fl(num / fl(1 + e)) with e = expf(-|x|), num = 1 for x >= 0 (and -0), else e (never overflows, keeps
// relative accuracy for small results), four lanes at a time; the last partial group reads and writes up to three
// elements past n (inside kernel memory). src/kernels/expF32x4.ts (sigmoidf) emulates it bit for bit.
const sigmoid = `
  (func (export "sigmoid") (param $x i32) (param $o i32) (param $n i32)
    (local $end i32) (local $v v128) ${expf4Locals}
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $v (v128.load (local.get $x)))
      ${expf4('(f32x4.neg (f32x4.abs (local.get $v)))')}
      (v128.store (local.get $o)
        (f32x4.div
          (v128.bitselect ${fsplat(1)} (local.get $e4) (f32x4.ge (local.get $v) (v128.const i32x4 0 0 0 0)))
          (f32x4.add ${fsplat(1)} (local.get $e4))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $l))))`;

// Batch / layer normalization (src/kernels/norm.ts computes the same in JavaScript, bit for bit). The data are R
// contiguous segments ("rows") of L float32 values; per-row statistics are float64 arrays. Every sum over a row
// uses four partial sums (element i to p(i mod 4), two f64x2), the last L mod 4 added to p0 in order, then
// (p0 + p1) + (p2 + p3). Elementwise results are computed in float64 and rounded once to float32, as the
// JavaScript kernel does (no fused multiply-add).
const P = {
  lo: (v) => `(f64x2.promote_low_f32x4 ${v})`,
  hi: (v) => `(f64x2.promote_low_f32x4 ${hi(v)})`,
  one: (p) => `(f64.promote_f32 (f32.load ${p}))`,
  /** float32x4 of two f64x2 (lanes 0-1 from a, 2-3 from b), each rounded once. */
  pack: (a, b) =>
    `(i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero ${a}) (f32x4.demote_f64x2_zero ${b}))`,
};
/** Locals of a four-way float64 sum named q: two f64x2 ($qA: p0 p1, $qB: p2 p3) and the scalar $q0. */
const acc = {
  locals: (q) => `(local $${q}A v128) (local $${q}B v128) (local $${q}0 f64)`,
  zero: (q) => `(local.set $${q}A (v128.const i64x2 0 0)) (local.set $${q}B (v128.const i64x2 0 0))`,
  add4: (q, lo, hi) =>
    `(local.set $${q}A (f64x2.add (local.get $${q}A) ${lo})) (local.set $${q}B (f64x2.add (local.get $${q}B) ${hi}))`,
  mid: (q) => `(local.set $${q}0 (f64x2.extract_lane 0 (local.get $${q}A)))`,
  add1: (q, t) => `(local.set $${q}0 (f64.add (local.get $${q}0) ${t}))`,
  total: (q) =>
    `(f64.add (f64.add (local.get $${q}0) (f64x2.extract_lane 1 (local.get $${q}A))) (f64.add (f64x2.extract_lane 0 (local.get $${q}B)) (f64x2.extract_lane 1 (local.get $${q}B))))`,
};
const inc = (p, n) => `(local.set ${p} (i32.add (local.get ${p}) (i32.const ${n})))`;
/**
 * The row loop of every normalization kernel: per row `setup`, then `body4` four elements at a time (it advances
 * its pointers; $x by 16), `mid`, `body1` for the last L mod 4 (advancing $x by 4), then `finish`.
 */
const normRows = (setup, body4, mid, body1, finish) => `
    (block $done (loop $row
      (br_if $done (i32.eqz (local.get $R)))
      (local.set $end (i32.add (local.get $x) (i32.shl (local.get $L) (i32.const 2))))
      (local.set $tail (i32.add (local.get $x) (i32.shl (i32.and (local.get $L) (i32.const -4)) (i32.const 2))))
      ${setup}
      (block $d1 (loop $l1
        (br_if $d1 (i32.ge_u (local.get $x) (local.get $tail)))
        ${body4}
        (br $l1)))
      ${mid}
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_u (local.get $x) (local.get $end)))
        ${body1}
        (br $l2)))
      ${finish}
      (local.set $R (i32.sub (local.get $R) (i32.const 1)))
      (br $row)))`;
/** Per-row mean and inverse standard deviation as splats ($mv, $sv) and scalars ($ms, $ss). */
const rowStats = `(local.set $ms (f64.load (local.get $m))) (local.set $mv (f64x2.splat (local.get $ms)))
      (local.set $ss (f64.load (local.get $s))) (local.set $sv (f64x2.splat (local.get $ss)))`;
const statLocals = `(local $mv v128) (local $sv v128) (local $ms f64) (local $ss f64)`;
/** $xl, $xh <- (x - m) * s of the four float32 at $x (xhat, float64). */
const xhat4 = `(local.set $v (v128.load (local.get $x)))
        (local.set $xl (f64x2.mul (f64x2.sub ${P.lo('(local.get $v)')} (local.get $mv)) (local.get $sv)))
        (local.set $xh (f64x2.mul (f64x2.sub ${P.hi('(local.get $v)')} (local.get $mv)) (local.get $sv)))`;
const xhat1 = `(local.set $xs (f64.mul (f64.sub ${P.one('(local.get $x)')} (local.get $ms)) (local.get $ss)))`;
const xhatLocals = `(local $v v128) (local $xl v128) (local $xh v128) (local $xs f64)`;

// normSums: o[r] (f64) = sum of row r.
const normSums = `
  (func (export "normSums") (param $x i32) (param $R i32) (param $L i32) (param $o i32)
    (local $end i32) (local $tail i32) (local $v v128) ${acc.locals('q')}
    ${normRows(
      acc.zero('q'),
      `(local.set $v (v128.load (local.get $x)))
        ${acc.add4('q', P.lo('(local.get $v)'), P.hi('(local.get $v)'))}
        ${inc('$x', 16)}`,
      acc.mid('q'),
      `${acc.add1('q', P.one('(local.get $x)'))} ${inc('$x', 4)}`,
      `(f64.store (local.get $o) ${acc.total('q')}) ${inc('$o', 8)}`,
    )})`;

// normSqDev: o[r] (f64) = sum over row r of (x - m[r])^2.
const normSqDev = `
  (func (export "normSqDev") (param $x i32) (param $R i32) (param $L i32) (param $m i32) (param $o i32)
    (local $end i32) (local $tail i32) (local $v v128) (local $cl v128) (local $ch v128) (local $mv v128) (local $ms f64) (local $c f64) ${acc.locals('q')}
    ${normRows(
      `(local.set $ms (f64.load (local.get $m))) (local.set $mv (f64x2.splat (local.get $ms))) ${acc.zero('q')}`,
      `(local.set $v (v128.load (local.get $x)))
        (local.set $cl (f64x2.sub ${P.lo('(local.get $v)')} (local.get $mv)))
        (local.set $ch (f64x2.sub ${P.hi('(local.get $v)')} (local.get $mv)))
        ${acc.add4('q', '(f64x2.mul (local.get $cl) (local.get $cl))', '(f64x2.mul (local.get $ch) (local.get $ch))')}
        ${inc('$x', 16)}`,
      acc.mid('q'),
      `(local.set $c (f64.sub ${P.one('(local.get $x)')} (local.get $ms)))
        ${acc.add1('q', '(f64.mul (local.get $c) (local.get $c))')} ${inc('$x', 4)}`,
      `(f64.store (local.get $o) ${acc.total('q')}) ${inc('$o', 8)} ${inc('$m', 8)}`,
    )})`;

// normFwd: y = (x - m[r]) * s[r] * w + b. Cols: w, b float32 per column (layer norm); Rows: w[r], b[r] float64
// per row (batch norm).
const normFwd = (cols) => `
  (func (export "${cols ? 'normFwdCols' : 'normFwdRows'}") (param $x i32) (param $y i32) (param $R i32) (param $L i32) (param $m i32) (param $s i32) (param $w i32) (param $b i32)
    (local $end i32) (local $tail i32) (local $wp i32) (local $bp i32) (local $wv v128) (local $bv v128) (local $ws f64) (local $bs f64) ${statLocals} ${xhatLocals}
    ${normRows(
      `${rowStats} ${
        cols
          ? '(local.set $wp (local.get $w)) (local.set $bp (local.get $b))'
          : `(local.set $ws (f64.load (local.get $w))) (local.set $wv (f64x2.splat (local.get $ws)))
      (local.set $bs (f64.load (local.get $b))) (local.set $bv (f64x2.splat (local.get $bs)))`
      }`,
      `${xhat4}
        ${
          cols
            ? `(local.set $wv (v128.load (local.get $wp))) (local.set $bv (v128.load (local.get $bp)))
        (v128.store (local.get $y) ${P.pack(
          `(f64x2.add (f64x2.mul (local.get $xl) ${P.lo('(local.get $wv)')}) ${P.lo('(local.get $bv)')})`,
          `(f64x2.add (f64x2.mul (local.get $xh) ${P.hi('(local.get $wv)')}) ${P.hi('(local.get $bv)')})`,
        )})
        ${inc('$wp', 16)} ${inc('$bp', 16)}`
            : `(v128.store (local.get $y) ${P.pack(
                '(f64x2.add (f64x2.mul (local.get $xl) (local.get $wv)) (local.get $bv))',
                '(f64x2.add (f64x2.mul (local.get $xh) (local.get $wv)) (local.get $bv))',
              )})`
        }
        ${inc('$x', 16)} ${inc('$y', 16)}`,
      '',
      `${xhat1}
        (f32.store (local.get $y) (f32.demote_f64 ${
          cols
            ? `(f64.add (f64.mul (local.get $xs) ${P.one('(local.get $wp)')}) ${P.one('(local.get $bp)')}))) ${inc('$wp', 4)} ${inc('$bp', 4)}`
            : '(f64.add (f64.mul (local.get $xs) (local.get $ws)) (local.get $bs))))'
        }
        ${inc('$x', 4)} ${inc('$y', 4)}`,
      `${inc('$m', 8)} ${inc('$s', 8)}${cols ? '' : ` ${inc('$w', 8)} ${inc('$b', 8)}`}`,
    )})`;

// normBwd (first pass of the backward): with xhat = (x - m[r]) * s[r], gy = g * w, per row a[r] = sum gy and
// c[r] = sum gy * xhat; Cols: dw[i] += g * xhat and db[i] += g (float64 per column, row after row; w float32 per
// column); Rows: dw[r] = sum g * xhat, db[r] = sum g (w[r] float64 per row).
const normBwd = (cols) => `
  (func (export "${cols ? 'normBwdCols' : 'normBwdRows'}") (param $x i32) (param $g i32) (param $R i32) (param $L i32) (param $m i32) (param $s i32) (param $w i32) (param $a i32) (param $c i32) (param $dw i32) (param $db i32)
    (local $end i32) (local $tail i32) (local $wp i32) (local $dwp i32) (local $dbp i32) (local $gv v128) (local $gl v128) (local $gh v128) (local $yl v128) (local $yh v128) (local $wv v128)
    (local $gs f64) (local $ys f64) (local $ws f64) ${statLocals} ${xhatLocals}
    ${acc.locals('a')} ${acc.locals('c')} ${cols ? '' : `${acc.locals('w')} ${acc.locals('b')}`}
    ${normRows(
      `${rowStats} ${acc.zero('a')} ${acc.zero('c')} ${
        cols
          ? '(local.set $wp (local.get $w)) (local.set $dwp (local.get $dw)) (local.set $dbp (local.get $db))'
          : `(local.set $ws (f64.load (local.get $w))) (local.set $wv (f64x2.splat (local.get $ws))) ${acc.zero('w')} ${acc.zero('b')}`
      }`,
      `${xhat4}
        (local.set $gv (v128.load (local.get $g)))
        (local.set $gl ${P.lo('(local.get $gv)')}) (local.set $gh ${P.hi('(local.get $gv)')})
        ${
          cols
            ? `(local.set $wv (v128.load (local.get $wp)))
        (local.set $yl (f64x2.mul (local.get $gl) ${P.lo('(local.get $wv)')}))
        (local.set $yh (f64x2.mul (local.get $gh) ${P.hi('(local.get $wv)')}))`
            : `(local.set $yl (f64x2.mul (local.get $gl) (local.get $wv)))
        (local.set $yh (f64x2.mul (local.get $gh) (local.get $wv)))`
        }
        ${acc.add4('a', '(local.get $yl)', '(local.get $yh)')}
        ${acc.add4('c', '(f64x2.mul (local.get $yl) (local.get $xl))', '(f64x2.mul (local.get $yh) (local.get $xh))')}
        ${
          cols
            ? `(v128.store (local.get $dwp) (f64x2.add (v128.load (local.get $dwp)) (f64x2.mul (local.get $gl) (local.get $xl))))
        (v128.store offset=16 (local.get $dwp) (f64x2.add (v128.load offset=16 (local.get $dwp)) (f64x2.mul (local.get $gh) (local.get $xh))))
        (v128.store (local.get $dbp) (f64x2.add (v128.load (local.get $dbp)) (local.get $gl)))
        (v128.store offset=16 (local.get $dbp) (f64x2.add (v128.load offset=16 (local.get $dbp)) (local.get $gh)))
        ${inc('$wp', 16)} ${inc('$dwp', 32)} ${inc('$dbp', 32)}`
            : `${acc.add4('w', '(f64x2.mul (local.get $gl) (local.get $xl))', '(f64x2.mul (local.get $gh) (local.get $xh))')}
        ${acc.add4('b', '(local.get $gl)', '(local.get $gh)')}`
        }
        ${inc('$x', 16)} ${inc('$g', 16)}`,
      `${acc.mid('a')} ${acc.mid('c')}${cols ? '' : ` ${acc.mid('w')} ${acc.mid('b')}`}`,
      `${xhat1}
        (local.set $gs ${P.one('(local.get $g)')})
        (local.set $ys (f64.mul (local.get $gs) ${cols ? P.one('(local.get $wp)') : '(local.get $ws)'}))
        ${acc.add1('a', '(local.get $ys)')}
        ${acc.add1('c', '(f64.mul (local.get $ys) (local.get $xs))')}
        ${
          cols
            ? `(f64.store (local.get $dwp) (f64.add (f64.load (local.get $dwp)) (f64.mul (local.get $gs) (local.get $xs))))
        (f64.store (local.get $dbp) (f64.add (f64.load (local.get $dbp)) (local.get $gs)))
        ${inc('$wp', 4)} ${inc('$dwp', 8)} ${inc('$dbp', 8)}`
            : `${acc.add1('w', '(f64.mul (local.get $gs) (local.get $xs))')} ${acc.add1('b', '(local.get $gs)')}`
        }
        ${inc('$x', 4)} ${inc('$g', 4)}`,
      `(f64.store (local.get $a) ${acc.total('a')}) (f64.store (local.get $c) ${acc.total('c')})
      ${inc('$a', 8)} ${inc('$c', 8)} ${inc('$m', 8)} ${inc('$s', 8)}${
        cols
          ? ''
          : `
      (f64.store (local.get $dw) ${acc.total('w')}) (f64.store (local.get $db) ${acc.total('b')})
      ${inc('$dw', 8)} ${inc('$db', 8)} ${inc('$w', 8)}`
      }`,
    )})`;

// normGrad (second pass): the input gradient o = s[r] * ((gy - ma[r]) - xhat * mc[r]) with gy = g * w (Cols: w
// float32 per column; Rows: w[r] float64 per row).
const normGrad = (cols) => `
  (func (export "${cols ? 'normGradCols' : 'normGradRows'}") (param $x i32) (param $g i32) (param $o i32) (param $R i32) (param $L i32) (param $m i32) (param $s i32) (param $w i32) (param $ma i32) (param $mc i32)
    (local $end i32) (local $tail i32) (local $wp i32) (local $gv v128) (local $wv v128) (local $av v128) (local $cv v128) (local $ws f64) (local $as f64) (local $cs f64) ${statLocals} ${xhatLocals}
    ${normRows(
      `${rowStats}
      (local.set $as (f64.load (local.get $ma))) (local.set $av (f64x2.splat (local.get $as)))
      (local.set $cs (f64.load (local.get $mc))) (local.set $cv (f64x2.splat (local.get $cs)))
      ${cols ? '(local.set $wp (local.get $w))' : '(local.set $ws (f64.load (local.get $w))) (local.set $wv (f64x2.splat (local.get $ws)))'}`,
      `${xhat4}
        (local.set $gv (v128.load (local.get $g)))
        ${cols ? '(local.set $wv (v128.load (local.get $wp)))' : ''}
        (v128.store (local.get $o) ${P.pack(
          `(f64x2.mul (local.get $sv) (f64x2.sub (f64x2.sub (f64x2.mul ${P.lo('(local.get $gv)')} ${cols ? P.lo('(local.get $wv)') : '(local.get $wv)'}) (local.get $av)) (f64x2.mul (local.get $xl) (local.get $cv))))`,
          `(f64x2.mul (local.get $sv) (f64x2.sub (f64x2.sub (f64x2.mul ${P.hi('(local.get $gv)')} ${cols ? P.hi('(local.get $wv)') : '(local.get $wv)'}) (local.get $av)) (f64x2.mul (local.get $xh) (local.get $cv))))`,
        )})
        ${cols ? inc('$wp', 16) : ''} ${inc('$x', 16)} ${inc('$g', 16)} ${inc('$o', 16)}`,
      '',
      `${xhat1}
        (f32.store (local.get $o) (f32.demote_f64 (f64.mul (local.get $ss) (f64.sub (f64.sub
          (f64.mul ${P.one('(local.get $g)')} ${cols ? P.one('(local.get $wp)') : '(local.get $ws)'}) (local.get $as)) (f64.mul (local.get $xs) (local.get $cs))))))
        ${cols ? inc('$wp', 4) : ''} ${inc('$x', 4)} ${inc('$g', 4)} ${inc('$o', 4)}`,
      `${inc('$m', 8)} ${inc('$s', 8)} ${inc('$ma', 8)} ${inc('$mc', 8)}${cols ? '' : ` ${inc('$w', 8)}`}`,
    )})`;

// Fused float32 softmax rows (src/kernels/expF32x4.ts emulates them with Math.fround, bit for bit). Per row of C
// float32 values at $x: $m = the maximum by "greater than" (two f32x4 pmax lanes over groups of eight, lanes merged,
// then the last C mod 8 in order; NaN skipped), stored at $mp (float32 per row). Rows whose maximum is not finite
// are left to the caller. $x advances row by row; $end8 ends the whole groups of eight, $rowEnd the row.
const f32Row = `(local.set $rowEnd (i32.add (local.get $x) (i32.shl (local.get $C) (i32.const 2))))
      (local.set $end8 (i32.add (local.get $x) (i32.shl (i32.and (local.get $C) (i32.const -8)) (i32.const 2))))`;
const maxF32 = `(local.set $ma (f32x4.splat (f32.const -inf)))
      (local.set $mb (local.get $ma))
      (local.set $na (f32x4.splat (f32.const inf)))
      (local.set $nb (local.get $na))
      (local.set $p (local.get $x))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $p) (local.get $end8)))
        (local.set $va (v128.load (local.get $p)))
        (local.set $vb (v128.load offset=16 (local.get $p)))
        (local.set $ma (f32x4.pmax (local.get $ma) (local.get $va)))
        (local.set $mb (f32x4.pmax (local.get $mb) (local.get $vb)))
        (local.set $na (f32x4.pmin (local.get $na) (local.get $va)))
        (local.set $nb (f32x4.pmin (local.get $nb) (local.get $vb)))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $l)))
      (local.set $na (f32x4.pmin (local.get $na) (local.get $nb)))
      (local.set $mn (f32.min (f32.min (f32x4.extract_lane 0 (local.get $na)) (f32x4.extract_lane 1 (local.get $na)))
        (f32.min (f32x4.extract_lane 2 (local.get $na)) (f32x4.extract_lane 3 (local.get $na)))))
      (local.set $ma (f32x4.pmax (local.get $ma) (local.get $mb)))
      (local.set $m (f32x4.extract_lane 0 (local.get $ma)))
      ${[1, 2, 3]
        .map(
          (j) => `(local.set $v (f32x4.extract_lane ${j} (local.get $ma)))
      (if (f32.gt (local.get $v) (local.get $m)) (then (local.set $m (local.get $v))))`,
        )
        .join('\n      ')}
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $p) (local.get $rowEnd)))
        (local.set $v (f32.load (local.get $p)))
        (if (f32.gt (local.get $v) (local.get $m)) (then (local.set $m (local.get $v))))
        (if (f32.lt (local.get $v) (local.get $mn)) (then (local.set $mn (local.get $v))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $l)))
      (f32.store (local.get $mp) (local.get $m))`;
/** The groups of eight of `expSumF32`, with the exponential `ex` (`expf4`, or `expf4Normal` when it applies). */
const expLoop8F32 = (ex) => `(block $d (loop $l
          (br_if $d (i32.ge_u (local.get $p) (local.get $end8)))
          ${ex('(f32x4.sub (v128.load (local.get $p)) (local.get $sh))')}
          (v128.store (local.get $q) (local.get $e4))
          (local.set $sa (f32x4.add (local.get $sa) (local.get $e4)))
          ${ex('(f32x4.sub (v128.load offset=16 (local.get $p)) (local.get $sh))')}
          (v128.store offset=16 (local.get $q) (local.get $e4))
          (local.set $sb (f32x4.add (local.get $sb) (local.get $e4)))
          (local.set $p (i32.add (local.get $p) (i32.const 32)))
          (local.set $q (i32.add (local.get $q) (i32.const 32)))
          (br $l)))`;
/**
 * $t <- the float32 sum of expf(x - m) over the row (eight partial sums: two f32x4, merged a = sa + sb,
 * (a0 + a2) + (a1 + a3), then the last C mod 8 in order, each through the four-lane exponential of a splat);
 * each exponential is also written at $q (advancing with $p).
 */
const expSumF32 = `(local.set $sh (f32x4.splat (local.get $m)))
        (local.set $sa (v128.const i64x2 0 0))
        (local.set $sb (v128.const i64x2 0 0))
        (local.set $p (local.get $x))
        (local.set $q (local.get $o))
        (if (f32.ge (f32.sub (local.get $mn) (local.get $m)) (f32.const -86))
          (then ${expLoop8F32(expf4Normal)})
          (else ${expLoop8F32(expf4)}))
        (local.set $sa (f32x4.add (local.get $sa) (local.get $sb)))
        (local.set $t (f32.add
          (f32.add (f32x4.extract_lane 0 (local.get $sa)) (f32x4.extract_lane 2 (local.get $sa)))
          (f32.add (f32x4.extract_lane 1 (local.get $sa)) (f32x4.extract_lane 3 (local.get $sa)))))
        (block $d (loop $l
          (br_if $d (i32.ge_u (local.get $p) (local.get $rowEnd)))
          ${expf4('(f32x4.sub (f32x4.splat (f32.load (local.get $p))) (local.get $sh))')}
          (local.set $v (f32x4.extract_lane 0 (local.get $e4)))
          (f32.store (local.get $q) (local.get $v))
          (local.set $t (f32.add (local.get $t) (local.get $v)))
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (local.set $q (i32.add (local.get $q) (i32.const 4)))
          (br $l)))`;
const f32RowLocals = `(local $rowEnd i32) (local $end8 i32) (local $p i32) (local $q i32) (local $ma v128) (local $mb v128) (local $na v128) (local $nb v128) (local $va v128) (local $vb v128) (local $m f32) (local $mn f32) (local $v f32) (local $sh v128) (local $sa v128) (local $sb v128) (local $t f32) ${expf4Locals}`;
const finite = '(f32.eq (f32.sub (local.get $m) (local.get $m)) (f32.const 0))';
const nextRow = `(local.set $x (local.get $rowEnd))
      (local.set $o (i32.add (local.get $o) (i32.shl (local.get $C) (i32.const 2))))
      (local.set $mp (i32.add (local.get $mp) (i32.const 4)))
      (local.set $R (i32.sub (local.get $R) (i32.const 1)))`;
// softmaxF32: o = expf(x - m) * fl(1 / t) per row with a finite maximum (the scale runs over whole groups of four,
// the last one writing up to three values past the row: the next row's, rewritten after, or scratch after O).
// expSumRow: the float32 sum t of expf(x - m) over the row of C at $x (see expSumF32), each exponential also
// written at $o; $mn is the row's minimum (the short exponential when mn - m >= -86). One copy of the loops for
// softmaxF32 and lseF32 (the module stays small).
// Its vector constants are hoisted into the module's constant table (scripts/wasm-shared.mjs constantTable: V8
// rematerialized each at every use inside the loop), loaded once per row.
const softmaxConsts = constantTable();
const expSumRow = (() => {
  const { body, constLocals, constInit } = softmaxConsts.hoist(`${f32Row}
    ${expSumF32}`);
  return `
  (func $expSumRow (param $x i32) (param $o i32) (param $C i32) (param $m f32) (param $mn f32) (result f32)
    (local $rowEnd i32) (local $end8 i32) (local $p i32) (local $q i32) (local $v f32) (local $sh v128) (local $sa v128) (local $sb v128) (local $t f32) ${expf4Locals} ${constLocals}
    ${constInit}
    ${body}
    (local.get $t))`;
})();
const callExpSum =
  '(local.set $t (call $expSumRow (local.get $x) (local.get $o) (local.get $C) (local.get $m) (local.get $mn)))';
const softmaxF32 = `
  (func (export "softmaxF32") (param $x i32) (param $o i32) (param $mp i32) (param $R i32) (param $C i32)
    (local $qv v128) ${f32RowLocals}
    (block $done (loop $row
      (br_if $done (i32.eqz (local.get $R)))
      ${f32Row}
      ${maxF32}
      (if ${finite} (then
        ${callExpSum}
        (local.set $qv (f32x4.splat (f32.div (f32.const 1) (local.get $t))))
        (local.set $q (local.get $o))
        (local.set $p (i32.add (local.get $o) (i32.shl (local.get $C) (i32.const 2))))
        (block $d (loop $l
          (br_if $d (i32.ge_u (local.get $q) (local.get $p)))
          (v128.store (local.get $q) (f32x4.mul (v128.load (local.get $q)) (local.get $qv)))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (br $l)))))
      ${nextRow}
      (br $row))))`;
// lseF32: m at $mp and, for a finite m, t = the float32 sum of expf(x - m) at $sp (float32 per row); the
// exponentials are written at $o (scratch).
const lseF32 = `
  (func (export "lseF32") (param $x i32) (param $o i32) (param $mp i32) (param $sp i32) (param $R i32) (param $C i32)
    ${f32RowLocals}
    (block $done (loop $row
      (br_if $done (i32.eqz (local.get $R)))
      ${f32Row}
      ${maxF32}
      (if ${finite} (then
        ${callExpSum}
        (f32.store (local.get $sp) (local.get $t))))
      (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
      ${nextRow}
      (br $row))))`;
// Softmax cross-entropy rows, four rows at a time (one row per lane: the digits job's rows are 10 wide, too
// narrow for lanes along a row), rows of C at $x, groups of four rows (G groups, row stride C floats; the lanes of
// a last partial group read and write rows past the caller's, inside the block). src/kernels/crossEntropyF32.ts
// emulates them bit for bit. gather4 loads element c of the group's four rows ($p0..$p3 point at it).
const gather4 = `(v128.load32_lane 3 (local.get $p3) (v128.load32_lane 2 (local.get $p2) (v128.load32_lane 1 (local.get $p1)
          (v128.load32_lane 0 (local.get $p0) (v128.const i64x2 0 0)))))`;
const rows4 = (base) => `(local.set $p0 ${base})
        (local.set $p1 (i32.add (local.get $p0) (local.get $stride)))
        (local.set $p2 (i32.add (local.get $p1) (local.get $stride)))
        (local.set $p3 (i32.add (local.get $p2) (local.get $stride)))`;
const next4 = ['$p0', '$p1', '$p2', '$p3']
  .map((p) => `(local.set ${p} (i32.add (local.get ${p}) (i32.const 4)))`)
  .join(' ');
const ceLocals = `(local $g i32) (local $c i32) (local $stride i32) (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32) (local $m4 v128) (local $lo v128) (local $hi v128) ${expf4Locals}`;
// ceLse4: per row m = the maximum by pmax in column order (NaN skipped), stored float32 at $mp, and s = the float64
// sum in column order of expf(x - m), stored at $sp (float64 per row). Rows whose m is not finite are the caller's.
const ceLse4 = `
  (func (export "ceLse4") (param $x i32) (param $mp i32) (param $sp i32) (param $G i32) (param $C i32)
    ${ceLocals}
    (local.set $stride (i32.shl (local.get $C) (i32.const 2)))
    (block $done (loop $group
      (br_if $done (i32.ge_u (local.get $g) (local.get $G)))
      ${rows4('(local.get $x)')}
      (local.set $m4 (f32x4.splat (f32.const -inf)))
      (local.set $c (i32.const 0))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $c) (local.get $C)))
        (local.set $m4 (f32x4.pmax (local.get $m4) ${gather4}))
        ${next4}
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $l)))
      (v128.store (local.get $mp) (local.get $m4))
      ${rows4('(local.get $x)')}
      (local.set $lo (v128.const i64x2 0 0))
      (local.set $hi (v128.const i64x2 0 0))
      (local.set $c (i32.const 0))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $c) (local.get $C)))
        ${expf4(`(f32x4.sub ${gather4} (local.get $m4))`)}
        (local.set $lo (f64x2.add (local.get $lo) (f64x2.promote_low_f32x4 (local.get $e4))))
        (local.set $hi (f64x2.add (local.get $hi) (f64x2.promote_low_f32x4 ${hi('(local.get $e4)')})))
        ${next4}
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $l)))
      (v128.store (local.get $sp) (local.get $lo))
      (v128.store offset=16 (local.get $sp) (local.get $hi))
      (local.set $x (i32.add (local.get $x) (i32.shl (local.get $stride) (i32.const 2))))
      (local.set $mp (i32.add (local.get $mp) (i32.const 16)))
      (local.set $sp (i32.add (local.get $sp) (i32.const 32)))
      (local.set $g (i32.add (local.get $g) (i32.const 1)))
      (br $group))))`;
// ceBwd4: o = fl(a * expf((x - m) - ls)) - fl(b * w[c]) per row (float32 m, ls = fl(log s), a, b per row at $mp,
// $lp, $ap, $bp; w[c] float32 per column at $wp), in column order: x - m first, exact near the maximum, as
// log-softmax rounds it (x - fl(m + log s) would lose the digits of large logits).
const ceBwd4 = `
  (func (export "ceBwd4") (param $x i32) (param $o i32) (param $mp i32) (param $lp i32) (param $ap i32) (param $bp i32) (param $wp i32) (param $G i32) (param $C i32)
    (local $a4 v128) (local $b4 v128) (local $r v128) (local $l4 v128) ${ceLocals}
    (local.set $stride (i32.shl (local.get $C) (i32.const 2)))
    (block $done (loop $group
      (br_if $done (i32.ge_u (local.get $g) (local.get $G)))
      ${rows4('(local.get $x)')}
      (local.set $q0 (local.get $o))
      (local.set $q1 (i32.add (local.get $q0) (local.get $stride)))
      (local.set $q2 (i32.add (local.get $q1) (local.get $stride)))
      (local.set $q3 (i32.add (local.get $q2) (local.get $stride)))
      (local.set $m4 (v128.load (local.get $mp)))
      (local.set $l4 (v128.load (local.get $lp)))
      (local.set $a4 (v128.load (local.get $ap)))
      (local.set $b4 (v128.load (local.get $bp)))
      (local.set $c (i32.const 0))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $c) (local.get $C)))
        ${expf4(`(f32x4.sub (f32x4.sub ${gather4} (local.get $m4)) (local.get $l4))`)}
        (local.set $r (f32x4.sub (f32x4.mul (local.get $a4) (local.get $e4))
          (f32x4.mul (local.get $b4) (v128.load32_splat (i32.add (local.get $wp) (i32.shl (local.get $c) (i32.const 2)))))))
        (v128.store32_lane 0 (local.get $q0) (local.get $r))
        (v128.store32_lane 1 (local.get $q1) (local.get $r))
        (v128.store32_lane 2 (local.get $q2) (local.get $r))
        (v128.store32_lane 3 (local.get $q3) (local.get $r))
        ${next4} ${['$q0', '$q1', '$q2', '$q3'].map((p) => `(local.set ${p} (i32.add (local.get ${p}) (i32.const 4)))`).join(' ')}
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $l)))
      (local.set $x (i32.add (local.get $x) (i32.shl (local.get $stride) (i32.const 2))))
      (local.set $o (i32.add (local.get $o) (i32.shl (local.get $stride) (i32.const 2))))
      (local.set $mp (i32.add (local.get $mp) (i32.const 16)))
      (local.set $lp (i32.add (local.get $lp) (i32.const 16)))
      (local.set $ap (i32.add (local.get $ap) (i32.const 16)))
      (local.set $bp (i32.add (local.get $bp) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 1)))
      (br $group))))`;
// logSoftmaxSubF32: o = (x - m[r]) - ls[r] per row (float32 m and ls per row), whole groups of four as softmaxF32.
const logSoftmaxSubF32 = `
  (func (export "logSoftmaxSubF32") (param $x i32) (param $o i32) (param $mp i32) (param $lp i32) (param $R i32) (param $C i32)
    (local $end i32) (local $mv v128) (local $lv v128)
    (block $done (loop $row
      (br_if $done (i32.eqz (local.get $R)))
      (local.set $mv (v128.load32_splat (local.get $mp)))
      (local.set $lv (v128.load32_splat (local.get $lp)))
      (local.set $end (i32.add (local.get $o) (i32.shl (local.get $C) (i32.const 2))))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (local.get $o) (f32x4.sub (f32x4.sub (v128.load (local.get $x)) (local.get $mv)) (local.get $lv)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $l)))
      (local.set $x (i32.sub (local.get $x) (i32.sub (local.get $o) (local.get $end))))
      (local.set $o (local.get $end))
      (local.set $mp (i32.add (local.get $mp) (i32.const 4)))
      (local.set $lp (i32.add (local.get $lp) (i32.const 4)))
      (local.set $R (i32.sub (local.get $R) (i32.const 1)))
      (br $row))))`;

// Fused float32 softmax / log-softmax backward rows (src/kernels/expF32x4.ts emulates them bit for bit), rows of C
// at $g, $y (the forward output) and $o: t = the float32 sum, in the eight-lane order of softmaxF32, of g * y
// (softmaxBwdF32) or of g (logSoftmaxBwdF32); then o = y (g - t), or o = g - expf(y) t, over whole groups of four
// (the last one writes up to three values past the row: the next row's, rewritten after, or scratch after O).
const bwdRows = (name, term4, term1, out4, locals = '') => `
  (func (export "${name}") (param $g i32) (param $y i32) (param $o i32) (param $R i32) (param $C i32)
    (local $rowEnd i32) (local $end8 i32) (local $p i32) (local $q i32) (local $r i32) (local $bytes i32) (local $sa v128) (local $sb v128) (local $t f32) (local $tv v128) ${locals}
    (local.set $bytes (i32.shl (local.get $C) (i32.const 2)))
    (block $done (loop $row
      (br_if $done (i32.eqz (local.get $R)))
      (local.set $rowEnd (i32.add (local.get $g) (local.get $bytes)))
      (local.set $end8 (i32.add (local.get $g) (i32.shl (i32.and (local.get $C) (i32.const -8)) (i32.const 2))))
      (local.set $sa (v128.const i64x2 0 0))
      (local.set $sb (v128.const i64x2 0 0))
      (local.set $p (local.get $g))
      (local.set $q (local.get $y))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $p) (local.get $end8)))
        (local.set $sa (f32x4.add (local.get $sa) ${term4('')}))
        (local.set $sb (f32x4.add (local.get $sb) ${term4('offset=16 ')}))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (local.set $q (i32.add (local.get $q) (i32.const 32)))
        (br $l)))
      (local.set $sa (f32x4.add (local.get $sa) (local.get $sb)))
      (local.set $t (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $sa)) (f32x4.extract_lane 2 (local.get $sa)))
        (f32.add (f32x4.extract_lane 1 (local.get $sa)) (f32x4.extract_lane 3 (local.get $sa)))))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $p) (local.get $rowEnd)))
        (local.set $t (f32.add (local.get $t) ${term1}))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $q (i32.add (local.get $q) (i32.const 4)))
        (br $l)))
      (local.set $tv (f32x4.splat (local.get $t)))
      (local.set $p (local.get $g))
      (local.set $q (local.get $y))
      (local.set $r (local.get $o))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $p) (local.get $rowEnd)))
        ${out4}
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (local.set $r (i32.add (local.get $r) (i32.const 16)))
        (br $l)))
      (local.set $g (local.get $rowEnd))
      (local.set $y (i32.add (local.get $y) (local.get $bytes)))
      (local.set $o (i32.add (local.get $o) (local.get $bytes)))
      (local.set $R (i32.sub (local.get $R) (i32.const 1)))
      (br $row))))`;
const softmaxBwdF32 = bwdRows(
  'softmaxBwdF32',
  (off) => `(f32x4.mul (v128.load ${off}(local.get $p)) (v128.load ${off}(local.get $q)))`,
  '(f32.mul (f32.load (local.get $p)) (f32.load (local.get $q)))',
  `(v128.store (local.get $r) (f32x4.mul (v128.load (local.get $q)) (f32x4.sub (v128.load (local.get $p)) (local.get $tv))))`,
);
const logSoftmaxBwdF32 = bwdRows(
  'logSoftmaxBwdF32',
  (off) => `(v128.load ${off}(local.get $p))`,
  '(f32.load (local.get $p))',
  `${expf4('(v128.load (local.get $q))')}
        (v128.store (local.get $r) (f32x4.sub (v128.load (local.get $p)) (f32x4.mul (local.get $e4) (local.get $tv))))`,
  expf4Locals,
);

// Fused backward maps (g, s) -> o: reluBwd o = g * (x > 0 ? 1 : 0) (the product with relu's 0/1 mask, so NaN and
// infinite gradients behave as in mul), sigmoidBwd o = g * (y * (1 - y)) from the output y.
const bwdMap = (name, vec, scalar) => `
  (func (export "${name}") (param $g i32) (param $x i32) (param $o i32) (param $n i32)
    (local $end i32) (local $tail i32)
    ${bounds}
    ${lanes(['$g', '$x'], vec, scalar)})`;
const reluBwd = bwdMap(
  'reluBwd',
  (g, x) => `(f32x4.mul ${g} (v128.and (f32x4.gt ${x} (v128.const i32x4 0 0 0 0)) ${fsplat(1)}))`,
  (g, x) => `(f32.mul ${g} (select (f32.const 1) (f32.const 0) (f32.gt ${x} (f32.const 0))))`,
);
const sigmoidBwd = bwdMap(
  'sigmoidBwd',
  (g, y) => `(f32x4.mul ${g} (f32x4.mul ${y} (f32x4.sub ${fsplat(1)} ${y})))`,
  (g, y) => `(f32.mul ${g} (f32.mul ${y} (f32.sub (f32.const 1) ${y})))`,
);

const wat = `;; Generated by scripts/build-wasm.mjs — do not edit by hand.
;; WebAssembly SIMD kernels of @dl/tensor (float32 data, float64 sums). Pointers are byte offsets.
(module
  (memory (export "memory") 16)
${vv}
${vs}
${rows}
${cols}
${relu}
${positive}
${sumRows}
${sumCols}
${extremeRows}
${exp}
${sigmoid}
${reluBwd}
${sigmoidBwd}
)
`;

// The softmax kernels are a module of their own too (only bundles that use softmax / logSoftmax carry them), with
// its own memory: src/wasm/softmax.ts lays it out (7 pages: three float32 blocks, per-row maxima and sums).
const softmaxWat = `;; Generated by scripts/build-wasm.mjs — do not edit by hand.
;; WebAssembly SIMD kernels of @dl/tensor's float32 softmax and log-softmax rows, forward and backward.
(module
  (memory (export "memory") 7)
${expSumRow}
${softmaxF32}
${lseF32}
${logSoftmaxSubF32}
${softmaxBwdF32}
${logSoftmaxBwdF32}
${softmaxConsts.segment()}
)
`;

// The softmax cross-entropy kernels: a module of their own (only bundles that use softmaxCrossEntropy carry them),
// with its own memory, laid out by src/wasm/crossEntropy.ts (6 pages).
const ceWat = `;; Generated by scripts/build-wasm.mjs — do not edit by hand.
(module
  (memory (export "memory") 6)
${ceLse4}
${ceBwd4}
)
`;

// Channels-last batch norm ([N, C] data, one value per channel in a row): R rows of L channels, every per-channel
// quantity a float64 array of L values accumulated row after row (the JavaScript kernel's order for segments of
// one value). $q is the byte offset of the current channel in those arrays.
const clRows = (setup, body4, body1) => `
    (block $done (loop $row
      (br_if $done (i32.eqz (local.get $R)))
      (local.set $q (i32.const 0))
      ${setup}
      (block $d1 (loop $l1
        (br_if $d1 (i32.ge_u (local.get $q) (local.get $q4)))
        ${body4}
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 32)))
        (br $l1)))
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_u (local.get $q) (local.get $qn)))
        ${body1}
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $q (i32.add (local.get $q) (i32.const 8)))
        (br $l2)))
      (local.set $R (i32.sub (local.get $R) (i32.const 1)))
      (br $row)))`;
const clBounds = `(local $q i32) (local $q4 i32) (local $qn i32)
    (local.set $q4 (i32.shl (i32.and (local.get $L) (i32.const -4)) (i32.const 3)))
    (local.set $qn (i32.shl (local.get $L) (i32.const 3)))`;
/** The f64x2 of array `p` for lanes 0-1 (`hi`: 2-3) of the current four channels, and the scalar of the current one. */
const at = (p, hiHalf = false) =>
  `(v128.load${hiHalf ? ' offset=16' : ''} (i32.add (local.get ${p}) (local.get $q)))`;
const at1 = (p) => `(f64.load (i32.add (local.get ${p}) (local.get $q)))`;
/** arr[channel lanes] += lo / hi. */
const accAt = (
  p,
  lo,
  hi,
) => `(v128.store (i32.add (local.get ${p}) (local.get $q)) (f64x2.add ${at(p)} ${lo}))
        (v128.store offset=16 (i32.add (local.get ${p}) (local.get $q)) (f64x2.add ${at(p, true)} ${hi}))`;
const accAt1 = (p, t) => `(f64.store (i32.add (local.get ${p}) (local.get $q)) (f64.add ${at1(p)} ${t}))`;
/** $xl, $xh <- (x - m[c]) * s[c] of the four float32 at $x. */
const clXhat4 = `(local.set $v (v128.load (local.get $x)))
        (local.set $xl (f64x2.mul (f64x2.sub ${P.lo('(local.get $v)')} ${at('$m')}) ${at('$s')}))
        (local.set $xh (f64x2.mul (f64x2.sub ${P.hi('(local.get $v)')} ${at('$m', true)}) ${at('$s', true)}))`;
const clXhat1 = `(local.set $xs (f64.mul (f64.sub ${P.one('(local.get $x)')} ${at1('$m')}) ${at1('$s')}))`;

// Two rows at a time (row r at each pointer, row r + 1 one row further, $rb bytes): every per-channel quantity is
// loaded once for both rows and every accumulator takes row r's term, then row r + 1's: the same additions in the
// same order as one row after the other, with half the loads and stores of the arrays. An odd last row goes
// through clRows. `ptrs` are the pointers that walk the rows (advanced here, not in the bodies).
const clPairs = (body4, body1, ptrs) => {
  const step = (n) => ptrs.map((p) => `(local.set ${p} (i32.add (local.get ${p}) ${n}))`).join(' ');
  return `
    (local.set $rb (i32.shl (local.get $L) (i32.const 2)))
    (block $pdone (loop $pair
      (br_if $pdone (i32.lt_u (local.get $R) (i32.const 2)))
      (local.set $q (i32.const 0))
      (block $p4 (loop $pl4
        (br_if $p4 (i32.ge_u (local.get $q) (local.get $q4)))
        ${body4}
        ${step('(i32.const 16)')}
        (local.set $q (i32.add (local.get $q) (i32.const 32)))
        (br $pl4)))
      (block $p1 (loop $pl1
        (br_if $p1 (i32.ge_u (local.get $q) (local.get $qn)))
        ${body1}
        ${step('(i32.const 4)')}
        (local.set $q (i32.add (local.get $q) (i32.const 8)))
        (br $pl1)))
      ${step('(local.get $rb)')}
      (local.set $R (i32.sub (local.get $R) (i32.const 2)))
      (br $pair)))`;
};
/** The address of row r + 1 at pointer `p`. */
const r2 = (p) => `(i32.add (local.get ${p}) (local.get $rb))`;
/** Locals of the pair kernels: the second row's vectors and the per-channel values loaded once for both rows. */
const pairLocals = (names) =>
  `(local $rb i32) ${names.map((n) => `(local $${n}l v128) (local $${n}h v128) (local $${n}1 f64)`).join(' ')}`;
/** $nl, $nh <- the f64x2 of array `p` for the current four channels; $n1 <- its scalar for the current one. */
const clLoad4 = (n, p) => `(local.set $${n}l ${at(p)}) (local.set $${n}h ${at(p, true)})`;
const clLoad1 = (n, p) => `(local.set $${n}1 ${at1(p)})`;
/** arr[channel lanes] += t0 then += t1 (lanes lo / hi), one load and one store each. */
const acc2 = (p, lo0, lo1, hi0, hi1) =>
  `(v128.store (i32.add (local.get ${p}) (local.get $q)) (f64x2.add (f64x2.add ${at(p)} ${lo0}) ${lo1}))
        (v128.store offset=16 (i32.add (local.get ${p}) (local.get $q)) (f64x2.add (f64x2.add ${at(p, true)} ${hi0}) ${hi1}))`;
const acc21 = (p, t0, t1) =>
  `(f64.store (i32.add (local.get ${p}) (local.get $q)) (f64.add (f64.add ${at1(p)} ${t0}) ${t1}))`;
const L = (n) => `(local.get $${n})`;
/** (x - m) * s of the float32x4 / float32 `v` with the loaded per-channel $m, $s (lo / hi / scalar). */
const xh = (v, half) =>
  `(f64x2.mul (f64x2.sub ${half === 'l' ? P.lo(v) : P.hi(v)} ${L(`m${half}`)}) ${L(`s${half}`)})`;
const xh1 = (addr) => `(f64.mul (f64.sub ${P.one(addr)} ${L('m1')}) ${L('s1')})`;

// clSums: acc[c] += x[r, c]; clSqDev: acc[c] += (x[r, c] - m[c])^2.
const clSums = `
  (func (export "clSums") (param $x i32) (param $R i32) (param $L i32) (param $acc i32)
    (local $v v128) (local $v2 v128) (local $rb i32) ${clBounds}
    ${clPairs(
      `(local.set $v (v128.load (local.get $x))) (local.set $v2 (v128.load ${r2('$x')}))
        ${acc2('$acc', P.lo(L('v')), P.lo(L('v2')), P.hi(L('v')), P.hi(L('v2')))}`,
      acc21('$acc', P.one('(local.get $x)'), P.one(r2('$x'))),
      ['$x'],
    )}
    ${clRows(
      '',
      `(local.set $v (v128.load (local.get $x)))
        ${accAt('$acc', P.lo('(local.get $v)'), P.hi('(local.get $v)'))}`,
      accAt1('$acc', P.one('(local.get $x)')),
    )})`;
const clSqDev = `
  (func (export "clSqDev") (param $x i32) (param $R i32) (param $L i32) (param $m i32) (param $acc i32)
    (local $v v128) (local $cl v128) (local $ch v128) (local $c f64)
    (local $v2 v128) (local $cl2 v128) (local $ch2 v128) (local $c2 f64) ${pairLocals(['m'])} ${clBounds}
    ${clPairs(
      `${clLoad4('m', '$m')}
        (local.set $v (v128.load (local.get $x))) (local.set $v2 (v128.load ${r2('$x')}))
        (local.set $cl (f64x2.sub ${P.lo(L('v'))} ${L('ml')})) (local.set $ch (f64x2.sub ${P.hi(L('v'))} ${L('mh')}))
        (local.set $cl2 (f64x2.sub ${P.lo(L('v2'))} ${L('ml')})) (local.set $ch2 (f64x2.sub ${P.hi(L('v2'))} ${L('mh')}))
        ${acc2('$acc', `(f64x2.mul ${L('cl')} ${L('cl')})`, `(f64x2.mul ${L('cl2')} ${L('cl2')})`, `(f64x2.mul ${L('ch')} ${L('ch')})`, `(f64x2.mul ${L('ch2')} ${L('ch2')})`)}`,
      `${clLoad1('m', '$m')}
        (local.set $c (f64.sub ${P.one('(local.get $x)')} ${L('m1')})) (local.set $c2 (f64.sub ${P.one(r2('$x'))} ${L('m1')}))
        ${acc21('$acc', `(f64.mul ${L('c')} ${L('c')})`, `(f64.mul ${L('c2')} ${L('c2')})`)}`,
      ['$x'],
    )}
    ${clRows(
      '',
      `(local.set $v (v128.load (local.get $x)))
        (local.set $cl (f64x2.sub ${P.lo('(local.get $v)')} ${at('$m')}))
        (local.set $ch (f64x2.sub ${P.hi('(local.get $v)')} ${at('$m', true)}))
        ${accAt('$acc', '(f64x2.mul (local.get $cl) (local.get $cl))', '(f64x2.mul (local.get $ch) (local.get $ch))')}`,
      `(local.set $c (f64.sub ${P.one('(local.get $x)')} ${at1('$m')}))
        ${accAt1('$acc', '(f64.mul (local.get $c) (local.get $c))')}`,
    )})`;
// clFwd: y = (x - m[c]) * s[c] * w[c] + b[c].
const clFwd = `
  (func (export "clFwd") (param $x i32) (param $y i32) (param $R i32) (param $L i32) (param $m i32) (param $s i32) (param $w i32) (param $b i32)
    ${xhatLocals} (local $v2 v128) ${pairLocals(['m', 's', 'w', 'b'])} ${clBounds}
    ${clPairs(
      `${clLoad4('m', '$m')} ${clLoad4('s', '$s')} ${clLoad4('w', '$w')} ${clLoad4('b', '$b')}
        (local.set $v (v128.load (local.get $x))) (local.set $v2 (v128.load ${r2('$x')}))
        (v128.store (local.get $y) ${P.pack(
          `(f64x2.add (f64x2.mul ${xh(L('v'), 'l')} ${L('wl')}) ${L('bl')})`,
          `(f64x2.add (f64x2.mul ${xh(L('v'), 'h')} ${L('wh')}) ${L('bh')})`,
        )})
        (v128.store ${r2('$y')} ${P.pack(
          `(f64x2.add (f64x2.mul ${xh(L('v2'), 'l')} ${L('wl')}) ${L('bl')})`,
          `(f64x2.add (f64x2.mul ${xh(L('v2'), 'h')} ${L('wh')}) ${L('bh')})`,
        )})`,
      `${clLoad1('m', '$m')} ${clLoad1('s', '$s')} ${clLoad1('w', '$w')} ${clLoad1('b', '$b')}
        (f32.store (local.get $y) (f32.demote_f64 (f64.add (f64.mul ${xh1('(local.get $x)')} ${L('w1')}) ${L('b1')})))
        (f32.store ${r2('$y')} (f32.demote_f64 (f64.add (f64.mul ${xh1(r2('$x'))} ${L('w1')}) ${L('b1')})))`,
      ['$x', '$y'],
    )}
    ${clRows(
      '',
      `${clXhat4}
        (v128.store (local.get $y) ${P.pack(
          `(f64x2.add (f64x2.mul (local.get $xl) ${at('$w')}) ${at('$b')})`,
          `(f64x2.add (f64x2.mul (local.get $xh) ${at('$w', true)}) ${at('$b', true)})`,
        )})
        (local.set $y (i32.add (local.get $y) (i32.const 16)))`,
      `${clXhat1}
        (f32.store (local.get $y) (f32.demote_f64 (f64.add (f64.mul (local.get $xs) ${at1('$w')}) ${at1('$b')})))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))`,
    )})`;
// clBwd: with xhat = (x - m[c]) * s[c], gy = g * w[c]: a[c] += gy, c[c] += gy * xhat, dw[c] += g * xhat, db[c] += g.
const clBwd = `
  (func (export "clBwd") (param $x i32) (param $g i32) (param $R i32) (param $L i32) (param $m i32) (param $s i32) (param $w i32) (param $a i32) (param $c i32) (param $dw i32) (param $db i32)
    (local $gv v128) (local $gl v128) (local $gh v128) (local $yl v128) (local $yh v128) (local $gs f64) (local $ys f64) ${xhatLocals}
    (local $v2 v128) (local $gv2 v128) (local $gl2 v128) (local $gh2 v128) (local $yl2 v128) (local $yh2 v128) (local $xl2 v128) (local $xh2 v128)
    (local $gs2 f64) (local $ys2 f64) (local $xs2 f64) ${pairLocals(['m', 's', 'w'])} ${clBounds}
    ${clPairs(
      `${clLoad4('m', '$m')} ${clLoad4('s', '$s')} ${clLoad4('w', '$w')}
        (local.set $v (v128.load (local.get $x))) (local.set $v2 (v128.load ${r2('$x')}))
        (local.set $xl ${xh(L('v'), 'l')}) (local.set $xh ${xh(L('v'), 'h')})
        (local.set $xl2 ${xh(L('v2'), 'l')}) (local.set $xh2 ${xh(L('v2'), 'h')})
        (local.set $gv (v128.load (local.get $g))) (local.set $gv2 (v128.load ${r2('$g')}))
        (local.set $gl ${P.lo(L('gv'))}) (local.set $gh ${P.hi(L('gv'))})
        (local.set $gl2 ${P.lo(L('gv2'))}) (local.set $gh2 ${P.hi(L('gv2'))})
        (local.set $yl (f64x2.mul ${L('gl')} ${L('wl')})) (local.set $yh (f64x2.mul ${L('gh')} ${L('wh')}))
        (local.set $yl2 (f64x2.mul ${L('gl2')} ${L('wl')})) (local.set $yh2 (f64x2.mul ${L('gh2')} ${L('wh')}))
        ${acc2('$a', L('yl'), L('yl2'), L('yh'), L('yh2'))}
        ${acc2('$c', `(f64x2.mul ${L('yl')} ${L('xl')})`, `(f64x2.mul ${L('yl2')} ${L('xl2')})`, `(f64x2.mul ${L('yh')} ${L('xh')})`, `(f64x2.mul ${L('yh2')} ${L('xh2')})`)}
        ${acc2('$dw', `(f64x2.mul ${L('gl')} ${L('xl')})`, `(f64x2.mul ${L('gl2')} ${L('xl2')})`, `(f64x2.mul ${L('gh')} ${L('xh')})`, `(f64x2.mul ${L('gh2')} ${L('xh2')})`)}
        ${acc2('$db', L('gl'), L('gl2'), L('gh'), L('gh2'))}`,
      `${clLoad1('m', '$m')} ${clLoad1('s', '$s')} ${clLoad1('w', '$w')}
        (local.set $xs ${xh1('(local.get $x)')}) (local.set $xs2 ${xh1(r2('$x'))})
        (local.set $gs ${P.one('(local.get $g)')}) (local.set $gs2 ${P.one(r2('$g'))})
        (local.set $ys (f64.mul ${L('gs')} ${L('w1')})) (local.set $ys2 (f64.mul ${L('gs2')} ${L('w1')}))
        ${acc21('$a', L('ys'), L('ys2'))}
        ${acc21('$c', `(f64.mul ${L('ys')} ${L('xs')})`, `(f64.mul ${L('ys2')} ${L('xs2')})`)}
        ${acc21('$dw', `(f64.mul ${L('gs')} ${L('xs')})`, `(f64.mul ${L('gs2')} ${L('xs2')})`)}
        ${acc21('$db', L('gs'), L('gs2'))}`,
      ['$x', '$g'],
    )}
    ${clRows(
      '',
      `${clXhat4}
        (local.set $gv (v128.load (local.get $g)))
        (local.set $gl ${P.lo('(local.get $gv)')}) (local.set $gh ${P.hi('(local.get $gv)')})
        (local.set $yl (f64x2.mul (local.get $gl) ${at('$w')}))
        (local.set $yh (f64x2.mul (local.get $gh) ${at('$w', true)}))
        ${accAt('$a', '(local.get $yl)', '(local.get $yh)')}
        ${accAt('$c', '(f64x2.mul (local.get $yl) (local.get $xl))', '(f64x2.mul (local.get $yh) (local.get $xh))')}
        ${accAt('$dw', '(f64x2.mul (local.get $gl) (local.get $xl))', '(f64x2.mul (local.get $gh) (local.get $xh))')}
        ${accAt('$db', '(local.get $gl)', '(local.get $gh)')}
        (local.set $g (i32.add (local.get $g) (i32.const 16)))`,
      `${clXhat1}
        (local.set $gs ${P.one('(local.get $g)')})
        (local.set $ys (f64.mul (local.get $gs) ${at1('$w')}))
        ${accAt1('$a', '(local.get $ys)')}
        ${accAt1('$c', '(f64.mul (local.get $ys) (local.get $xs))')}
        ${accAt1('$dw', '(f64.mul (local.get $gs) (local.get $xs))')}
        ${accAt1('$db', '(local.get $gs)')}
        (local.set $g (i32.add (local.get $g) (i32.const 4)))`,
    )})`;
// clGrad: o = s[c] * ((g * w[c] - ma[c]) - xhat * mc[c]).
const clGrad = `
  (func (export "clGrad") (param $x i32) (param $g i32) (param $o i32) (param $R i32) (param $L i32) (param $m i32) (param $s i32) (param $w i32) (param $ma i32) (param $mc i32)
    (local $gv v128) ${xhatLocals} (local $v2 v128) (local $gv2 v128) ${pairLocals(['m', 's', 'w', 'a', 'c'])} ${clBounds}
    ${clPairs(
      `${clLoad4('m', '$m')} ${clLoad4('s', '$s')} ${clLoad4('w', '$w')} ${clLoad4('a', '$ma')} ${clLoad4('c', '$mc')}
        (local.set $v (v128.load (local.get $x))) (local.set $v2 (v128.load ${r2('$x')}))
        (local.set $gv (v128.load (local.get $g))) (local.set $gv2 (v128.load ${r2('$g')}))
        (v128.store (local.get $o) ${P.pack(
          `(f64x2.mul ${L('sl')} (f64x2.sub (f64x2.sub (f64x2.mul ${P.lo(L('gv'))} ${L('wl')}) ${L('al')}) (f64x2.mul ${xh(L('v'), 'l')} ${L('cl')})))`,
          `(f64x2.mul ${L('sh')} (f64x2.sub (f64x2.sub (f64x2.mul ${P.hi(L('gv'))} ${L('wh')}) ${L('ah')}) (f64x2.mul ${xh(L('v'), 'h')} ${L('ch')})))`,
        )})
        (v128.store ${r2('$o')} ${P.pack(
          `(f64x2.mul ${L('sl')} (f64x2.sub (f64x2.sub (f64x2.mul ${P.lo(L('gv2'))} ${L('wl')}) ${L('al')}) (f64x2.mul ${xh(L('v2'), 'l')} ${L('cl')})))`,
          `(f64x2.mul ${L('sh')} (f64x2.sub (f64x2.sub (f64x2.mul ${P.hi(L('gv2'))} ${L('wh')}) ${L('ah')}) (f64x2.mul ${xh(L('v2'), 'h')} ${L('ch')})))`,
        )})`,
      `${clLoad1('m', '$m')} ${clLoad1('s', '$s')} ${clLoad1('w', '$w')} ${clLoad1('a', '$ma')} ${clLoad1('c', '$mc')}
        (f32.store (local.get $o) (f32.demote_f64 (f64.mul ${L('s1')} (f64.sub (f64.sub
          (f64.mul ${P.one('(local.get $g)')} ${L('w1')}) ${L('a1')}) (f64.mul ${xh1('(local.get $x)')} ${L('c1')})))))
        (f32.store ${r2('$o')} (f32.demote_f64 (f64.mul ${L('s1')} (f64.sub (f64.sub
          (f64.mul ${P.one(r2('$g'))} ${L('w1')}) ${L('a1')}) (f64.mul ${xh1(r2('$x'))} ${L('c1')})))))`,
      ['$x', '$g', '$o'],
    )}
    ${clRows(
      '',
      `${clXhat4}
        (local.set $gv (v128.load (local.get $g)))
        (v128.store (local.get $o) ${P.pack(
          `(f64x2.mul ${at('$s')} (f64x2.sub (f64x2.sub (f64x2.mul ${P.lo('(local.get $gv)')} ${at('$w')}) ${at('$ma')}) (f64x2.mul (local.get $xl) ${at('$mc')})))`,
          `(f64x2.mul ${at('$s', true)} (f64x2.sub (f64x2.sub (f64x2.mul ${P.hi('(local.get $gv)')} ${at('$w', true)}) ${at('$ma', true)}) (f64x2.mul (local.get $xh) ${at('$mc', true)})))`,
        )})
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))`,
      `${clXhat1}
        (f32.store (local.get $o) (f32.demote_f64 (f64.mul ${at1('$s')} (f64.sub (f64.sub
          (f64.mul ${P.one('(local.get $g)')} ${at1('$w')}) ${at1('$ma')}) (f64.mul (local.get $xs) ${at1('$mc')})))))
        (local.set $g (i32.add (local.get $g) (i32.const 4)))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))`,
    )})`;

// The normalization kernels are a module of their own (only bundles that use batchNorm / layerNorm carry it), with
// its own memory: src/wasm/norm.ts lays it out (26 pages: three float32 blocks, the per-row and per-column arrays;
// the output block and everything after it a page on, see SKEW in src/wasm/layout.ts).
const normWat = `;; Generated by scripts/build-wasm.mjs — do not edit by hand.
;; WebAssembly SIMD kernels of @dl/tensor's fused batch / layer normalization (float32 data, float64 arithmetic).
(module
  (memory (export "memory") 26)
${normSums}
${normSqDev}
${normFwd(true)}
${normFwd(false)}
${normBwd(true)}
${normBwd(false)}
${normGrad(true)}
${normGrad(false)}
${clSums}
${clSqDev}
${clFwd}
${clBwd}
${clGrad}
)
`;

// The activation kernels: a third module (scripts/wasm-activations.mjs), with the same four-lane exponential.
const actWat = activationModule({ expf4, expf4Normal, expf4Locals, fsplat });
// The long-tail elementwise kernels (log, expm1, elu family, softplus, ...): a module of their own (scripts/wasm-unary.mjs).
const unaryWat = unaryModule({ expf4, expf4Normal, expf4Locals, fsplat, EXPF });
const pointwiseWat = unaryModule({ expf4, expf4Locals, fsplat }, 'pointwise');
// erf, erfc, mish (forward and backward): a module of their own (scripts/wasm-special.mjs).
const specialWat = specialModule({ expf4, expf4Locals, fsplat });
// maximum, minimum, the comparisons and where: a module of their own (scripts/wasm-compare.mjs).
const compareWat = compareModule();
const whereWat = whereModule();
// sin and cos: a module of their own (scripts/wasm-trig.mjs).
const trigWat = trigModule({ fsplat });
// The one-thread matrix product: the same functions on a memory of the module's own (16 pages, grown by
// src/wasm/matmul.ts), so bundles without matmul / linear carry none of it.
const matmulWat = `;; Generated by scripts/build-wasm.mjs — do not edit by hand.
;; The float32 matrix product of @dl/tensor (one thread). Pointers are byte offsets.
(module
  (memory (export "memory") 16)
${packA}
${packB}
${sgemm}
${gemm}
${addRows}
)
`;
// Dropout (src/ops/dropout.ts's float32 path, src/wasm/dropout.ts): xoshiro128** (the state at $st, read and written
// back) drawing one uint32 u per element, kept when (u >>> 8) < bound = ceil(keep 2^24); mask = kept ? scale : 0 and
// out = fl(x * mask), the JavaScript loop's values and random stream bit for bit. Two passes over a block: the
// scalar state chain (the only serial part) stores each step's s1 in the out block; then four lanes at a time
// scramble it (u = rotl(5 s1, 7) 9), build the mask from the compare's bits (all ones AND the bits of scale: a
// float `select` is compiled to a branch, which mispredicts on half the elements of a random mask: 2x slower) and
// multiply. The second pass runs n rounded up to 4 (the blocks are multiples of 4 long; the caller copies n values
// out). A module of its own (4 pages: blocks of 16,384 values of x, mask and out, then the state:
// src/wasm/dropout.ts), so only bundles using dropout carry it.
const dropoutWat = `;; Generated by scripts/build-wasm.mjs — do not edit by hand.
;; The float32 dropout of @dl/tensor: mask generation and application. Pointers are byte offsets.
(module
  (memory (export "memory") 4)
  (func (export "dropout") (param $x i32) (param $mask i32) (param $out i32) (param $n i32) (param $bound i32) (param $scale f32) (param $st i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $t i32) (local $p i32) (local $end i32)
    (local $v v128) (local $bv v128) (local $sv v128) (local $five v128) (local $nine v128)
    (local.set $s0 (i32.load (local.get $st)))
    (local.set $s1 (i32.load offset=4 (local.get $st)))
    (local.set $s2 (i32.load offset=8 (local.get $st)))
    (local.set $s3 (i32.load offset=12 (local.get $st)))
    (local.set $p (local.get $out))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (i32.store (local.get $p) (local.get $s1))
      (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
      (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
      (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
      (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
      (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
      (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
      (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br $next)))
    (i32.store (local.get $st) (local.get $s0))
    (i32.store offset=4 (local.get $st) (local.get $s1))
    (i32.store offset=8 (local.get $st) (local.get $s2))
    (i32.store offset=12 (local.get $st) (local.get $s3))
    (local.set $bv (i32x4.splat (local.get $bound)))
    (local.set $sv (f32x4.splat (local.get $scale)))
    (local.set $five (i32x4.splat (i32.const 5)))
    (local.set $nine (i32x4.splat (i32.const 9)))
    (local.set $p (i32.const 0))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $done4 (loop $next4
      (br_if $done4 (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $v (i32x4.mul (v128.load (i32.add (local.get $out) (local.get $p))) (local.get $five)))
      (local.set $v (v128.or (i32x4.shl (local.get $v) (i32.const 7)) (i32x4.shr_u (local.get $v) (i32.const 25))))
      (local.set $v (i32x4.shr_u (i32x4.mul (local.get $v) (local.get $nine)) (i32.const 8)))
      (local.set $v (v128.and (i32x4.lt_s (local.get $v) (local.get $bv)) (local.get $sv)))
      (v128.store (i32.add (local.get $mask) (local.get $p)) (local.get $v))
      (v128.store (i32.add (local.get $out) (local.get $p)) (f32x4.mul (v128.load (i32.add (local.get $x) (local.get $p))) (local.get $v)))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $next4))))
)
`;
// The matrix product for worker threads (src/threads/*): the same functions on a SHARED memory that the module
// imports (every thread instantiates it on the one memory); each thread calls gemm for its rows. Only bundles that
// turn threads on (setNumThreads) carry it.
const matmulSharedWat = `;; Generated by scripts/build-wasm.mjs — do not edit by hand.
;; The float32 matrix product of @dl/tensor on a shared memory (worker threads). Pointers are byte offsets.
(module
  (import "env" "memory" (memory 1 65536 shared))
${packA}
${packB}
${sgemm}
${gemm}
)
`;

const wabt = await wabtInit();
const outputs = [
  ['kernels', wat, 'KERNELS_WASM', 'kernelsWasm', 'The compiled WebAssembly SIMD kernels'],
  ['normKernels', normWat, 'NORM_KERNELS_WASM', 'normKernelsWasm', 'The compiled normalization kernels'],
  ['actKernels', actWat, 'ACT_KERNELS_WASM', 'actKernelsWasm', 'The compiled activation kernels'],
  [
    'unaryKernels',
    unaryWat,
    'UNARY_KERNELS_WASM',
    'unaryKernelsWasm',
    'The compiled long-tail elementwise kernels',
  ],
  [
    'pointwiseKernels',
    pointwiseWat,
    'POINTWISE_KERNELS_WASM',
    'pointwiseKernelsWasm',
    'The compiled pointwise elementwise kernels',
  ],
  [
    'specialKernels',
    specialWat,
    'SPECIAL_KERNELS_WASM',
    'specialKernelsWasm',
    'The compiled special-function kernels (erf, erfc, mish)',
  ],
  [
    'compareKernels',
    compareWat,
    'COMPARE_KERNELS_WASM',
    'compareKernelsWasm',
    'The compiled comparison kernels (maximum, minimum, comparisons)',
  ],
  ['trigKernels', trigWat, 'TRIG_KERNELS_WASM', 'trigKernelsWasm', 'The compiled sine and cosine'],
  ['whereKernels', whereWat, 'WHERE_KERNELS_WASM', 'whereKernelsWasm', 'The compiled kernels of where'],
  [
    'softmaxKernels',
    softmaxWat,
    'SOFTMAX_KERNELS_WASM',
    'softmaxKernelsWasm',
    'The compiled softmax kernels',
  ],
  ['ceKernels', ceWat, 'CE_KERNELS_WASM', 'ceKernelsWasm', 'The compiled softmax cross-entropy kernels'],
  [
    'matmulKernels',
    matmulWat,
    'MATMUL_KERNELS_WASM',
    'matmulKernelsWasm',
    'The compiled matrix product (one thread)',
  ],
  [
    'dropoutKernels',
    dropoutWat,
    'DROPOUT_KERNELS_WASM',
    'dropoutKernelsWasm',
    'The compiled float32 dropout',
  ],
  [
    'deviceKernels',
    deviceModule(),
    'DEVICE_KERNELS_WASM',
    'deviceKernelsWasm',
    "The compiled fused update kernels of the wasm device (on the device's memory)",
  ],
  [
    'matmulShared',
    matmulSharedWat,
    'MATMUL_SHARED_WASM',
    'matmulSharedWasm',
    'The compiled matrix product on a shared memory (worker threads)',
  ],
].map(([name, text, constant, file, what]) => {
  const features = { simd: true, bulk_memory: true, threads: true };
  const parsed = wabt.parseWat(`${name}.wat`, text, features);
  parsed.validate(features);
  const bytes = Buffer.from(parsed.toBinary({}).buffer);
  parsed.destroy();
  const ts = `// Generated by scripts/build-wasm.mjs from ${name}.wat — do not edit by hand.
/** @internal ${what} (${bytes.length} bytes), one character per byte (see @dl/internal's wasmBytes). */
export const ${constant} =
  '${byteString(bytes)}';
`;
  return {
    files: [
      [join(here, `../src/wasm/${name}.wat`), text],
      [join(here, `../src/wasm/${file}.ts`), ts],
    ],
    size: `${name} ${bytes.length} bytes`,
  };
});
const sizes = outputs.map((o) => o.size).join(', ');
const files = outputs.flatMap((o) => o.files);
if (process.argv.includes('--check')) {
  const same = (p, s) => {
    try {
      return readFileSync(p, 'utf8') === s;
    } catch {
      return false;
    }
  };
  if (!files.every(([p, s]) => same(p, s))) {
    console.error('src/wasm is stale: run node scripts/build-wasm.mjs');
    process.exit(1);
  }
  console.log(`src/wasm is up to date (${sizes})`);
} else {
  for (const [p, s] of files) writeFileSync(p, s);
  console.log(
    `wrote src/wasm/{kernels,normKernels,actKernels,unaryKernels,pointwiseKernels,specialKernels,compareKernels,whereKernels,trigKernels,softmaxKernels,ceKernels,matmulKernels,matmulShared,dropoutKernels,deviceKernels}.wat and their *Wasm.ts (${sizes})`,
  );
}
