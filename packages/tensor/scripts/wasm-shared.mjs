// Shared pieces of the four-lane elementwise kernel generators (scripts/wasm-activations.mjs, wasm-unary.mjs,
// wasm-special.mjs): the constant table every module keeps in its memory, and the one map loop they all run.

/** Byte offset of the constant table in kernel memory (after the three blocks and O's overrun room). */
const CONST_BASE = 7 * 65536 - 8192;
/** The 4 bytes (little-endian) of a vector constant's text, whose four lanes are equal. */
function constBytes(text) {
  const b = Buffer.alloc(4);
  const splat = /^\(f32x4\.splat \(f32\.const ([^()]+)\)\)$/.exec(text);
  if (splat !== null) b.writeFloatLE(Number(splat[1]), 0);
  else {
    const lanes = /^\(v128\.const i32x4 ([^()]+)\)$/.exec(text)[1].trim().split(/\s+/);
    if (lanes.some((v) => v !== lanes[0])) throw new Error(`constant ${text}: lanes differ`);
    b.writeUInt32LE(Number(lanes[0]) >>> 0, 0);
  }
  return b;
}

/**
 * Moves the vector constants of kernel bodies (`f32x4.splat (f32.const c)`, `v128.const i32x4 …` except zero) into a
 * table in kernel memory (a data segment at CONST_BASE, one float32 each), splat into locals once before each loop. V8's TurboFan
 * rematerializes every constant at each use inside the loop (a move, a `vmovd` and a `vbroadcastss`: about 40% of
 * the instructions of an exponential kernel); a loaded value it cannot fold stays in a register or one spill slot.
 * The values are the same, so are the results.
 */
export function constantTable() {
  const index = new Map();
  return {
    hoist(rawBody) {
      const used = new Map();
      const re = /\(f32x4\.splat \(f32\.const [^()]+\)\)|\(v128\.const i32x4 [^()]+\)/g;
      const body = rawBody.replace(re, (m) => {
        if (m === '(v128.const i32x4 0 0 0 0)') return m;
        if (!index.has(m)) index.set(m, index.size);
        const local = `$c${index.get(m)}`;
        used.set(m, local);
        return `(local.get ${local})`;
      });
      const entries = [...used];
      return {
        body,
        constLocals: entries.map(([, l]) => `(local ${l} v128)`).join(' '),
        constInit: entries
          .map(
            ([m, l]) => `(local.set ${l} (v128.load32_splat (i32.const ${CONST_BASE + 4 * index.get(m)})))`,
          )
          .join('\n    '),
      };
    },
    /** The data segment of every constant hoisted so far. */
    segment() {
      const all = Buffer.concat([...index.keys()].map(constBytes));
      if (all.length > 8192) throw new Error('constant table overflows its 8 KB');
      const hex = [...all].map((x) => `\\${x.toString(16).padStart(2, '0')}`).join('');
      return `  (data (i32.const ${CONST_BASE}) "${hex}")`;
    },
  };
}

/** The sign bit of each lane: `v128.or x SIGN` is $-|x|$ in one instruction. */
export const SIGN = '(v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000)';
/** The zero vector (never hoisted into the table). */
export const ZERO = '(v128.const i32x4 0 0 0 0)';

/**
 * A map over n float32 elements, four lanes at a time: `inputs` pointers (`$x`, or `$g` and `$x`) advance with $o;
 * `body` sets $r from the loaded $a (and $b). Its vector constants are hoisted into the module's table (`consts`).
 * With `params`, the kernel takes three float32 parameters p, q, s, splat into $P, $Q, $S. With `unroll` > 1 (for
 * bodies of one or two instructions) a first loop runs `unroll` vectors a turn while that many are left (the same
 * body on each, so the same values). The last partial group reads and writes up to three elements past n (inside
 * kernel memory, which has room for them).
 */
/** The top-level s-expressions of a kernel body (line comments dropped). */
function forms(text) {
  const src = text.replace(/;;[^\n]*/g, '');
  const out = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '(') {
      if (depth === 0) start = i;
      depth++;
    } else if (src[i] === ')') {
      depth--;
      if (depth === 0) out.push(src.slice(start, i + 1));
    }
  }
  return out;
}

