// The name-for-name tables of docs/pytorch.md and docs/scikit-learn.md name real things on both sides: every
// PyTorch / scikit-learn name (and keyword argument) is in fixtures/foreign-names.json, written by introspecting
// PyTorch 1.13 and scikit-learn 1.2 (scripts/foreign_names.py); every @dl name is an export of a package (a
// member of an exported class, or of the object a call returns), and every option key written in `{ … }` is one
// that function's options reader declares.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as crossval from '../../packages/crossval/src/index';
import * as diagnose from '../../packages/diagnose/src/index';
import { definedOptions } from '../../packages/internal/src/index';
import * as loss from '../../packages/loss/src/index';
import * as metrics from '../../packages/metrics/src/index';
import * as nn from '../../packages/nn/src/index';
import * as norm from '../../packages/norm/src/index';
import * as optim from '../../packages/optim/src/index';
import * as schedule from '../../packages/schedule/src/index';
import * as tensor from '../../packages/tensor/src/index';
import { root, spans, tables } from './guides';

const foreign = JSON.parse(readFileSync(join(root, 'tests/guides/fixtures/foreign-names.json'), 'utf8')) as {
  names: Record<string, string[] | null>;
  inherits: Record<string, string[]>;
};
const exports: Record<string, unknown> = {
  ...tensor,
  ...nn,
  ...loss,
  ...optim,
  ...norm,
  ...schedule,
  ...crossval,
  ...metrics,
  ...diagnose,
};

/** What the tables' receivers stand for: instances to look members up on. */
const model = new nn.Sequential(new nn.Linear(2, 2));
const optimizer = optim.createOptimizer(model.parameters(), optim.sgd({ lr: 0.1 }));
const receivers: Record<string, object> = {
  model,
  optimizer,
  scheduler: schedule.createScheduler(optimizer, { schedules: { lr: 0.1 } }),
  x: tensor.tensor([1], { requiresGrad: true }),
  scaler: norm.standardScaler(),
  splitter: crossval.kFold({ nSplits: 2 }),
};

const ALIASES: Record<string, string> = {
  nn: 'torch.nn',
  F: 'torch.nn.functional',
  optim: 'torch.optim',
  lr_scheduler: 'torch.optim.lr_scheduler',
  x: 'torch.Tensor',
  model: 'torch.nn.Module',
  optimizer: 'torch.optim.Optimizer',
  model_selection: 'sklearn.model_selection',
  metrics: 'sklearn.metrics',
  sklearn: 'sklearn',
  preprocessing: 'sklearn.preprocessing',
};

