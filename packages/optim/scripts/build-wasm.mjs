// Generates src/wasm/kernels.wat (WebAssembly text) and src/wasm/kernelsWasm.ts (the binary, base64) for the
// fused float32 optimizer steps of @dl/optim, with wabt. Edit this script, never the generated files; the test
// test/wasm.test.ts fails when they are stale and checks every kernel against the JavaScript loop bit for bit.
//
//   node scripts/build-wasm.mjs          (write)    node scripts/build-wasm.mjs --check   (exit 1 when stale)
//
// The module imports its memory (`env.memory`): the optimizer facade gives each optimizer a memory of its own that
// holds the optimizer's state resident (only parameters and gradients are streamed through a scratch block), the
// composable form uses one shared memory with the scratch block alone. Every kernel takes byte offsets into that
// memory and an element count that is a multiple of 4 (arrays are padded to 16 bytes).
//
// Numerics: every float32 operation of the JavaScript loop (src/_rules.ts) is one f32x4 lane operation here
// (+, *, /, sqrt of float32 values computed in float64 and rounded once give the correctly rounded float32
// result). The loop's fused steps `R(a + b * c)` (PyTorch's FMA in add-with-alpha / addcmul) are computed as the
// JavaScript does: promoted to f64x2, the exact product added in float64, then demoted. Each kernel is generated
// once per combination of its options (no branch in the loop), with its constants splatted before the loop.
import { readFileSync, writeFileSync } from 'node:fs';
import wabtInit from 'wabt';

const HI = 'i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7';
const JOIN = 'i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23';
const get = (x) => `(local.get $${x})`;
const set = (x, e) => `(local.set $${x} ${e})`;
/** `lo`, `hi` = the two halves of the f32x4 local `x` promoted to f64x2. */
const split = (x, lo, hi) =>
  `${set(lo, `(f64x2.promote_low_f32x4 ${get(x)})`)} ${set(hi, `(f64x2.promote_low_f32x4 (${HI} ${get(x)} ${get(x)}))`)}`;
/** `dst` = round(a + b * c) lane by lane, a b c given as f64x2 halves (locals). */
const fused = (dst, [al, ah], [bl, bh], [cl, ch]) =>
  set(
    dst,
    `(${JOIN} (f32x4.demote_f64x2_zero (f64x2.add ${get(al)} (f64x2.mul ${get(bl)} ${get(cl)}))) (f32x4.demote_f64x2_zero (f64x2.add ${get(ah)} (f64x2.mul ${get(bh)} ${get(ch)}))))`,
  );
const splat32 = (x) => set(x.toUpperCase(), `(f32x4.splat ${get(x)})`);
const splat64 = (x) => set(`${x.toUpperCase()}64`, `(f64x2.splat (f64.promote_f32 ${get(x)}))`);
const loop = (body) => `(local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      ${body}
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $next)))`;
const at = (base) => `(i32.add (local.get $${base}) (local.get $i))`;
const load = (base) => `(v128.load ${at(base)})`;
const store = (base, x) => `(v128.store ${at(base)} ${get(x)})`;
const v128s = (...xs) => xs.map((x) => `(local $${x} v128)`).join(' ');

/**
 * Adam / AdamW. mode: 'decoupled' (AdamW: p *= 1 - lr wd), 'l2' (d += wd p), 'plain'; amsgrad keeps the maximum
 * of the second moments at x. Pointers p g m v x, n elements; scalars rounded to float32 by the caller.
 */
function adam(mode, amsgrad) {
  const name = `adam_${mode}${amsgrad ? '_amsgrad' : ''}`;
  const body = [
    set('d', load('g')),
    `(if (local.get $maximize) (then ${set('d', `(f32x4.neg ${get('d')})`)}))`,
    set('p0', load('p')),
    mode === 'decoupled' ? set('p0', `(f32x4.mul ${get('p0')} ${get('DECAY')})`) : '',
    mode === 'l2'
      ? `${split('d', 'dl', 'dh')} ${split('p0', 'al', 'ah')} ${fused('d', ['dl', 'dh'], ['WD64', 'WD64'], ['al', 'ah'])}`
      : '',
    split('d', 'dl', 'dh'),
    // m = R(R(m b1) + d c1)
    set('a', `(f32x4.mul ${load('m')} ${get('B1')})`),
    split('a', 'al', 'ah'),
    fused('mm', ['al', 'ah'], ['dl', 'dh'], ['C164', 'C164']),
    store('m', 'mm'),
    // v = R(R(v b2) + R(c2 d) d)
    set('a', `(f32x4.mul ${load('v')} ${get('B2')})`),
    set('b', `(f32x4.mul ${get('C2')} ${get('d')})`),
    split('a', 'al', 'ah'),
    split('b', 'bl', 'bh'),
    fused('vv', ['al', 'ah'], ['bl', 'bh'], ['dl', 'dh']),
    store('v', 'vv'),
    amsgrad ? `${set('vv', `(f32x4.max ${load('x')} ${get('vv')})`)} ${store('x', 'vv')}` : '',
    // p = R(p + R(R(ss m) / R(R(sqrt(v) / bc2) + eps)))
    `(v128.store ${at('p')} (f32x4.add ${get('p0')} (f32x4.div (f32x4.mul ${get('SS')} ${get('mm')})
        (f32x4.add (f32x4.div (f32x4.sqrt ${get('vv')}) ${get('BC2')}) ${get('EPS')}))))`,
  ]
    .filter(Boolean)
    .join('\n      ');
  return `  (func (export "${name}") (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $x i32)
    (param $n i32) (param $maximize i32)
    (param $b1 f32) (param $c1 f32) (param $b2 f32) (param $c2 f32) (param $bc2 f32) (param $eps f32)
    (param $ss f32) (param $wd f32) (param $decay f32)
    (local $i i32) (local $end i32)
    ${v128s('d', 'p0', 'a', 'b', 'mm', 'vv', 'dl', 'dh', 'al', 'ah', 'bl', 'bh')}
    ${v128s('B1', 'C164', 'B2', 'C2', 'BC2', 'EPS', 'SS', 'WD64', 'DECAY')}
    ${splat32('b1')} ${splat64('c1')} ${splat32('b2')} ${splat32('c2')} ${splat32('bc2')} ${splat32('eps')}
    ${splat32('ss')} ${splat64('wd')} ${splat32('decay')}
    ${loop(body)})`;
}

