// Generates src/wasm/kernels.wat (WebAssembly text) and src/wasm/kernelsWasm.ts (the binary as a string of one character per byte) for the
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
// JavaScript does: promoted to f64x2, the exact product added in float64, then demoted. (Rounding the product in
// float32 instead, which WebAssembly SIMD could do 3-4x faster, moves the results a last bit now and then, and
// this problem's parameters near zero then miss PyTorch's by up to 4e-5 relative: the oracles require 1e-6.)
// Each kernel is generated once per combination of its options, and the kernels of this module (adam, adamw,
// sgd) have no branch in their loops: maximize negates the gradient's scratch copy before the loop, and weight decay
// and dampening choose one of up to four loops before the loop (a branch in the loop halved their speed).
import { readFileSync, writeFileSync } from 'node:fs';
import wabtInit from 'wabt';
import { byteString } from '../../../scripts/wasm-bytes.mjs';

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
/** The scalars of the kernel being generated, in the order of their float32 slots at `$args` (see `header`). */
let scalarSlots = [];
const scalarAt = (x) => `(f32.load offset=${4 * scalarSlots.indexOf(x)} (local.get $args))`;
const splat32 = (x) =>
  set(x.toUpperCase(), `(v128.load32_splat offset=${4 * scalarSlots.indexOf(x)} (local.get $args))`);
const splat64 = (x) => set(`${x.toUpperCase()}64`, `(f64x2.splat (f64.promote_f32 ${scalarAt(x)}))`);
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
 * Every kernel has the same signature, so that one JavaScript streaming loop serves them all: the parameter and
 * gradient chunks, three state arrays (byte offsets; unused ones 0), the element count (a multiple of 4), option
 * flags (bit 1: maximize; the others per kernel) and the byte offset of the float32 scalars (named per kernel),
 * which the caller writes into the memory: only i32 parameters, so that engines call the kernels through their
 * fast JavaScript-to-WebAssembly path (V8 kept its generic wrapper for the twelve float32 parameters of session 2,
 * 57 ms of the digits job). `splat32`, `splat64` and `scalarAt` read them.
 */
const header = (name, states, scalars, checks = false) => {
  const st = [...states, '_s1', '_s2', '_s3'].slice(0, 3);
  scalarSlots = scalars;
  return `  (func (export "${name}") (param $p i32) (param $g i32) ${st.map((x) => `(param $${x} i32)`).join(' ')}
    (param $n i32) (param $flags i32) (param $args i32)${checks ? ' (result i32) (local $BAD v128) (local $EXPV v128)' : ''}
    (local $i i32) (local $end i32)`;
};
/**
 * The kernels of this module also check the gradient as they read it (the facade's `checkFinite: 'during'`): a
 * lane is NaN or infinite when its exponent bits are all ones; `$BAD` collects them (the gradient's 16 bytes
 * loaded once more whole: one load and three operations per four elements, against two halves checked apart)
 * and the kernel returns 1 when it saw one (the update is done all the same), else 0.
 */
const EXPBITS = '(v128.const i32x4 0x7f800000 0x7f800000 0x7f800000 0x7f800000)';
const initBad = set('EXPV', EXPBITS);
/**
 * Collects the non-finite lanes of the current 16 bytes of array `base` when flag bit 2 asks for the check (one
 * load and three operations; a branch the processor predicts, as the flag is the same for the whole call).
 */
const collectBad = (base) =>
  `(if ${flag(2)} (then ${set('BAD', `(v128.or ${get('BAD')} (i32x4.eq (v128.and ${load(base)} ${get('EXPV')}) ${get('EXPV')}))`)}))`;
const returnBad = '(v128.any_true (local.get $BAD))';
const flag = (bit) => `(i32.and (local.get $flags) (i32.const ${bit}))`;
/**
 * When maximizing (flag bit 1), the main module's kernels first negate the gradient in place, a multiplication by
 * -1 (exact, as the JavaScript's `-g`): the gradient they get is always the streaming loop's scratch copy
 * (src/wasm/stream.ts), a block in cache. Before session 6 every half of the loop multiplied it by a splat of ±1:
 * two multiplications per four elements, 10 % of the adamw loop over data in cache (0.88 -> 0.79 ns an element,
 * the same results bit for bit).
 */
