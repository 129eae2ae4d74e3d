// The guide's pictures and example reports (docs/images/diagnose/*.svg, the reports in docs/diagnose.md) are
// rendered from recorded real training runs (fixtures/example-runs.json, scripts/examples.ts). Regenerate:
//   RECORD_EXAMPLES=1 npx vitest run test/plots.test.ts   (retrains the runs, rewrites the fixture)
//   UPDATE_PLOTS=1 npx vitest run test/plots.test.ts      (rewrites the images and the guide's report blocks)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { type ExampleRuns, recordExamples, renderExamples } from '../scripts/examples';
import { diagnoseCurves } from '../src/diagnoseCurves';

const fixturePath = fileURLToPath(new URL('../fixtures/example-runs.json', import.meta.url));
const imagesDir = fileURLToPath(new URL('../../../docs/images/diagnose/', import.meta.url));
const guidePath = fileURLToPath(new URL('../../../docs/diagnose.md', import.meta.url));

if (process.env['RECORD_EXAMPLES']) {
  test('records the example runs (RECORD_EXAMPLES is set)', { timeout: 300_000 }, () => {
    writeFileSync(fixturePath, `${JSON.stringify(recordExamples())}\n`);
  });
}

const runs = (): ExampleRuns => JSON.parse(readFileSync(fixturePath, 'utf8'));
const block = (name: string) => [`<!-- report:${name} -->`, `<!-- /report:${name} -->`] as const;

if (process.env['UPDATE_PLOTS']) {
  test('writes the images and the guide’s report blocks (UPDATE_PLOTS is set)', () => {
    const { images, reports } = renderExamples(runs());
    mkdirSync(imagesDir, { recursive: true });
    for (const [name, svg] of Object.entries(images)) writeFileSync(imagesDir + name, svg);
    let guide = readFileSync(guidePath, 'utf8');
    for (const [name, md] of Object.entries(reports)) {
      const [open, close] = block(name);
      const a = guide.indexOf(open);
      const b = guide.indexOf(close);
      if (a >= 0 && b > a) guide = `${guide.slice(0, a + open.length)}\n${md}${guide.slice(b)}`;
    }
    writeFileSync(guidePath, guide);
  });
}

test('each recorded run gets the verdict its setup was built for', () => {
  const ex = runs();
  for (const [name, c] of Object.entries(ex.cases)) {
    const d = diagnoseCurves(c.runs, {
      constantLoss: ex.constantLoss,
      ...(c.smaller && { smaller: c.smaller }),
    });
    expect(d.verdict, `${name}: ${d.summary}`).toBe(name);
  }
  expect(ex.lrFinder.suggestions.lr).not.toBeNull();
});

const rendered = existsSync(fixturePath) ? renderExamples(runs()) : { images: {}, reports: {} };

test.each(Object.keys(rendered.images))(
  'docs/images/diagnose/%s is up to date (regenerate: UPDATE_PLOTS=1 npx vitest run test/plots.test.ts)',
  (name) => {
    expect(existsSync(imagesDir + name), `${name} is missing`).toBe(true);
    expect(readFileSync(imagesDir + name, 'utf8')).toBe(rendered.images[name]);
  },
);

test('docs/images/diagnose holds no stale extra SVG, and docs/diagnose.md shows every picture', () => {
  const guide = readFileSync(guidePath, 'utf8');
  const mine = Object.keys(rendered.images);
  const onDisk = readdirSync(imagesDir).filter((f) => f.endsWith('.svg') && !f.startsWith('curvature-'));
  expect(onDisk.sort()).toEqual(mine.sort());
  for (const name of mine) expect(guide).toContain(`](images/diagnose/${name})`);
});

test.each(Object.keys(rendered.reports))(
  'the example report "%s" in docs/diagnose.md is up to date',
  (name) => {
    const guide = readFileSync(guidePath, 'utf8');
    const [open, close] = block(name);
    const a = guide.indexOf(open);
    const b = guide.indexOf(close);
    expect(a, `docs/diagnose.md lacks ${open}`).toBeGreaterThanOrEqual(0);
    expect(guide.slice(a + open.length, b)).toBe(`\n${rendered.reports[name]}`);
  },
);