/**
 * SGD. buf: 'none' (no momentum), 'first' (buffer = d, the first step), 'later' (buffer = R(R(buf mom) + damp d));
 * nesterov: d = R(d + mom buffer). Pointers p g b, n elements; wd != 0 adds R(d + wd p).
 */
function sgd(buf, nesterov) {
  const name = `sgd_${buf}${nesterov ? '_nesterov' : ''}`;
  const body = [
    set('d', load('g')),
    `(if (local.get $maximize) (then ${set('d', `(f32x4.neg ${get('d')})`)}))`,
    set('p0', load('p')),
    split('p0', 'pl', 'ph'),
    `(if (local.get $decay) (then ${split('d', 'dl', 'dh')} ${fused('d', ['dl', 'dh'], ['WD64', 'WD64'], ['pl', 'ph'])}))`,
    buf === 'first' ? store('b', 'd') : '',
    buf === 'later'
      ? `${set('a', `(f32x4.mul ${load('b')} ${get('MOM')})`)} ${split('a', 'al', 'ah')} ${split('d', 'dl', 'dh')}
      ${fused('bb', ['al', 'ah'], ['DAMP64', 'DAMP64'], ['dl', 'dh'])} ${store('b', 'bb')}`
      : '',
    buf === 'first' ? set('bb', get('d')) : '',
    buf !== 'none' && nesterov
      ? `${split('d', 'dl', 'dh')} ${split('bb', 'bl', 'bh')} ${fused('d', ['dl', 'dh'], ['MOM64', 'MOM64'], ['bl', 'bh'])}`
      : buf !== 'none'
        ? set('d', get('bb'))
        : '',
    split('d', 'dl', 'dh'),
    fused('p0', ['pl', 'ph'], ['NLR64', 'NLR64'], ['dl', 'dh']),
    store('p', 'p0'),
  ]
    .filter(Boolean)
    .join('\n      ');
  return `  (func (export "${name}") (param $p i32) (param $g i32) (param $b i32) (param $n i32) (param $maximize i32)
    (param $mom f32) (param $damp f32) (param $wd f32) (param $nlr f32)
    (local $i i32) (local $end i32) (local $decay i32)
    ${v128s('d', 'p0', 'a', 'bb', 'dl', 'dh', 'pl', 'ph', 'al', 'ah', 'bl', 'bh')}
    ${v128s('MOM', 'MOM64', 'DAMP64', 'WD64', 'NLR64')}
    (local.set $decay (f32.ne (local.get $wd) (f32.const 0)))
    ${splat32('mom')} ${splat64('mom')} ${splat64('damp')} ${splat64('wd')} ${splat64('nlr')}
    ${loop(body)})`;
}

/** 1 when the n float32 values at x are all finite, else 0 (x - x is 0 exactly for finite values, NaN otherwise). */
const finite = `  (func (export "finite") (param $x i32) (param $n i32) (result i32)
    (local $i i32) (local $end i32) (local $acc v128) (local $s f32)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $acc (v128.or (local.get $acc)
        (f32x4.ne (f32x4.sub (v128.load ${at('x')}) (v128.load ${at('x')})) (v128.const i32x4 0 0 0 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $next)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $s (f32.load ${at('x')}))
      (if (f32.ne (f32.sub (local.get $s) (local.get $s)) (f32.const 0)) (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $next)))
    (i32.eqz (v128.any_true (local.get $acc))))`;

const funcs = [finite];
for (const mode of ['plain', 'l2', 'decoupled']) for (const ams of [false, true]) funcs.push(adam(mode, ams));
funcs.push(sgd('none', false));
for (const buf of ['first', 'later']) for (const nest of [false, true]) funcs.push(sgd(buf, nest));

const wat = `(module
  (import "env" "memory" (memory 1))
${funcs.join('\n')}
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
`;
const watPath = new URL('../src/wasm/kernels.wat', import.meta.url);
const tsPath = new URL('../src/wasm/kernelsWasm.ts', import.meta.url);
if (process.argv.includes('--check')) {
  const stale = readFileSync(watPath, 'utf8') !== wat || readFileSync(tsPath, 'utf8') !== ts;
  if (stale) {
    console.error('src/wasm is stale: run node scripts/build-wasm.mjs');
    process.exit(1);
  }
} else if (process.argv.includes('--stdout')) {
  process.stdout.write(bytes.toString('base64'));
} else {
  writeFileSync(watPath, wat);
  writeFileSync(tsPath, ts);
  console.log(`wrote kernels.wat and kernelsWasm.ts (${bytes.length} bytes)`);
}
