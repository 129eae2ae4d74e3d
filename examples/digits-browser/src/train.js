// The digits MLP trained in the page, with a live loss chart: the main job's model and recipe on one split.
import { shuffledBatches, stratifiedKFold } from '@dl/crossval';
import { crossEntropyLoss } from '@dl/loss';
import { accuracyScore } from '@dl/metrics';
import { Dropout, Linear, ReLU, Sequential } from '@dl/nn';
import { BatchNorm1d, standardScaler } from '@dl/norm';
import { adamw, createOptimizer } from '@dl/optim';
import { createScheduler, plotSvg, warmupCosineDecay } from '@dl/schedule';
import { argmax, getKernelBackend, indexSelect, noGrad, tensor } from '@dl/tensor';

const epochs = 30;
const batchSize = 64;
const status = document.getElementById('status');
const chart = document.getElementById('chart');

// the UCI digits: one CSV line per image, 64 pixels in 0..16 then the digit
const response = await fetch('digits.csv.gz');
const text = await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).text();
const rows = text
  .trim()
  .split('\n')
  .map((line) => line.split(',').map(Number));
const x = tensor(Float32Array.from(rows.flatMap((r) => r.slice(0, 64))), { shape: [rows.length, 64] });
const labels = Int32Array.from(rows, (r) => r[64]);
const y = tensor(labels, { dtype: 'int32' });

// one stratified split, 80 % / 20 %; the scaler learns from the training rows only
const [{ train, test }] = stratifiedKFold({ nSplits: 5, shuffle: true, randomState: 0 }).split({ y: labels });
const take = (t, rows) => indexSelect(t, 0, tensor(rows, { dtype: 'int32' }));
const scaler = standardScaler();
const scaling = scaler.fit(take(x, train));
const xTrain = scaler.transform(take(x, train), scaling);
const xTest = scaler.transform(take(x, test), scaling);
const yTrain = take(y, train);
const yTest = take(y, test);

const model = new Sequential(
  new Linear(64, 128, { seed: 1 }),
  new BatchNorm1d(128),
  new ReLU(),
  new Dropout({ p: 0.1, seed: 2 }),
  new Linear(128, 64, { seed: 3 }),
  new BatchNorm1d(64),
  new ReLU(),
  new Linear(64, 10, { seed: 4 }),
);
const optimizer = createOptimizer([...model.parameters()], adamw({ lr: 3e-3, weightDecay: 1e-4 }));
const stepsPerEpoch = Math.ceil(train.length / batchSize);
const totalSteps = epochs * stepsPerEpoch;
const lr = warmupCosineDecay({ peak: 3e-3, warmupSteps: Math.floor(0.05 * totalSteps), totalSteps });
const scheduler = createScheduler(optimizer, { schedules: { lr } });
const lossOf = (logits, target) => crossEntropyLoss(logits, target, { labelSmoothing: 0.1 });

const curves = { train: [], validation: [], accuracy: [] };
let epochLoss = 0;
let epochSteps = 0;
for (const { epoch, batch, indices } of shuffledBatches({
  indices: train.length,
  batchSize,
  epochs,
  randomState: 0,
})) {
  if (indices.length >= 2) {
    // BatchNorm needs two rows per batch in training
    model.train();
    optimizer.zeroGrad();
    const loss = lossOf(model.forward(take(xTrain, indices)), take(yTrain, indices));
    loss.backward();
    optimizer.step();
    scheduler.step();
    epochLoss += loss.item();
    epochSteps++;
  }
  if (batch < stepsPerEpoch - 1) continue;
  // end of an epoch: validation loss and accuracy, then redraw the chart and let the page paint
  model.eval();
  const logits = noGrad(() => model.forward(xTest));
  curves.train.push(epochLoss / epochSteps);
  curves.validation.push(noGrad(() => lossOf(logits, yTest)).item());
  curves.accuracy.push(accuracyScore(yTest.data, argmax(logits, { axis: 1 }).data));
  epochLoss = 0;
  epochSteps = 0;
  chart.innerHTML = plotSvg([curves.train, curves.validation], {
    width: 720,
    height: 260,
    title: 'cross-entropy (nats) per epoch',
    labels: ['train (dropout on)', 'validation'],
    xLabel: 'epoch',
  });
  status.textContent = `epoch ${epoch + 1}/${epochs}: validation accuracy ${(100 * curves.accuracy.at(-1)).toFixed(2)} %`;
  await new Promise((resolve) => setTimeout(resolve));
}
status.textContent += ` — done, on the ${getKernelBackend()} kernels`;
// for the console (and the page's test)
globalThis.digits = { curves, accuracy: curves.accuracy.at(-1), kernels: getKernelBackend() };
