const assert = require('node:assert/strict');
const { lanczos, constantPredictorLoss } = require('@dl/diagnose');
const { lossCurvesSvg } = require('@dl/diagnose/report');

const r = lanczos((v) => v.map((x, i) => (i + 1) * x), { dimension: 4 });
assert.ok(Math.abs(r.largest[0].value - 4) < 1e-9);
assert.ok(Math.abs(constantPredictorLoss('crossEntropy', [0, 1]) - Math.log(2)) < 1e-15);
assert.match(lossCurvesSvg({ train: [1, 0.5] }), /^<svg /);
console.log('ok');
