// The digits MLP trained in the page on a GPU device, with a live loss chart. Every tensor of the step lives on
// the device; each step runs in tidy(), so device memory stays flat; only the loss is read back.
import { stratifiedKFold } from '@dl/crossval';
import { standardScaler } from '@dl/norm';
import { plotSvg } from '@dl/schedule';
import {
  add,
  argmax,
  div,
  indexSelect,
  logSoftmax,
  matmul,
  mean,
  mul,
  neg,
  noGrad,
  randn,
  relu,
  sqrt,
  square,
  sub,
  sum,
  tensor,
  tidy,
  toDevice,
  zeros,
} from '@dl/tensor';
import { createDevice } from '@dl/tensor/gpu';

const epochs = 10;
const batchSize = 64;
const status = document.getElementById('status');
const chart = document.getElementById('chart');
const backend = new URLSearchParams(location.search).get('backend') ?? 'auto';
const device = await createDevice({ backend });

// the UCI digits: one CSV line per image, 64 pixels in 0..16 then the digit
const response = await fetch('digits.csv.gz');
const text = await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).text();
const rows = text
  .trim()
  .split('\n')
  .map((line) => line.split(',').map(Number));
const x = tensor(Float32Array.from(rows.flatMap((r) => r.slice(0, 64))), { shape: [rows.length, 64] });
const labels = Int32Array.from(rows, (r) => r[64]);
const oneHot = new Float32Array(rows.length * 10);
labels.forEach((l, i) => {
  oneHot[i * 10 + l] = 1;
});
const y = tensor(oneHot, { shape: [rows.length, 10] });

// one stratified split, 80 % / 20 %; the scaler learns from the training rows only (on the CPU)
const [{ train, test }] = stratifiedKFold({ nSplits: 5, shuffle: true, randomState: 0 }).split({ y: labels });
const take = (t, r) => indexSelect(t, 0, tensor(r, { dtype: 'int32' }));
const scaler = standardScaler();
const scaling = scaler.fit(take(x, train));
const xTrain = scaler.transform(take(x, train), scaling);
const yTrain = take(y, train);
const xTest = toDevice(scaler.transform(take(x, test), scaling), device);
const yTest = toDevice(take(y, test), device);

// parameters and Adam moments, on the device
const sizes = [64, 128, 64, 10];
let params = [];
for (let l = 0; l < 3; l++) {
  const w = mul(randn([sizes[l], sizes[l + 1]], { seed: l + 1 }), Math.sqrt(2 / sizes[l]));
  params.push(toDevice(w, device), toDevice(zeros([sizes[l + 1]]), device));
}
let m = params.map((p) => toDevice(zeros(p.shape), device));
let v = params.map((p) => toDevice(zeros(p.shape), device));

const forward = (ps, input) => {
  let h = input;
  for (let l = 0; l < 3; l++) {
    h = add(matmul(h, ps[2 * l]), ps[2 * l + 1]);
    if (l < 2) h = relu(h);
  }
  return h;
};
const crossEntropy = (logits, target) => neg(mean(sum(mul(logSoftmax(logits, -1), target), -1)));

const lr = 3e-3;
let step = 0;
const curves = { train: [], validation: [], accuracy: [] };
const order = Array.from(train, (_, i) => i);
for (let epoch = 0; epoch < epochs; epoch++) {
  // a fixed shuffle per epoch (deterministic)
  for (let i = order.length - 1; i > 0; i--) {
    const j = (i * 7919 + epoch * 104729) % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  let epochLoss = 0;
  let batches = 0;
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order.slice(start, start + batchSize);
    const xb = toDevice(take(xTrain, batch), device);
    const yb = toDevice(take(yTrain, batch), device);
    step++;
    const next = tidy(() => {
      const ws = params.map((p) => p.detach().setRequiresGrad());
      const loss = crossEntropy(forward(ws, xb), yb);
      loss.backward();
      const c1 = 1 - 0.9 ** step;
      const c2 = 1 - 0.999 ** step;
      const out = ws.map((w, k) => {
        const g = w.grad;
        const mk = add(mul(m[k], 0.9), mul(g, 0.1));
        const vk = add(mul(v[k], 0.999), mul(square(g), 0.001));
        const p = sub(w.detach(), div(mul(mk, lr / c1), add(sqrt(div(vk, c2)), 1e-8)));
        return [p, mk, vk];
      });
      return { loss: loss.detach(), out };
    });
    for (const t of [...params, ...m, ...v, xb, yb]) t.dispose();
    params = next.out.map((o) => o[0]);
    m = next.out.map((o) => o[1]);
    v = next.out.map((o) => o[2]);
    epochLoss += next.loss.item();
    next.loss.dispose();
    batches++;
  }
  // end of an epoch: validation loss and accuracy, then redraw the chart and let the page paint
  const { loss, predicted } = tidy(() =>
    noGrad(() => {
      const logits = forward(params, xTest);
      return {
        loss: crossEntropy(logits, yTest).item(),
        predicted: argmax(toDevice(logits, 'cpu'), { axis: 1 }).data,
      };
    }),
  );
  const truth = Array.from(test, (i) => labels[i]);
  curves.train.push(epochLoss / batches);
  curves.validation.push(loss);
  curves.accuracy.push(truth.filter((t, i) => predicted[i] === t).length / truth.length);
  chart.innerHTML = plotSvg([curves.train, curves.validation], {
    width: 720,
    height: 260,
    title: 'cross-entropy (nats) per epoch',
    labels: ['train', 'validation'],
    xLabel: 'epoch',
  });
  status.textContent = `epoch ${epoch + 1}/${epochs} on ${device.name}: validation accuracy ${(100 * curves.accuracy.at(-1)).toFixed(2)} %`;
  await new Promise((resolve) => setTimeout(resolve));
}
status.textContent += ' — done';
// for the console (and the page's test)
globalThis.digits = {
  curves,
  accuracy: curves.accuracy.at(-1),
  device: device.name,
  liveTextures: device.liveTextures,
};