const negateGradient = `(if ${flag(1)} (then ${loop(
  `(v128.store ${at('g')} (f32x4.mul ${load('g')} (v128.const f32x4 -1 -1 -1 -1)))`,
)} (local.set $i (i32.const 0))))`;
const negIfMaximize = `(if ${flag(1)} (then ${set('d', `(f32x4.neg ${get('d')})`)}))`;

// The kernels of this module work on halves: each 16-byte step of the loop is two 8-byte halves (two float32
// lanes), each loaded with v128.load64_zero, so that f64x2.promote_low_f32x4 reads it without a shuffle, and
// stored back with v128.store64_lane. Float32 operations on a half compute two lanes (the other two are zeros,
// never stored); the fused steps R(a + b c) promote, multiply-add in float64 and demote (exact products, as the
// JavaScript). Against promoting both halves of full vectors (a shuffle for the high half, one to join the two
// demoted halves): the adamw loop alone over data in cache 1.10 -> 0.85 ns an element (2026-12-02, load 0.3), the
// same float32 results bit for bit; a facade step at 1M parameters is bound by memory and did not move.
/** `(v128.load64_zero)` of the half `h` (0 or 1) of the current 16 bytes of array `base`. */
const load64 = (base, h) => `(v128.load64_zero ${h ? 'offset=8 ' : ''}${at(base)})`;
/** Stores the two low lanes of local `x` as half `h` of array `base`. */
const store64 = (base, h, x) => `(v128.store64_lane ${h ? 'offset=8 ' : ''}0 ${at(base)} ${get(x)})`;
const promote = (e) => `(f64x2.promote_low_f32x4 ${e})`;
const demote = (e) => `(f32x4.demote_f64x2_zero ${e})`;
/** R(a + b c) of two-lane float64 expressions, as a two-lane float32 value. */
const fma64 = (a, b, c) => demote(`(f64x2.add ${a} (f64x2.mul ${b} ${c}))`);
const mulf = (a, b) => `(f32x4.mul ${a} ${b})`;

/**
 * Adam / AdamW. mode: 'decoupled' (AdamW: p *= 1 - lr wd), 'l2' (d += wd p), 'plain'; amsgrad keeps the maximum
 * of the second moments at x. Pointers p g m v x, n elements; scalars rounded to float32 by the caller. The
 * moments are computed half by half (see above), the denominator and the parameter on the joined vectors.
 *
 * Software-pipelined by one group of four: each turn of the loop computes the moments of its group and the
 * parameter update of the previous group (16 bytes back) from the moments the previous turn joined (`pm`, `pv`);
 * the first turn has no update, the last group's comes after the loop. The update is a
 * chain of a square root and two divisions (~40 cycles of latency) that, behind its own group's moments, left
 * the processor too few independent operations to overlap with it: the adamw loop over data in cache went from
 * 1.90 to 1.56 ns an element (0.82x, interleaved A/B on the AMD EPYC of 2026-12-02, 21:40 UTC), the same results
 * bit for bit (the order of operations within each element is unchanged).
 */