/** The children of one s-expression `(head child …)`: the head token, then each child's text. */
function children(form) {
  const inner = form.slice(1, -1).trim();
  const head = /^[^\s()]+/.exec(inner)[0];
  return [head, ...forms(inner.slice(head.length))];
}

/**
 * `copies` copies of the statements `body` (vector u of a turn: loads at byte offset 16 u, its own locals
 * `$name_u` for each of `names`), interleaved statement by statement: statement s of every copy, then statement
 * s + 1 … The copies are independent chains of the same operations, so each lane gets the same value; side by side
 * in program order they let the out-of-order core overlap them (one copy after the other fills its scheduler with
 * one long dependency chain: 1.3-2.2x slower, bench in docs/benchmarks/tensor.md, session 12). A statement
 * `(if (v128.any_true c) (then …) (else …))` (a fast path chosen when no lane needs the general one) becomes one
 * `if` on the copies' conditions or-ed together, over the interleaved branches: the kernels' branches give the same
 * values on the lanes that do not need the general path, so the results do not change.
 */
/** `text` with each local of `names` renamed `$name_u` (copy u of an interleaved body; copy 0 keeps the names). */
function renameLocals(text, names, u) {
  return u === 0 ? text : text.replace(/\$[A-Za-z0-9_]+/g, (m) => (names.has(m) ? `${m}_${u}` : m));
}

