/**
 * What the strict-input tests know about each package, read from its sources: the packages (every
 * `packages/<dir>/src/index.ts` but the private `internal`, or those named in `DL_PACKAGES=tensor,nn`), the
 * exported functions and classes of every entry point (`src/index.ts` and the subpaths: {@link entryFiles}) with
 * their parameters (TypeScript compiler API), the exported options types with their keys and documented defaults, and the `defineOptions<T>()('fn', { … })` declarations of each package.
 * New packages and new exports are covered without editing the tests.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export const root = new URL('../..', import.meta.url).pathname;

/** The package directories under test. */
export function packageDirs(): string[] {
  const only = process.env.DL_PACKAGES?.split(',').map((s) => s.trim());
  return readdirSync(join(root, 'packages'))
    .filter((d) => d !== 'internal' && existsSync(join(root, 'packages', d, 'src', 'index.ts')))
    .filter((d) => only === undefined || only.includes(d))
    .sort();
}

/** One parameter of an exported function or constructor. */
export interface Param {
  name: string;
  optional: boolean;
  /** The declared type, as written (`Tensor`, `ReduceOptions | number`, `readonly number[]`). */
  type: string;
}

/** An exported function or class. */
export interface ExportInfo {
  name: string;
  kind: 'function' | 'class';
  /** The parameters of its longest signature (overloads may declare fewer). */
  params: Param[];
  /** A signature has a rest parameter: any number of arguments is valid. */
  variadic: boolean;
  /** A class's public methods (declared with a body in the class itself), which reject an extra argument too. */
  methods: MethodInfo[];
}

/** A public method of an exported class. */
export interface MethodInfo {
  name: string;
  static: boolean;
  /** How many parameters it declares (`this` aside). */
  params: number;
  variadic: boolean;
}

/** Methods called by the language or the platform with arguments of their own: not checked (`JSON.stringify`). */
const PROTOCOL = new Set(['toJSON', 'toString', 'toLocaleString', 'valueOf', 'handleEvent']);

/** The public methods of a class declaration: plain names, a body, not private or protected, not generators. */
function methodsOf(decl: ts.Declaration | undefined): MethodInfo[] {
  if (!decl || !ts.isClassDeclaration(decl)) return [];
  const has = (m: ts.Node, kind: ts.SyntaxKind) =>
    (ts.getModifiers(m as ts.HasModifiers) ?? []).some((x) => x.kind === kind);
  return decl.members.filter(ts.isMethodDeclaration).flatMap((m) => {
    if (!m.body || !ts.isIdentifier(m.name) || PROTOCOL.has(m.name.text) || m.asteriskToken) return [];
    if (has(m, ts.SyntaxKind.PrivateKeyword) || has(m, ts.SyntaxKind.ProtectedKeyword)) return [];
    const params = m.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
    return [
      {
        name: m.name.text,
        static: has(m, ts.SyntaxKind.StaticKeyword),
        params: params.length,
        variadic: params.some((p) => p.dotDotDotToken !== undefined),
      },
    ];
  });
}

/** An exported options type: its keys and the text of each key's `@defaultValue` tag. */
export interface OptionsType {
  name: string;
  keys: string[];
  defaults: Record<string, string | undefined>;
}

/** A `defineOptions<T>()('fn', { … })` call found in a package's sources. */
export interface ReaderDecl {
  /** The options type's name (`ReduceOptions`, `Foo` for `Foo<unknown>`, an intersection as written). */
  type: string;
  fn: string;
  keys: string[];
  file: string;
}

export interface PackageInfo {
  dir: string;
  exports: ExportInfo[];
  optionsTypes: OptionsType[];
  readers: ReaderDecl[];
}

const cache = new Map<string, PackageInfo>();

/**
 * The source files of a package's entry points: `src/index.ts` and every subpath of its exports map that has an
 * `@dl/source` condition (`"./report": { "@dl/source": "./src/report.ts", … }`).
 */