function adam(mode, amsgrad) {
  const name = `adam_${mode}${amsgrad ? '_amsgrad' : ''}`;
  const half = (h) =>
    [
      // d = ±g (negated first when maximizing), then R(d + wd p) for the L2 penalty
      set('dg', load64('g', h)),
      mode === 'l2' ? set('dg', fma64(promote(get('dg')), get('WD64'), promote(load64('p', h)))) : '',
      set('dl', promote(get('dg'))),
      // m = R(R(m b1) + d c1)
      set(`m${h}`, fma64(promote(mulf(load64('m', h), get('B1'))), get('dl'), get('C164'))),
      store64('m', h, `m${h}`),
      // v = R(R(v b2) + R(c2 d) d)
      set(
        `v${h}`,
        fma64(promote(mulf(load64('v', h), get('B2'))), promote(mulf(get('dg'), get('C2'))), get('dl')),
      ),
      store64('v', h, `v${h}`),
      amsgrad
        ? `${set(`v${h}`, `(f32x4.max ${load64('x', h)} ${get(`v${h}`)})`)} ${store64('x', h, `v${h}`)}`
        : '',
    ]
      .filter(Boolean)
      .join('\n      ');
  const join = (x) => `(${JOIN} ${get(`${x}0`)} ${get(`${x}1`)})`;
  // p = R(p + R(R(ss m) / R(R(sqrt(v) / bc2) + eps))) of the previous group (at p + i - 16), from pm and pv
  const q = '(i32.sub (i32.add (local.get $p) (local.get $i)) (i32.const 16))';
  const p0 = mode === 'decoupled' ? mulf(`(v128.load ${q})`, get('DECAY')) : `(v128.load ${q})`;
  const update = `(v128.store ${q} (f32x4.add ${p0} (f32x4.div (f32x4.mul ${get('SS')} ${get('pm')})
        (f32x4.add (f32x4.div (f32x4.sqrt ${get('pv')}) ${get('BC2')}) ${get('EPS')}))))`;
  const body = [
    collectBad('g'),
    half(0),
    half(1),
    `(if (local.get $i) (then ${update}))`,
    `${set('pm', join('m'))} ${set('pv', join('v'))}`,
  ].join('\n      ');
  return `${header(name, ['m', 'v', 'x'], ['b1', 'c1', 'b2', 'c2', 'bc2', 'eps', 'ss', 'wd', 'decay'], true)}
    ${v128s('dg', 'dl', 'm0', 'm1', 'v0', 'v1', 'pm', 'pv')}
    ${v128s('B1', 'C164', 'B2', 'C2', 'BC2', 'EPS', 'SS', 'WD64', 'DECAY')}
    ${negateGradient} ${initBad}
    ${splat32('b1')} ${splat64('c1')} ${splat32('b2')} ${splat32('c2')} ${splat32('eps')}
    ${splat32('ss')} ${splat64('wd')} ${splat32('decay')} ${splat32('bc2')}
    ${loop(body)}
    (if (local.get $n) (then ${update}))
    ${returnBad})`;
}

/**
 * SGD. buf: 'none' (no momentum), 'first' (buffer = d, the first step), 'later' (buffer = R(R(buf mom) + damp d));
 * nesterov: d = R(d + mom buffer). Pointers p g b, n elements; wd != 0 adds R(d + wd p); then p = R(p + nlr d).
 * Half by half (see above); with damp 1 (no dampening) R(a + 1 d) is the float32 sum. One loop per combination of
 * weight decay and dampening, chosen before the loop.
 */
function sgd(buf, nesterov) {
  const name = `sgd_${buf}${nesterov ? '_nesterov' : ''}`;
  const body = (decay, damped) =>
    `${collectBad('g')}\n      ${[0, 1]
      .map((h) =>
        [
          set('d', load64('g', h)),
          set('pl', promote(load64('p', h))),
          decay ? set('d', fma64(promote(get('d')), get('WD64'), get('pl'))) : '',
          buf === 'first' ? store64('b', h, 'd') : '',
          buf === 'first' ? set('bb', get('d')) : '',
          buf === 'later' ? set('a', mulf(load64('b', h), get('MOM'))) : '',
          buf === 'later'
            ? damped
              ? set('bb', fma64(promote(get('a')), get('DAMP64'), promote(get('d'))))
              : set('bb', `(f32x4.add ${get('a')} ${get('d')})`)
            : '',
          buf === 'later' ? store64('b', h, 'bb') : '',
          buf !== 'none' && nesterov
            ? set('d', fma64(promote(get('d')), get('MOM64'), promote(get('bb'))))
            : buf !== 'none'
              ? set('d', get('bb'))
              : '',
          set('d', fma64(get('pl'), get('NLR64'), promote(get('d')))),
          store64('p', h, 'd'),
        ]
          .filter(Boolean)
          .join('\n      '),
      )
      .join('\n      ')}`;
  const loops = (decay, damped) => loop(body(decay, damped));
  const decays = (damped) =>
    `(if (f32.ne ${scalarAt('wd')} (f32.const 0)) (then ${loops(true, damped)}) (else ${loops(false, damped)}))`;
  return `${header(name, ['b'], ['mom', 'damp', 'wd', 'nlr'], true)}
    ${v128s('d', 'pl', 'a', 'bb')}
    ${v128s('MOM', 'MOM64', 'DAMP64', 'WD64', 'NLR64')}
    ${negateGradient} ${initBad}
    ${splat32('mom')} ${splat64('mom')} ${splat64('damp')} ${splat64('wd')} ${splat64('nlr')}
    ${buf === 'later' ? `(if (f32.ne ${scalarAt('damp')} (f32.const 1)) (then ${decays(true)}) (else ${decays(false)}))` : decays(false)}
    ${returnBad})`;
}

