/**
 * Executes every `@example` code block in a package's TSDoc, so documentation cannot drift from behaviour.
 *
 * Conventions inside an example:
 * - imports from `@dl/<name>` (and a subpath entry `@dl/<name>/<entry>`, from `src/<entry>.ts`) run against that
 *   package's sources;
 * - a statement line ending in a comment that is a JavaScript literal (`lr(0); // 0.1`,
 *   `x.toArray(); // [[1, 2]]`) is asserted: the value must equal the literal, numbers to the precision written
 *   (`// 0.0999` accepts anything that rounds to 0.0999);
 * - any other comment is prose and is left alone.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Example {
  file: string;
  line: number;
  code: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return walk(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.test-d.ts') ? [p] : [];
  });
}

/** Extracts the fenced code blocks that follow `@example` tags in the doc comments of `file`. */
export function extractExamples(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const out: Example[] = [];
  const re =
    /@example[^\n]*\n((?:\s*\*[^\n]*\n)*?)\s*\*\s*```(?:ts|typescript|js)\s*\n((?:\s*\*[^\n]*\n)*?)\s*\*\s*```/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const code = m[2]!
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, ''))
      .join('\n');
    const line = text.slice(0, m.index).split('\n').length;
    out.push({ file, line, code });
  }
  return out;
}

function isLiteral(src: string): boolean {
  try {
    // eslint-disable-next-line no-new-func
    new Function(`return (${src});`);
    return /^[-\d[{'"tfnNI]/.test(src.trim());
  } catch {
    return false;
  }
}

/** Rewrites an example into a module: imports point at sources, value comments become assertions. */
export function instrument(code: string): string {
  const body = code
    .replace(
      /from '@dl\/([a-z-]+)(?:\/([a-z-]+))?'/g,
      (_, name: string, sub: string | undefined) =>
        `from '${join(root, 'packages', name, `src/${sub ?? 'index'}.ts`)}'`,
    )
    .split('\n')
    .map((l, i) => {
      const m = /^(\s*)(?!\/\/)(.+?);\s*\/\/\s*(.+?)\s*$/.exec(l);
      if (!m || !isLiteral(m[3]!) || /^(const|let|var|import|export|return)\b/.test(m[2]!.trim())) return l;
      return `${m[1]}__check(${m[2]}, ${m[3]}, ${JSON.stringify(m[3])}, ${i + 1});`;
    })
    .join('\n');
  return `import { __check } from '${join(root, 'tests/doc-examples/check.ts')}';\n${body}\nexport {};\n`;
}

/** Registers one vitest test per `@example` found under `srcDir`, and returns the examples found. */
export function runDocExamples(srcDir: string): Example[] {
  const files = walk(srcDir);
  const examples = files.flatMap(extractExamples);
  const tmp = join(srcDir, '..', 'node_modules', '.doc-examples');
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  examples.forEach((ex, k) => {
    const name = `${relative(srcDir, ex.file)}:${ex.line}`;
    test(`@example at ${name} runs and its values hold`, async () => {
      const path = join(tmp, `example-${k}.ts`);
      writeFileSync(path, instrument(ex.code));
      await import(/* @vite-ignore */ path);
    });
  });
  return examples;
}
