/**
 * Extra positional arguments are errors: a build-time transform (used by tsup through `tsup.shared.ts` and by
 * vitest through `vitest.shared.ts`, so the sources, the tests and the published `dist` behave the same) that
 * puts a check at the top of the body of every exported function and constructor of a package's public API (the
 * names `src/index.ts` and the subpath entry points of its exports map re-export), and of every public method of
 * an exported class:
 *
 *   export function sum(x, options = {}) { if (arguments.length > 2) __dlRejectExtraArgument(arguments[2], 2,
 *     "sum", options, reduceOptions); …
 *
 * so `sum(x, 1, true)` is `TypeError: sum: unexpected 3rd argument true; pass options as { axis: 1, keepDims:
 * true }` instead of a silently ignored `keepDims`. In optimized code `arguments.length` is a register read and
 * nothing is allocated (measured: docs/benchmarks/strict-options.md; a declared extra parameter instead cost
 * ~3 ns per call, V8 pads under-applied calls). Everything else is out of line in `rejectExtraArgument` of
 * `@dl/internal` (methods pass `this` and the class, constructors `new.target` and the class): the bytecode of every checked function counts
 * against TurboFan's inlining budget of its callers, so the inserted statement is kept as short as it can be. An
 * explicit `undefined` there is let through (it changes nothing, and forwarding wrappers pass it). Variadic
 * functions (a rest parameter) are left alone. A class without a constructor gets one when it extends nothing; a
 * derived class without one is checked by its base constructor, which names `new.target` (`new ReLU(0.5)`:
 * `ReLU: unexpected 1st argument 0.5; it takes no arguments`). A method names the class of `this`
 * (`Linear.parameters` for Module's method); accessors, generators, private/protected methods and the protocol
 * methods the platform calls with arguments of its own (`toJSON(key)`) are left alone. When the last parameter is
 * read by an options reader (`xOptions(options, …)` in the body, the reader a top-level name of the file), the
 * error suggests the options object the caller meant. Nothing is inserted on a new line and the import goes at the
 * end of the file, so line numbers in stack traces stay those of the source.
 *
 * `@dl/internal` itself, tests and files outside `packages/<name>/src` are not transformed.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import ts from 'typescript';

const SRC = /[\\/]packages[\\/]([^\\/]+)[\\/]src[\\/].*\.ts$/;
const HELPER = '__dlRejectExtraArgument';

/** Files and names of a package's public API, per package directory: Map<file, Map<local name, public name>>. */
const apis = new Map();

function hasModifier(node, kind) {
  return (ts.getModifiers?.(node) ?? node.modifiers ?? []).some((m) => m.kind === kind);
}

function resolveModule(fromFile, spec) {
  const base = resolve(dirname(fromFile), spec.replace(/\.js$/, ''));
  for (const f of [`${base}.ts`, join(base, 'index.ts')]) {
    try {
      readFileSync(f);
      return f;
    } catch {}
  }
  return undefined;
}

function parse(file, text = readFileSync(file, 'utf8')) {
  return ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

/** Adds to `api` the value exports of `file` named by `names` (Map local → public, or '*'), following re-exports. */
function collect(api, file, names, depth = 0) {
  if (depth > 8) return;
  const source = parse(file);
  const declared = new Set();
  for (const st of source.statements) {
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) declared.add(st.name.text);
  }
  const mine = api.get(file) ?? new Map();
  api.set(file, mine);
  if (names === '*') {
    for (const st of source.statements) {
      if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) {
        if (hasModifier(st, ts.SyntaxKind.ExportKeyword)) mine.set(st.name.text, st.name.text);
      }
    }
  } else {
    for (const [local, pub] of names) if (declared.has(local)) mine.set(local, pub);
  }
  for (const st of source.statements) {
    if (!ts.isExportDeclaration(st) || st.isTypeOnly || !st.moduleSpecifier) continue;
    const target = resolveModule(file, st.moduleSpecifier.text);
    if (!target) continue;
    if (!st.exportClause) {
      collect(api, target, names === '*' ? '*' : names, depth + 1);
      continue;
    }
    if (!ts.isNamedExports(st.exportClause)) continue;
    const next = new Map();
    for (const el of st.exportClause.elements) {
      if (el.isTypeOnly) continue;
      const exported = el.name.text;
      const local = el.propertyName?.text ?? exported;
      if (names === '*') next.set(local, exported);
      else if (names.has(exported)) next.set(local, names.get(exported));
    }
    if (next.size) collect(api, target, next, depth + 1);
  }
}

/** The public API of the package that holds `file`: Map<file, Map<local, public>>, or undefined. */
function apiOf(file) {
  const m = SRC.exec(file);
  if (!m || m[1] === 'internal') return undefined;
  const srcDir = `${file.slice(0, m.index)}${sep}packages${sep}${m[1]}${sep}src`;
  const key = srcDir.replace(/\\/g, '/');
  let api = apis.get(key);
  if (!api) {
    api = new Map();
    // every entry point: src/index.ts and the subpaths of the exports map with an `@dl/source` condition
    const entries = [join(srcDir, 'index.ts')];
    try {
      const pkg = join(srcDir, '..');
      const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
      for (const [k, v] of Object.entries(manifest.exports ?? {})) {
        const source = v?.['@dl/source'];
        if (k !== '.' && typeof source === 'string') entries.push(resolve(pkg, source));
      }
    } catch {}
    for (const entry of entries) {
      try {
        collect(api, entry, '*');
      } catch {}
    }
    apis.set(key, api);
  }
  return api;
}