/**
 * 1 when the n float32 values at x are all finite, else 0: a value is NaN or infinite when its exponent bits are
 * all ones. Two vectors a turn (one load each), the tail element by element.
 */
const EXP = '(v128.const i32x4 0x7f800000 0x7f800000 0x7f800000 0x7f800000)';
const bad = (x) => `(i32x4.eq (v128.and ${x} ${EXP}) ${EXP})`;
const finite = `  (func (export "finite") (param $x i32) (param $n i32) (result i32)
    (local $i i32) (local $end i32) (local $acc v128) (local $acc2 v128)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $acc (v128.or (local.get $acc) ${bad(`(v128.load ${at('x')})`)}))
      (local.set $acc2 (v128.or (local.get $acc2) ${bad(`(v128.load offset=16 ${at('x')})`)}))
      (local.set $i (i32.add (local.get $i) (i32.const 32)))
      (br $next)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (if (i32.eq (i32.and (i32.load ${at('x')}) (i32.const 0x7f800000)) (i32.const 0x7f800000))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $next)))
    (i32.eqz (v128.any_true (v128.or (local.get $acc) (local.get $acc2)))))`;

const funcs = [finite];
for (const mode of ['plain', 'l2', 'decoupled']) for (const ams of [false, true]) funcs.push(adam(mode, ams));
funcs.push(sgd('none', false));
for (const buf of ['first', 'later']) for (const nest of [false, true]) funcs.push(sgd(buf, nest));

const wat = `(module
  (import "env" "memory" (memory 1))
${funcs.join('\n')}
)
`;

// ---- the second module: the other PyTorch optimizers (loaded only when one of them runs) ----
// Option flags are tested in the loop here (bit 1 maximize, 2 L2 weight decay, then per kernel); each kernel
// follows its JavaScript loop in src/_rules.ts operation for operation.
const f32 = (op, ...xs) => `(f32x4.${op} ${xs.join(' ')})`;
/** `dst` = R(a + b c) for f32x4 locals a b c, or f64x2 splats (names ending in 64) standing for both halves. */
const fma = (dst, a, b, c) => {
  const halves = (x, t) =>
    x.endsWith('64') ? [[x, x], ''] : [[`${t}l`, `${t}h`], split(x, `${t}l`, `${t}h`)];
  const [A, sa] = halves(a, 'ta');
  const [B, sb] = halves(b, 'tb');
  const [C, sc] = halves(c, 'tc');
  return `${sa} ${sb} ${sc} ${fused(dst, A, B, C)}`;
};
const L = get;
const prologue = (maximize) =>
  [set('d', load('g')), maximize ? negIfMaximize : '', set('p0', load('p'))].filter(Boolean).join(' ');
const l2 = `(if ${flag(2)} (then ${fma('d', 'd', 'WD64', 'p0')}))`;
/** Either AdamW's decoupled decay (flag 4) or the L2 penalty (flag 2). */
const decays = `(if ${flag(4)} (then ${set('p0', f32('mul', L('p0'), L('DECAY')))}) (else ${l2}))`;
const extra = (name, states, scalars, body) => `${header(name, states, scalars)}
    ${v128s('d', 'p0', 't', 'u', 'q', 'r', 'tal', 'tah', 'tbl', 'tbh', 'tcl', 'tch', 'ONE')}
    ${v128s(...scalars.flatMap((x) => [x.toUpperCase(), `${x.toUpperCase()}64`]))}
    ${scalars.map((x) => `${splat32(x)} ${splat64(x)}`).join(' ')}
    ${set('ONE', '(f32x4.splat (f32.const 1))')}
    ${loop(body.filter(Boolean).join('\n      '))})`;
