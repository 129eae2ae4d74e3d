import assert from 'node:assert/strict';
import { analyzeCriticalPoint, diagnoseCurves, earlyStopping } from '@dl/diagnose';
import { lossCurvesSvg } from '@dl/diagnose/report';

const rule = earlyStopping({ patience: 1 });
let s = rule.init();
for (const v of [1, 0.5, 0.6, 0.7]) s = rule.update(s, v);
assert.equal(s.stoppedEpoch, 2);
assert.equal(diagnoseCurves({ train: [1, Number.NaN] }).verdict, 'diverging');
const a = analyzeCriticalPoint({ point: [0, 0], gradient: (p) => [2 * p[0], -2 * p[1]] });
assert.equal(a.kind, 'saddle');
assert.throws(() => earlyStopping({ patience: -1 }), RangeError);
const curves = { train: [1, 0.5, 0.4], validation: [1, 0.6, 0.7] };
assert.match(lossCurvesSvg(curves, { diagnosis: diagnoseCurves(curves) }), /^<svg /);
console.log('ok');