/** The parameters of a foreign name (following inheritance for `Class.member`), or undefined when unknown. */
function lookup(name: string): string[] | null | undefined {
  if (name in foreign.names) return foreign.names[name];
  const dot = name.lastIndexOf('.');
  const owner = name.slice(0, dot);
  for (const base of foreign.inherits[owner] ?? []) {
    const found = lookup(`${base}${name.slice(dot)}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Problems with one foreign span: `torch.optim.AdamW(params, lr, weight_decay=0.01)`. */
function checkForeign(span: string): string[] {
  const m = /^([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)(?:\((.*)\))?$/s.exec(span);
  if (!m) return [`\`${span}\` is not a dotted name`];
  const [head, ...rest] = m[1]!.split('.');
  const name = [ALIASES[head!] ?? head, ...rest].join('.');
  const params = lookup(name);
  if (params === undefined) return [`\`${span}\`: ${name} is not in PyTorch 1.13 / scikit-learn 1.2`];
  const kwargs = [...(m[2] ?? '').matchAll(/([A-Za-z_]\w*)\s*=/g)].map((k) => k[1]!);
  if (params === null) return [];
  return kwargs.filter((k) => !params.includes(k)).map((k) => `\`${span}\`: ${name} has no parameter ${k}`);
}

/** The calls of a span, nested ones included: `fn` and its argument text (balanced parentheses). */
function calls(span: string): { fn: string; args: string }[] {
  const out: { fn: string; args: string }[] = [];
  for (const m of span.matchAll(/(?<![.\w$])([A-Za-z_$][\w$]*)\(/g)) {
    let depth = 1;
    let end = m.index + m[0].length;
    for (; end < span.length && depth > 0; end++) depth += span[end] === '(' ? 1 : span[end] === ')' ? -1 : 0;
    out.push({ fn: m[1]!, args: span.slice(m.index + m[0].length, end - 1) });
  }
  return out;
}

/** The option keys of a call's own options object: a `{ … }` among its arguments, not inside a nested call. */
function optionKeys(args: string): string[] {
  let depth = 0;
  let own = '';
  for (const c of args) {
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0) own += c;
  }
  const open = own.lastIndexOf('{');
  if (open < 0) return [];
  const body = own.slice(open + 1, own.indexOf('}', open));
  return [...body.matchAll(/(?:^|,)\s*([A-Za-z_$][\w$]*)\s*(?=[,:]|$)/g)].map((k) => k[1]!);
}

/** The options readers of an export: its own (by name), else a base class's (BatchNorm1d reads BatchNorm's). */
function readersOf(fn: string) {
  const names = [fn];
  for (let c = exports[fn]; typeof c === 'function' && c.name; c = Object.getPrototypeOf(c))
    names.push(c.name);
  for (const name of names) {
    const found = definedOptions().filter((r) => r.fn === name);
    if (found.length > 0) return found;
  }
  return [];
}

/** Problems with one @dl span: `createOptimizer(params, adamw({ lr, weightDecay }))`, `model.stateDict()`. */
function checkOurs(span: string): string[] {
  const problems: string[] = [];
  const lead = /^(?:new\s+)?([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*))?/.exec(span);
  if (!lead) return [`\`${span}\` does not start with a name`];
  const [, first, member] = lead;
  if (first! in receivers) {
    if (member === undefined || !(member in receivers[first!]!))
      problems.push(`\`${span}\`: ${first} has no member ${member}`);
  } else if (!(first! in exports)) {
    problems.push(`\`${span}\`: ${first} is not exported by any @dl package`);
  } else if (member !== undefined) {
    const value = exports[first!] as { prototype?: object };
    if (!(member in (value as object)) && !(value.prototype && member in value.prototype))
      problems.push(`\`${span}\`: ${first} has no member ${member}`);
  }
  // every call inside (nested ones too), and the keys of its options object
  for (const { fn, args } of calls(span)) {
    if (fn in receivers) continue;
    if (!(fn in exports)) {
      problems.push(`\`${span}\`: ${fn} is not exported by any @dl package`);
      continue;
    }
    const keys = optionKeys(args);
    if (keys.length === 0) continue;
    const readers = readersOf(fn);
    if (readers.length === 0) {
      problems.push(`\`${span}\`: ${fn} has no options reader, so { ${keys.join(', ')} } cannot be checked`);
      continue;
    }
    const valid = new Set(readers.flatMap((r) => r.keys));
    for (const key of keys) if (!valid.has(key)) problems.push(`\`${span}\`: ${fn} has no option ${key}`);
  }
  return problems;
}

describe.each(['docs/pytorch.md', 'docs/scikit-learn.md'])('%s', (guide) => {
  const text = readFileSync(join(root, guide), 'utf8');
  const mapping = tables(text).filter(
    (t) => ['PyTorch', 'scikit-learn'].includes(t.header[0]!) && t.header[1] === '@dl',
  );

  test('has name-for-name tables', () => {
    expect(mapping.length).toBeGreaterThan(2);
  });

  test('every foreign name is real (PyTorch 1.13, scikit-learn 1.2), with its keyword arguments', () => {
    const problems = mapping.flatMap((t) =>
      t.rows.flatMap((row, i) => {
        const names = spans(row[0]!);
        return names.length === 0
          ? [`row ${i + 1} of the table at line ${t.line} names nothing`]
          : names.flatMap(checkForeign);
      }),
    );
    expect(problems).toEqual([]);
  });

  test('every @dl name is exported, and every option key is declared', () => {
    const problems = mapping.flatMap((t) =>
      t.rows.flatMap((row, i) => {
        const names = spans(row[1]!);
        return names.length === 0
          ? [`row ${i + 1} of the table at line ${t.line} names nothing`]
          : names.flatMap(checkOurs);
      }),
    );
    expect(problems).toEqual([]);
  });
});

test('the checker catches what it should (a misspelt name, an unknown keyword, an unknown option)', () => {
  expect(checkForeign('torch.optim.AdamW(params, weight_decay=0.1)')).toEqual([]);
  expect(checkForeign('nn.Linear.parameters')).toEqual([]);
  expect(checkForeign('torch.optim.AdamW(params, weightdecay=0.1)')).toHaveLength(1);
  expect(checkForeign('torch.nn.Linaer')).toHaveLength(1);
  expect(checkOurs('createOptimizer(params, adamw({ lr, weightDecay }))')).toEqual([]);
  expect(checkOurs('adamw({ lr, weight_decay })')).toEqual([
    '`adamw({ lr, weight_decay })`: adamw has no option weight_decay',
  ]);
  expect(checkOurs('createOptimizer(params, adamw({ lr, weightDecay: 0, betaz }))')).toEqual([
    '`createOptimizer(params, adamw({ lr, weightDecay: 0, betaz }))`: adamw has no option betaz',
  ]);
  expect(checkOurs('new BatchNorm1d(4, { momentum, eps })')).toEqual([]);
  expect(checkOurs('model.stateDicts()')).toHaveLength(1);
  expect(checkOurs('stepDecayy')).toHaveLength(1);
});

/** Exports whose TSDoc links to `site` (their counterpart's documentation), by package. */
function counterparts(site: string, packages: string[]): string[] {
  const found: string[] = [];
  for (const p of packages) {
    const dir = join(root, 'packages', p, 'src');
    for (const file of readdirSync(dir, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      const text = readFileSync(join(dir, file), 'utf8');
      for (const m of text.matchAll(
        /\/\*\*((?:(?!\*\/)[\s\S])*?)\*\/\s*export (?:function|class|const) (\w+)/g,
      ))
        if (m[1]!.includes(site)) found.push(m[2]!);
    }
  }
  return found;
}

test.each([
  ['docs/pytorch.md', 'pytorch.org', ['tensor', 'nn', 'optim', 'loss', 'norm', 'schedule']],
  ['docs/scikit-learn.md', 'scikit-learn.org', ['crossval', 'metrics', 'norm']],
])('%s names every export whose documentation links to %s', (guide, site, packages) => {
  const text = readFileSync(join(root, guide), 'utf8');
  const names = counterparts(site, packages);
  expect(names.length).toBeGreaterThan(10);
  const code = [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!).join(' ');
  expect(names.filter((n) => !new RegExp(`(?<![\\w$])${n}(?![\\w$])`).test(code))).toEqual([]);
});