// emaSq: R(R(s b) + R(c d) d) into local `dst`
const emaSqInto = (dst, state, beta, c, d) => [
  set('t', f32('mul', load(state), L(beta))),
  set('u', f32('mul', L(c), L(d))),
  fma(dst, 't', 'u', d),
  store(state, dst),
];
// ema: R(R(s b) + d c) into local `dst`
const emaInto = (dst, state, beta, c64, d) => [
  set('t', f32('mul', load(state), L(beta))),
  fma(dst, 't', d, c64),
  store(state, dst),
];
const extras = [
  // adagrad: sum = R(sum + d d); p = R(p + R(R(nclr d) / R(R(sqrt(sum)) + eps)))
  extra(
    'adagrad',
    ['sum'],
    ['nclr', 'wd', 'eps'],
    [
      prologue(true),
      l2,
      set('t', load('sum')),
      fma('q', 't', 'd', 'd'),
      store('sum', 'q'),
      `(v128.store ${at('p')} ${f32('add', L('p0'), f32('div', f32('mul', L('NCLR'), L('d')), f32('add', f32('sqrt', L('q')), L('EPS'))))})`,
    ],
  ),
  // rmsprop: flags 4 momentum buffer, 8 centered
  extra(
    'rmsprop',
    ['sq', 'buf', 'ga'],
    ['a', 'c', 'eps', 'wd', 'mom', 'nlr'],
    [
      prologue(true),
      l2,
      ...emaSqInto('q', 'sq', 'A', 'C', 'd'),
      `(if ${flag(8)} (then ${emaInto('r', 'ga', 'A', 'C64', 'd').join(' ')} ${set('u', f32('neg', L('r')))}
        ${fma('r', 'q', 'u', 'r')} ${set('r', f32('sqrt', L('r')))})
      (else ${set('r', f32('sqrt', L('q')))}))`,
      set('r', f32('add', L('r'), L('EPS'))),
      `(if ${flag(4)} (then ${set('t', f32('add', f32('mul', load('buf'), L('MOM')), f32('div', L('d'), L('r'))))} ${store('buf', 't')}
        ${fma('q', 'p0', 'NLR64', 't')} ${store('p', 'q')})
      (else (v128.store ${at('p')} ${f32('add', L('p0'), f32('div', f32('mul', L('NLR'), L('d')), L('r')))})))`,
    ],
  ),
  // adadelta
  extra(
    'adadelta',
    ['sq', 'acc'],
    ['rho', 'c', 'eps', 'wd', 'nlr'],
    [
      prologue(true),
      l2,
      ...emaSqInto('q', 'sq', 'RHO', 'C', 'd'),
      // delta = R(R(R(sqrt(R(acc + eps))) / R(sqrt(R(sq + eps)))) d)
      set(
        'r',
        f32(
          'mul',
          f32(
            'div',
            f32('sqrt', f32('add', load('acc'), L('EPS'))),
            f32('sqrt', f32('add', L('q'), L('EPS'))),
          ),
          L('d'),
        ),
      ),
      ...emaSqInto('q', 'acc', 'RHO', 'C', 'r'),
      fma('q', 'p0', 'NLR64', 'r'),
      store('p', 'q'),
    ],
  ),
  // adamax: u = max(R(u b2), R(|d| + eps)); p = R(p + R(R(nclr m) / u))
  extra(
    'adamax',
    ['m', 'inf'],
    ['b1', 'c1', 'b2', 'eps', 'wd', 'nclr'],
    [
      prologue(true),
      l2,
      ...emaInto('q', 'm', 'B1', 'C164', 'd'),
      set('r', f32('max', f32('mul', load('inf'), L('B2')), f32('add', f32('abs', L('d')), L('EPS')))),
      store('inf', 'r'),
      `(v128.store ${at('p')} ${f32('add', L('p0'), f32('div', f32('mul', L('NCLR'), L('q')), L('r')))})`,
    ],
  ),
  // nadam (PyTorch 1.13): two addcdiv with the same denominator R(R(sqrt(R(v / bc2))) + eps)
  extra(
    'nadam',
    ['m', 'v'],
    ['b1', 'c1', 'b2', 'c2', 'bc2', 'eps', 'sg', 'sm', 'wd', 'decay'],
    [
      prologue(false),
      decays,
      ...emaInto('q', 'm', 'B1', 'C164', 'd'),
      ...emaSqInto('r', 'v', 'B2', 'C2', 'd'),
      set('r', f32('add', f32('sqrt', f32('div', L('r'), L('BC2'))), L('EPS'))),
      set('t', f32('add', L('p0'), f32('div', f32('mul', L('SG'), L('d')), L('r')))),
      `(v128.store ${at('p')} ${f32('add', L('t'), f32('div', f32('mul', L('SM'), L('q')), L('r')))})`,
    ],
  ),
  // radam: flag 8 when the variance is tractable (rho_t > 5) and the rectified step applies
  extra(
    'radam',
    ['m', 'v'],
    ['b1', 'c1', 'b2', 'c2', 'bc1', 'bc2s', 'lr', 'eps', 'rect', 'wd', 'decay'],
    [
      prologue(false),
      decays,
      ...emaInto('q', 'm', 'B1', 'C164', 'd'),
      ...emaSqInto('r', 'v', 'B2', 'C2', 'd'),
      set('q', f32('div', L('q'), L('BC1'))),
      `(if ${flag(8)} (then ${set('t', f32('mul', f32('div', L('ONE'), f32('add', f32('sqrt', L('r')), L('EPS'))), L('BC2S')))}
        (v128.store ${at('p')} ${f32('sub', L('p0'), f32('mul', f32('mul', f32('mul', L('q'), L('LR')), L('t')), L('RECT')))}))
      (else (v128.store ${at('p')} ${f32('sub', L('p0'), f32('mul', L('q'), L('LR')))})))`,
    ],
  ),
];
const extraWat = `(module
  (import "env" "memory" (memory 1))
${extras.join('\n')}
)
`;