export function entryFiles(dir: string): string[] {
  const pkg = join(root, 'packages', dir);
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as {
    exports?: Record<string, unknown>;
  };
  const files = [join(pkg, 'src', 'index.ts')];
  for (const [key, value] of Object.entries(manifest.exports ?? {})) {
    const source = (value as Record<string, unknown> | null)?.['@dl/source'];
    if (key !== '.' && typeof source === 'string') files.push(join(pkg, source));
  }
  return files;
}

/** Reads one package's exports, options types and option readers (cached per run). */
export function readPackage(dir: string): PackageInfo {
  const hit = cache.get(dir);
  if (hit) return hit;
  const entries = entryFiles(dir);
  const program = ts.createProgram(entries, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    customConditions: ['@dl/source'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const info: PackageInfo = { dir, exports: [], optionsTypes: [], readers: [] };
  const paramsOf = (sig: ts.Signature): Param[] =>
    sig.getParameters().map((p) => {
      const decl = p.valueDeclaration as ts.ParameterDeclaration | undefined;
      return {
        name: p.name,
        optional: decl ? decl.questionToken !== undefined || decl.initializer !== undefined : false,
        type: decl?.type ? decl.type.getText() : checker.typeToString(checker.getTypeOfSymbol(p)),
      };
    });
  const exportedSymbols = entries.flatMap((entry) =>
    checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!),
  );
  for (const exported of exportedSymbols) {
    const sym = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const name = exported.name;
    if (sym.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Function)) {
      const type = checker.getTypeOfSymbol(sym);
      const kind = sym.flags & ts.SymbolFlags.Class ? 'class' : 'function';
      const sigs = kind === 'class' ? type.getConstructSignatures() : type.getCallSignatures();
      const longest = sigs.reduce<ts.Signature | undefined>(
        (a, b) => (a === undefined || b.getParameters().length > a.getParameters().length ? b : a),
        undefined,
      );
      info.exports.push({
        name,
        kind,
        params: longest ? paramsOf(longest) : [],
        variadic: sigs.some((s) => s.getDeclaration()?.parameters.some((p) => p.dotDotDotToken) ?? false),
        methods: kind === 'class' ? methodsOf(sym.valueDeclaration) : [],
      });
    }
    if (sym.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias) && /Options$/.test(name)) {
      const type = checker.getDeclaredTypeOfSymbol(sym);
      const defaults: Record<string, string | undefined> = {};
      const props = checker.getPropertiesOfType(type);
      for (const p of props) {
        const tag = p.getJsDocTags(checker).find((t) => t.name === 'defaultValue');
        defaults[p.name] = tag ? ts.displayPartsToString(tag.text).trim() : undefined;
      }
      info.optionsTypes.push({ name, keys: props.map((p) => p.name), defaults });
    }
  }
  const srcDir = join(root, 'packages', dir, 'src');
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(srcDir)) continue;
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isCallExpression(node.expression) &&
        ts.isIdentifier(node.expression.expression) &&
        node.expression.expression.text === 'defineOptions' &&
        node.expression.typeArguments?.length === 1
      ) {
        const typeNode = node.expression.typeArguments[0]!;
        // `Foo<unknown>` reads Foo; an intersection (`TensorOptions & { shape?: Shape }`) is its own type.
        const typeName = ts.isTypeReferenceNode(typeNode) ? typeNode.typeName.getText() : typeNode.getText();
        const [fnArg, defaultsArg] = node.arguments;
        // the function's name as a literal, or a constant holding one (`const FN = 'nllLoss'`)
        const fnType = fnArg ? checker.getTypeAtLocation(fnArg) : undefined;
        const fnName = fnType?.isStringLiteral() ? fnType.value : undefined;
        if (fnName !== undefined && defaultsArg && ts.isObjectLiteralExpression(defaultsArg)) {
          info.readers.push({
            type: typeName,
            fn: fnName,
            keys: defaultsArg.properties.map((p) => (p.name ? p.name.getText() : '…')),
            file: file.fileName.slice(root.length),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  cache.set(dir, info);
  return info;
}
