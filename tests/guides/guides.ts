import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The guides that span packages (each package's own guide is tested by its package). */
export const GUIDES = ['docs/pytorch.md', 'docs/scikit-learn.md', 'docs/tfjs.md', 'docs/tensor-interface.md'];

export interface Block {
  lang: string;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/** The fenced code blocks of a Markdown text. */
export function blocks(text: string): Block[] {
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map((m) => ({
    lang: m[1]!,
    code: m[2]!,
    line: text.slice(0, m.index).split('\n').length,
  }));
}

export interface Table {
  header: string[];
  rows: string[][];
  /** 1-based line of the header. */
  line: number;
}

/** The Markdown tables of a text (outside code blocks), cells trimmed. */
export function tables(text: string): Table[] {
  const lines = text.replace(/^```[\s\S]*?^```/gm, (b) => b.replace(/[^\n]/g, '')).split('\n');
  const cells = (l: string) =>
    l
      .trim()
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
  const out: Table[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]!.trim().startsWith('|') || !/^\s*\|[\s:|-]+\|\s*$/.test(lines[i + 1]!)) continue;
    const table: Table = { header: cells(lines[i]!), rows: [], line: i + 1 };
    let j = i + 2;
    for (; j < lines.length && lines[j]!.trim().startsWith('|'); j++) table.rows.push(cells(lines[j]!));
    out.push(table);
    i = j;
  }
  return out;
}

/** The inline code spans of a table cell. */
export function spans(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\\\|/g, '|'));
}

/** The program files of tests/compose/programs, by name. */
export function programs(): Map<string, string> {
  const dir = join(root, 'tests/compose/programs');
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}