// ---- the third module: the rules beyond PyTorch 1.13 (lion, lamb, lars, schedule-free; src/_rulesExtra.ts) ----
// Their JavaScript loops compute in float64 (the hyperparameters unrounded, the stored values rounded to the
// parameter's type), so these kernels do too: each 16-byte step is two halves of two lanes promoted to f64x2 (see
// load64 above), every operation of the loop one f64x2 operation in the loop's order, each rounded store a demote.
// The float64 scalars are at ARGS64_AT = args + 64 (16 of them), the accumulators of the norms passes after them
// (args + 192: two sums, each as lanes 0-1 then 2-3, continued from call to call: the JavaScript sums lane by lane,
// i mod 4, and adds the four lanes at the end in the same order).
let scalars64 = [];
const s64 = (x) => {
  const i = scalars64.indexOf(x);
  if (i < 0) throw new Error(`unknown float64 scalar ${x}`);
  return `(f64x2.splat (f64.load offset=${64 + 8 * i} (local.get $args)))`;
};
const f64 = (op, ...xs) => `(f64x2.${op} ${xs.join(' ')})`;
/** A half (two lanes) of array `base`, promoted to f64x2. */
const ld = (base, h) => promote(load64(base, h));
/** Rounds the f64x2 expression `e` to float32 into local `o` and stores it as half `h` of array `base`. */
const st = (base, h, e) => `${set('o', demote(e))} ${store64(base, h, 'o')}`;
/** The f64x2 value of `e` rounded to float32 (the JavaScript loop's R(...) of a value it goes on with). */
const rounded = (e) => promote(demote(e));
const accAt = (k, h) => `offset=${192 + 32 * k + 16 * h} (local.get $args)`;
function beyond(name, states, scalars, half, accs = 0) {
  const head = header(name, states, []);
  scalars64 = scalars;
  const accLocals = Array.from({ length: accs }, (_, k) => [`A${k}0`, `A${k}1`]).flat();
  return `${head}
    ${v128s('o', 'P', 'G', 'T', 'U', 'W', 'X', 'Z', ...accLocals, ...scalars.map((x) => x.toUpperCase()))}
    ${scalars.map((x) => set(x.toUpperCase(), s64(x))).join(' ')}
    ${accLocals.map((a) => set(a, `(v128.load ${accAt(Number(a[1]), Number(a[2]))})`)).join(' ')}
    ${loop([0, 1].map((h) => half(h).filter(Boolean).join('\n      ')).join('\n      '))}
    ${accLocals.map((a) => `(v128.store ${accAt(Number(a[1]), Number(a[2]))} ${get(a)})`).join(' ')})`;
}
const L64 = (x) => get(x.toUpperCase());
const accumulate = (k, h, e) => set(`A${k}${h}`, f64('add', get(`A${k}${h}`), e));
/** Math.sign of the f64x2 local `x`, lane by lane: 1, -1, or x itself (±0, NaN). */
const signOf = (x) =>
  `(v128.bitselect (f64x2.splat (f64.const -1)) (v128.bitselect (f64x2.splat (f64.const 1)) ${get(x)} (f64x2.gt ${get(x)} (f64x2.splat (f64.const 0)))) (f64x2.lt ${get(x)} (f64x2.splat (f64.const 0))))`;