/** The top-level names of a file (imports, functions, classes, variables): readers must be one of these. */
function topLevelNames(source) {
  const names = new Set();
  for (const st of source.statements) {
    if (ts.isImportDeclaration(st) && st.importClause && !st.importClause.isTypeOnly) {
      const b = st.importClause.namedBindings;
      if (st.importClause.name) names.add(st.importClause.name.text);
      if (b && ts.isNamedImports(b)) for (const el of b.elements) if (!el.isTypeOnly) names.add(el.name.text);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) {
      names.add(st.name.text);
    }
  }
  return names;
}

/** The reader called as `reader(last, …)` in `body`, when it is a top-level name. */
function readerOf(body, last, topLevel) {
  let found;
  const visit = (node) => {
    if (found) return;
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.arguments.length > 0 &&
      ts.isIdentifier(node.arguments[0]) &&
      node.arguments[0].text === last &&
      topLevel.has(node.expression.text) &&
      /Options$|^readOptions$/.test(node.expression.text)
    ) {
      found = node.expression.text;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

/**
 * The edit for one parameter list + body: [position, text] pairs. `names`: the public name, then for
 * constructors and methods the class (its local binding) and the method's name; `self`: `new.target` or `this`.
 * @returns the edits, or [] for a variadic signature.
 */
function edits(source, node, names, self, topLevel) {
  const params = node.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
  if (params.some((p) => p.dotDotDotToken)) return [];
  if (!node.body) return [];
  const last = params.length > 0 && ts.isIdentifier(params.at(-1).name) ? params.at(-1).name.text : undefined;
  const reader = last ? readerOf(node.body, last, topLevel) : undefined;
  return [
    [node.body.getStart(source) + 1, check(params.length, names, self, reader ? `${last}, ${reader}` : '')],
  ];
}

/**
 * The inserted statement: one comparison and, only when it holds, one call, so that what every function carries
 * stays small (its bytecode counts against TurboFan's inlining budget
 * of its callers: docs/benchmarks/strict-options.md).
 */
function check(n, [pub, cls, method], self, tail) {
  const args = [`arguments[${n}]`, n, JSON.stringify(method ? `${pub}.${method}` : pub)];
  if (tail || self) args.push(tail || 'void 0, void 0');
  if (self) args.push(self, cls);
  return ` if (arguments.length > ${n}) ${HELPER}(${args.join(', ')});`;
}

/** Methods that the language or the platform call with arguments of their own (JSON.stringify passes a key). */
const PROTOCOL = new Set(['toJSON', 'toString', 'toLocaleString', 'valueOf', 'handleEvent']);

/** Whether a class member is a public method with a body and a plain name, the kind the check covers. */
function publicMethod(m) {
  return (
    ts.isMethodDeclaration(m) &&
    m.body &&
    ts.isIdentifier(m.name) &&
    !PROTOCOL.has(m.name.text) &&
    !m.asteriskToken &&
    !hasModifier(m, ts.SyntaxKind.PrivateKeyword) &&
    !hasModifier(m, ts.SyntaxKind.ProtectedKeyword)
  );
}

/**
 * Transforms one source file; returns the new text, or undefined when nothing changes.
 * @param {string} file - absolute path.
 * @param {string} text - its TypeScript source.
 */
export function strictArity(file, text) {
  if (/\.(test|test-d|d)\.ts$/.test(file)) return undefined;
  const api = apiOf(file);
  const mine = api?.get(file);
  if (!mine || mine.size === 0) return undefined;
  const source = parse(file, text);
  const topLevel = topLevelNames(source);
  const all = [];
  for (const st of source.statements) {
    if (!st.name || !mine.has(st.name.text)) continue;
    const pub = mine.get(st.name.text);
    if (ts.isFunctionDeclaration(st)) {
      all.push(...edits(source, st, [pub], undefined, topLevel));
    } else if (ts.isClassDeclaration(st)) {
      const cls = st.name.text;
      const ctor = st.members.find((m) => ts.isConstructorDeclaration(m) && m.body);
      if (ctor) all.push(...edits(source, ctor, [pub, cls], 'new.target', topLevel));
      else if (!st.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword)) {
        all.push([st.members.pos, ` constructor() {${check(0, [pub, cls], 'new.target', '')} }`]);
      }
      for (const m of st.members) {
        if (!publicMethod(m)) continue;
        all.push(...edits(source, m, [pub, cls, m.name.text], 'this', topLevel));
      }
    }
  }
  if (all.length === 0) return undefined;
  all.sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [pos, insert] of all) out = out.slice(0, pos) + insert + out.slice(pos);
  const nl = out.endsWith('\n') ? '' : '\n';
  return `${out}${nl}import { rejectExtraArgument as ${HELPER} } from '@dl/internal';\n`;
}

/** The vite/vitest plugin (runs before TypeScript is stripped). */
export function strictArityVite() {
  return {
    name: 'dl-strict-arity',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0];
      if (!SRC.test(file)) return undefined;
      const out = strictArity(file, code);
      return out === undefined ? undefined : { code: out, map: null };
    },
  };
}

/** The esbuild plugin for tsup. */
export function strictArityEsbuild() {
  return {
    name: 'dl-strict-arity',
    setup(build) {
      build.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/]src[\\/].*\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const out = strictArity(args.path, text);
        return out === undefined ? undefined : { contents: out, loader: 'ts' };
      });
    },
  };
}