function interleaved(body, names, inputs, copies) {
  const rename = (text, u) =>
    u === 0
      ? text
      : renameLocals(text, names, u).replace(/\(v128\.load \(local\.get (\$[A-Za-z0-9_]+)\)\)/g, (m, v) =>
          inputs.includes(v) ? `(v128.load offset=${16 * u} (local.get ${v}))` : m,
        );
  const out = [];
  for (const f of forms(body)) {
    if (!f.startsWith('(if')) {
      for (let u = 0; u < copies; u++) out.push(rename(f, u));
      continue;
    }
    const [, cond, ...arms] = children(f);
    const any = /^\(v128\.any_true ([\s\S]*)\)$/.exec(cond);
    if (any === null || arms.some((a) => !/^\((then|else)\b/.test(a)))
      throw new Error(`interleaved: unsupported branch ${f.slice(0, 80)}`);
    const conds = Array.from({ length: copies }, (_, u) => rename(any[1], u));
    const or = conds.reduce((acc, c) => `(v128.or ${acc} ${c})`);
    const arm = (a) => {
      const [kind, ...stmts] = children(a);
      return `(${kind} ${interleaved(stmts.join('\n'), names, inputs, copies)})`;
    };
    out.push(`(if (v128.any_true ${or})\n        ${arms.map(arm).join('\n        ')})`);
  }
  return out.join('\n      ');
}

export function mapKernel(consts, name, inputs, locals, rawBody, params = false, unroll = 1, interleave = 1) {
  const get = (v) => `(local.get ${v})`;
  const { body, constLocals, constInit } = consts.hoist(rawBody);
  if (interleave > 1)
    return interleavedKernel(get, name, inputs, locals, body, constLocals, constInit, params, interleave);
  const p = params
    ? {
        head: '\n    (param $p f32) (param $q f32) (param $s f32)',
        locals: ' (local $P v128) (local $Q v128) (local $S v128)',
        init: `
    (local.set $P (f32x4.splat (local.get $p)))
    (local.set $Q (f32x4.splat (local.get $q)))
    (local.set $S (f32x4.splat (local.get $s)))`,
      }
    : { head: '', locals: '', init: '' };
  const at = (offset) => (offset === 0 ? '' : ` offset=${offset}`);
  const one = (offset) => `(local.set $a (v128.load${at(offset)} ${get(inputs[0])}))
      ${inputs.length > 1 ? `(local.set $b (v128.load${at(offset)} ${get(inputs[1])}))` : ''}
      ${body}
      (v128.store${at(offset)} (local.get $o) (local.get $r))`;
  const step = (bytes) =>
    [...inputs, '$o'].map((v) => `(local.set ${v} (i32.add ${get(v)} (i32.const ${bytes})))`).join(' ');
  const wide =
    unroll > 1
      ? `
    (block $dw (loop $lw
      (br_if $dw (i32.lt_s (i32.sub (local.get $end) (local.get $o)) (i32.const ${16 * unroll})))
      ${Array.from({ length: unroll }, (_, u) => one(16 * u)).join('\n      ')}
      ${step(16 * unroll)}
      (br $lw)))`
      : '';
  return `
  (func (export "${name}") ${inputs.map((v) => `(param ${v} i32)`).join(' ')} (param $o i32) (param $n i32)${p.head}
    (local $end i32) (local $r v128) (local $a v128) (local $b v128)${p.locals}
    ${locals} ${constLocals}
    ${constInit}${p.init}
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))${wide}
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $o) (local.get $end)))
      ${one(0)}
      ${step(16)}
      (br $l))))`;
}

/** $s (or `out`) <- sigmoid of `z` (a v128 expression of locals): e = expf(-|z|), (z >= 0 ? 1 : e) / (1 + e). */
export function sigmoid4(expf4, fsplat, z, out = '$s') {
  const one = fsplat(1);
  return `${expf4(`(v128.or ${z} ${SIGN})`)}
      (local.set ${out} (f32x4.div (v128.bitselect ${one} (local.get $e4) (f32x4.ge ${z} ${ZERO}))
        (f32x4.add ${one} (local.get $e4))))`;
}

function interleavedKernel(get, name, inputs, locals, body, constLocals, constInit, params, copies) {
  const declared = [...locals.matchAll(/\(local (\$[A-Za-z0-9_]+) v128\)/g)].map((m) => m[1]);
  const names = new Set(['$a', '$b', '$r', ...declared]);
  const extra = Array.from({ length: copies - 1 }, (_, i) =>
    [...names].map((n) => `(local ${n}_${i + 1} v128)`).join(' '),
  ).join(' ');
  const p = params
    ? {
        head: '\n    (param $p f32) (param $q f32) (param $s f32)',
        locals: ' (local $P v128) (local $Q v128) (local $S v128)',
        init: `
    (local.set $P (f32x4.splat (local.get $p)))
    (local.set $Q (f32x4.splat (local.get $q)))
    (local.set $S (f32x4.splat (local.get $s)))`,
      }
    : { head: '', locals: '', init: '' };
  const at = (offset) => (offset === 0 ? '' : ` offset=${offset}`);
  const sfx = (v, u) => (u === 0 ? v : `${v}_${u}`);
  const loads = Array.from({ length: copies }, (_, u) =>
    [`(local.set ${sfx('$a', u)} (v128.load${at(16 * u)} ${get(inputs[0])}))`]
      .concat(
        inputs.length > 1 ? [`(local.set ${sfx('$b', u)} (v128.load${at(16 * u)} ${get(inputs[1])}))`] : [],
      )
      .join('\n      '),
  ).join('\n      ');
  const stores = Array.from(
    { length: copies },
    (_, u) => `(v128.store${at(16 * u)} (local.get $o) (local.get ${sfx('$r', u)}))`,
  ).join('\n      ');
  const step = (bytes) =>
    [...inputs, '$o'].map((v) => `(local.set ${v} (i32.add ${get(v)} (i32.const ${bytes})))`).join(' ');
  return `
  (func (export "${name}") ${inputs.map((v) => `(param ${v} i32)`).join(' ')} (param $o i32) (param $n i32)${p.head}
    (local $end i32) (local $r v128) (local $a v128) (local $b v128)${p.locals}
    ${locals} ${extra} ${constLocals}
    ${constInit}${p.init}
    (local.set $end (i32.add (local.get $o) (i32.shl (local.get $n) (i32.const 2))))
    (block $dw (loop $lw
      (br_if $dw (i32.lt_s (i32.sub (local.get $end) (local.get $o)) (i32.const ${16 * copies})))
      ${loads}
      ${interleaved(body, names, inputs, copies)}
      ${stores}
      ${step(16 * copies)}
      (br $lw)))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $o) (local.get $end)))
      (local.set $a (v128.load ${get(inputs[0])}))
      ${inputs.length > 1 ? `(local.set $b (v128.load ${get(inputs[1])}))` : ''}
      ${body}
      (v128.store (local.get $o) (local.get $r))
      ${step(16)}
      (br $l))))`;
}
