import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { splitterSvgs } from '../scripts/svgs';

const dir = fileURLToPath(new URL('../../../docs/images/crossval/', import.meta.url));
const svgs = splitterSvgs();

if (process.env.UPDATE_SVGS) {
  mkdirSync(dir, { recursive: true });
  for (const [name, svg] of Object.entries(svgs)) writeFileSync(join(dir, `${name}.svg`), svg);
}

test.each(Object.keys(svgs))(
  'docs/images/crossval/%s.svg is up to date (UPDATE_SVGS=1 npx vitest run test/svgs.test.ts)',
  (name) => {
    const file = join(dir, `${name}.svg`);
    expect(existsSync(file), `${file} is missing`).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(svgs[name]);
  },
);

test('no stale pictures are left in docs/images/crossval', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.svg'));
  expect(files.sort()).toEqual(
    Object.keys(svgs)
      .map((n) => `${n}.svg`)
      .sort(),
  );
});

test('docs/crossval.md shows every picture', () => {
  const md = readFileSync(fileURLToPath(new URL('../../../docs/crossval.md', import.meta.url)), 'utf8');
  for (const name of Object.keys(svgs)) expect(md).toContain(`images/crossval/${name}.svg`);
});
