import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { plotsDir, renderPlots, writePlots } from '../scripts/curvaturePlots';

const plots = renderPlots();

if (process.env['UPDATE_PLOTS']) {
  test('writes the curvature plots of docs/diagnose.md (UPDATE_PLOTS is set)', () => {
    expect(writePlots().length).toBe(Object.keys(plots).length);
  });
}

test.each(Object.keys(plots))(
  'docs/images/diagnose-curvature/%s is up to date (regenerate: UPDATE_PLOTS=1 npx vitest run test/curvaturePlots.test.ts)',
  (name) => {
    const path = join(plotsDir, name);
    expect(existsSync(path), `${path} is missing`).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(plots[name]);
  },
);

test('docs/images/diagnose-curvature holds no stale extra SVG, and docs/diagnose.md shows every plot', () => {
  const onDisk = readdirSync(plotsDir).filter((f) => f.endsWith('.svg'));
  expect(onDisk.sort()).toEqual(Object.keys(plots).sort());
  const guide = readFileSync(join(plotsDir, '../../diagnose.md'), 'utf8');
  for (const name of Object.keys(plots)) expect(guide).toContain(`](images/diagnose-curvature/${name})`);
});