/** lamb's update direction r = m / bc1 / (sqrt(v / bc2) + eps) + wd p, from the f64x2 locals T (m) and U (v). */
const lambR = f64(
  'add',
  f64(
    'div',
    f64('div', get('T'), L64('bc1')),
    f64('add', f64('sqrt', f64('div', get('U'), L64('bc2'))), L64('eps')),
  ),
  f64('mul', L64('wd'), get('P')),
);
/** U = v's update, R(b2 v + c2 g g) (lamb's first pass and schedule-free AdamW), with G the gradient. */
const secondMoment = (h) =>
  set(
    'U',
    rounded(
      f64('add', f64('mul', L64('b2'), ld('v', h)), f64('mul', f64('mul', L64('c2'), get('G')), get('G'))),
    ),
  );
const LAMB_SCALARS = ['b1', 'c1', 'b2', 'c2', 'bc1', 'bc2', 'eps', 'wd', 'step'];
const beyondKernels = [
  // lion: c = b1 m + c1 g; m = R(b2 m + c2 g); p = R(p - lr (sign(c) + wd p))
  beyond('lion', ['m'], ['b1', 'c1', 'b2', 'c2', 'lr', 'wd'], (h) => [
    set('P', ld('p', h)),
    set('G', ld('g', h)),
    set('T', ld('m', h)),
    set('X', f64('add', f64('mul', L64('b1'), get('T')), f64('mul', L64('c1'), get('G')))),
    st('m', h, f64('add', f64('mul', L64('b2'), get('T')), f64('mul', L64('c2'), get('G')))),
    st(
      'p',
      h,
      f64('sub', get('P'), f64('mul', L64('lr'), f64('add', signOf('X'), f64('mul', L64('wd'), get('P'))))),
    ),
  ]),
  // lars, the update pass: d = g + wd p; b = R(mom b + scale d); p = R(p - (nesterov ? mom b + scale d : b))
  ...[false, true].map((nesterov) =>
    beyond(nesterov ? 'lars_nesterov' : 'lars', ['b'], ['wd', 'mom', 'scale'], (h) => [
      set('P', ld('p', h)),
      set('X', f64('add', ld('g', h), f64('mul', L64('wd'), get('P')))),
      set('T', rounded(f64('add', f64('mul', L64('mom'), ld('b', h)), f64('mul', L64('scale'), get('X'))))),
      st('b', h, get('T')),
      st(
        'p',
        h,
        f64(
          'sub',
          get('P'),
          nesterov
            ? f64('add', f64('mul', L64('mom'), get('T')), f64('mul', L64('scale'), get('X')))
            : get('T'),
        ),
      ),
    ]),
  ),
  // the squared norms of p and g (lars' first pass; the parameter is not written)
  beyond(
    'norms',
    [],
    [],
    (h) => [
      set('P', ld('p', h)),
      set('G', ld('g', h)),
      accumulate(0, h, f64('mul', get('P'), get('P'))),
      accumulate(1, h, f64('mul', get('G'), get('G'))),
    ],
    2,
  ),
  // lamb, the first pass: m = R(b1 m + c1 g), v = R(b2 v + c2 g g); the sums of p p and r r (p not written)
  beyond(
    'lamb_moments',
    ['m', 'v'],
    LAMB_SCALARS,
    (h) => [
      set('P', ld('p', h)),
      set('G', ld('g', h)),
      set('T', rounded(f64('add', f64('mul', L64('b1'), ld('m', h)), f64('mul', L64('c1'), get('G'))))),
      secondMoment(h),
      st('m', h, get('T')),
      st('v', h, get('U')),
      set('X', lambR),
      accumulate(0, h, f64('mul', get('P'), get('P'))),
      accumulate(1, h, f64('mul', get('X'), get('X'))),
    ],
    2,
  ),
  // lamb, the update pass: p = R(p - step r) with r from the stored moments
  beyond('lamb_update', ['m', 'v'], LAMB_SCALARS, (h) => [
    set('P', ld('p', h)),
    set('T', ld('m', h)),
    set('U', ld('v', h)),
    st('p', h, f64('sub', get('P'), f64('mul', L64('step'), lambR))),
  ]),
  // schedule-free (AdamW with v, SGD without): d = g / (sqrt(v) + eps) with v = R(b2 v + c2 d d);
  // z = R(z - gamma (d + wd y)); x = R(omc x + c z); y = R(omb1 z + b1 x)
  ...[true, false].map((adam) =>
    beyond(
      adam ? 'schedule_free_adamw' : 'schedule_free_sgd',
      adam ? ['z', 'x', 'v'] : ['z', 'x'],
      ['b2', 'c2', 'eps', 'gamma', 'wd', 'omc', 'c', 'omb1', 'b1'],
      (h) => [
        set('P', ld('p', h)),
        set('G', ld('g', h)),
        adam ? secondMoment(h) : '',
        adam ? st('v', h, get('U')) : '',
        adam ? set('G', f64('div', get('G'), f64('add', f64('sqrt', get('U')), L64('eps')))) : '',
        set(
          'Z',
          rounded(
            f64(
              'sub',
              ld('z', h),
              f64('mul', L64('gamma'), f64('add', get('G'), f64('mul', L64('wd'), get('P')))),
            ),
          ),
        ),
        set('X', rounded(f64('add', f64('mul', L64('omc'), ld('x', h)), f64('mul', L64('c'), get('Z'))))),
        st('z', h, get('Z')),
        st('x', h, get('X')),
        st('p', h, f64('add', f64('mul', L64('omb1'), get('Z')), f64('mul', L64('b1'), get('X')))),
      ],
    ),
  ),
];
const beyondWat = `(module
  (import "env" "memory" (memory 1))
${beyondKernels.join('\n')}
)
`;

