// The digits job's model trained in the page on a GPU device (WebGPU or WebGL2), with a live loss chart. Every
// tensor of the step lives on the device (parameters, AdamW's moments, BatchNorm's running statistics, dropout's
// masks); each step runs in tidy(), so device memory stays flat; the loss is summed on the device and read back
// once per epoch with `await dataAsync()` (the only readback WebGPU has; it works on WebGL too).
import { stratifiedKFold } from '@dl/crossval';
import { standardScaler } from '@dl/norm';
import { plotSvg } from '@dl/schedule';
import { argmax, indexSelect, noGrad, tensor, tidy, toDevice } from '@dl/tensor';
import { createDevice } from '@dl/tensor/gpu';
import { buildModel, moduleToDevice, trainer } from './model.js';

const epochs = 10;
const batchSize = 64;
const status = document.getElementById('status');
const chart = document.getElementById('chart');
const query = new URLSearchParams(location.search);
const backend = query.get('backend') ?? 'auto';
// ?minSize=0 puts every op on the device (on a software renderer the default keeps small CPU-side ops there)
const minSize = query.has('minSize') ? Number(query.get('minSize')) : 'auto';
const device = await createDevice({ backend, strict: true, minSize });

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
const xTrainDevice = toDevice(xTrain, device);
const yTrainDevice = toDevice(yTrain, device);
const xTest = toDevice(scaler.transform(take(x, test), scaling), device);
const yTest = toDevice(take(y, test), device);

// the digits job's model (Linear + BatchNorm1d + ReLU), AdamW under warmup + cosine, label smoothing: all on the
// device, which is strict (an op without a device kernel throws instead of running on the CPU)
const model = moduleToDevice(buildModel(0), device);
const stepsPerEpoch = Math.ceil(train.length / batchSize);
const { step, lossOf } = trainer(model, epochs * stepsPerEpoch);

const curves = { train: [], validation: [], accuracy: [] };
const order = Array.from(train, (_, i) => i);
for (let epoch = 0; epoch < epochs; epoch++) {
  // a fixed shuffle per epoch (deterministic)
  for (let i = order.length - 1; i > 0; i--) {
    const j = (i * 7919 + epoch * 104729) % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  let lossSum = null; // summed on the device: nothing is read back during the epoch
  let batches = 0;
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order.slice(start, start + batchSize);
    if (batch.length < 2) continue; // BatchNorm needs two rows
    // the batch gathered on the device from the training set uploaded once (only the indices travel)
    const xb = take(xTrainDevice, batch);
    const yb = take(yTrainDevice, batch);
    lossSum = step(xb, yb, lossSum);
    xb.dispose();
    yb.dispose();
    batches++;
  }
  const [epochLoss] = await lossSum.dataAsync();
  lossSum.dispose();
  // end of an epoch: validation loss and accuracy, then redraw the chart and let the page paint
  model.eval();
  const out = tidy(() =>
    noGrad(() => {
      const logits = model.forward(xTest);
      return { loss: lossOf(logits, yTest), logits };
    }),
  );
  const [[loss], logits] = await Promise.all([out.loss.dataAsync(), out.logits.dataAsync()]);
  const predicted = argmax(tensor(logits, { shape: out.logits.shape.slice() }), { axis: 1 }).data;
  out.loss.dispose();
  out.logits.dispose();
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
  minSize: device.minSize,
  liveTextures: device.liveTextures,
  // what stays on the device: each parameter with its last gradient and AdamW's two moments, the running
  // statistics, the training and test sets
  resident: 4 * model.parameters().length + model.buffers().filter((b) => b.dtype === 'float32').length + 4,
  onDevice: model.parameters().every((p) => p.device === device),
};