const wabt = await wabtInit();
const outputs = [
  ['kernels', 'OPTIM_WASM', 'adam, adamw and sgd kernels', wat],
  [
    'kernelsExtra',
    'OPTIM_EXTRA_WASM',
    'adagrad, rmsprop, adadelta, adamax, nadam and radam kernels',
    extraWat,
  ],
  ['kernelsBeyond', 'OPTIM_BEYOND_WASM', 'lion, lamb, lars and schedule-free kernels', beyondWat],
].map(([file, constant, what, text]) => {
  const parsed = wabt.parseWat(`${file}.wat`, text, { simd: true });
  parsed.validate();
  const bytes = Buffer.from(parsed.toBinary({}).buffer);
  const ts = `// Generated by scripts/build-wasm.mjs from ${file}.wat — do not edit by hand.
/** @internal The compiled WebAssembly SIMD ${what} (${bytes.length} bytes), one character per byte (see @dl/internal's wasmBytes). */
export const ${constant} =
  '${byteString(bytes)}';
`;
  return {
    file,
    text,
    ts,
    size: bytes.length,
    watPath: new URL(`../src/wasm/${file}.wat`, import.meta.url),
    tsPath: new URL(`../src/wasm/${file}Wasm.ts`, import.meta.url),
  };
});
if (process.argv.includes('--check')) {
  for (const o of outputs) {
    if (readFileSync(o.watPath, 'utf8') !== o.text || readFileSync(o.tsPath, 'utf8') !== o.ts) {
      console.error('src/wasm is stale: run node scripts/build-wasm.mjs');
      process.exit(1);
    }
  }
} else {
  for (const o of outputs) {
    writeFileSync(o.watPath, o.text);
    writeFileSync(o.tsPath, o.ts);
    console.log(`wrote ${o.file}.wat and ${o.file}Wasm.ts (${o.size} bytes)`);
  }
}
