import { lossCurvesSvg } from '@dl/diagnose/report';
import { plotSvg } from '@dl/schedule';

const esc = (s) =>
  String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const fmt = (x, digits = 4) =>
  typeof x === 'number' && Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x);
const pct = (x) => `${(100 * x).toFixed(2)} %`;

/** The confusion matrix summed over folds, as an HTML table shaded by row share (rows: true class). */
function confusionTable(matrix) {
  const rows = matrix.map((row, i) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    const cells = row
      .map((v) => {
        const share = v / total;
        const bg = `rgba(31, 119, 180, ${share.toFixed(3)})`;
        return `<td style="background:${bg};color:${share > 0.5 ? '#fff' : '#222'}">${v}</td>`;
      })
      .join('');
    return `<tr><th>${i}</th>${cells}</tr>`;
  });
  const head = matrix.map((_, j) => `<th>${j}</th>`).join('');
  return `<table class="cm"><caption>rows: true digit, columns: predicted digit (counts over all folds; shade: share of the row)</caption><tr><th></th>${head}</tr>${rows.join('')}</table>`;
}

/**
 * One self-contained HTML file (no scripts, no network): curves per fold drawn by @dl/schedule's plotSvg, the lr
 * schedule, the confusion matrix, the per-fold table, the diagnosis with its evidence, the Hessian check.
 */
export function renderReport(result) {
  const { folds, settings, diagnosis } = result;
  const sum = folds[0].confusion.map((row, i) =>
    row.map((_, j) => folds.reduce((s, f) => s + f.confusion[i][j], 0)),
  );
  const foldRows = folds
    .map(
      (f) =>
        `<tr><td>${f.fold + 1}</td><td>${f.trainSize}</td><td>${f.testSize}</td><td>${pct(f.accuracy)}</td><td>${fmt(f.macroF1)}</td><td>${fmt(f.curves.train.at(-1))}</td><td>${fmt(f.curves.validation.at(-1))}</td><td>${esc(f.diagnosis.verdict)}</td><td>${f.stoppedEpoch ?? '–'}</td><td>${fmt(f.seconds, 3)}</td></tr>`,
    )
    .join('');
  const curves = folds
    .map((f) => {
      const min = f.diagnosis.evidence.validationMinEpoch;
      const loss = lossCurvesSvg(
        { train: f.curves.train, validation: f.curves.validation },
        {
          diagnosis: f.diagnosis,
          width: 460,
          height: 300,
          title: `fold ${f.fold + 1}: train (dropout on) and validation loss`,
          yLabel: 'cross-entropy (nats)',
        },
      );
      const acc = plotSvg(f.curves.validationAccuracy, {
        width: 420,
        height: 300,
        title: `fold ${f.fold + 1}: validation accuracy (fraction) per epoch`,
        xLabel: 'epoch',
      });
      return `<figure>${loss}${acc}<figcaption>Fold ${f.fold + 1}: ${esc(f.diagnosis.verdict)} — ${esc(f.diagnosis.summary)}. Validation minimum at epoch ${min ?? '–'}${f.stoppedEpoch !== null ? `; early-stopped at epoch ${f.stoppedEpoch}` : ''}.</figcaption></figure>`;
    })
    .join('');
  const lr = plotSvg(folds[0].curves.lr, {
    width: 640,
    height: 220,
    title: 'learning rate per optimizer step (fold 1): linear warmup, then cosine to 0',
    xLabel: 'optimizer step',
  });
  const ev = diagnosis.evidence;
  const evidence = Object.entries(ev)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(fmt(v))}</td></tr>`)
    .join('');
  const thresholds = Object.entries(diagnosis.thresholds)
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(fmt(v))}</td></tr>`)
    .join('');
  const hessianRows = folds
    .filter((f) => f.hessian)
    .map(
      (f) =>
        `<tr><td>${f.fold + 1}</td><td>${f.hessian.parameters}</td><td>${f.hessian.batch}</td><td>${fmt(f.hessian.gradientNorm)}</td><td>${fmt(f.hessian.largest)} ± ${fmt(f.hessian.largestResidual, 2)}</td><td>${fmt(f.hessian.smallest)} ± ${fmt(f.hessian.smallestResidual, 2)}</td><td>${f.hessian.products}</td><td>${esc(f.hessian.kind)}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>@dl digits report</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
caption{caption-side:bottom;font-size:13px;color:#555;padding-top:4px}
figure{margin:1em 0;display:flex;flex-wrap:wrap;gap:8px}figcaption{width:100%;font-size:14px}
.cm td{width:2.2em;text-align:center}.verdict{font-size:1.2em;padding:.6em 1em;border-left:4px solid #1f77b4;background:#f3f7fb}
</style></head><body>
<h1>Digits, end to end with @dl</h1>
<p>UCI optical digits (1797 images of 8×8 pixels), stratified ${settings.folds}-fold cross-validation (seed ${settings.seed});
per fold: standardScaler fitted on the training rows, MLP 64-128-64-10 with BatchNorm + ReLU and dropout ${settings.dropout},
AdamW (lr ${settings.lr}, weight decay ${settings.weightDecay}) with linear warmup over ${100 * settings.warmupFraction} % of the steps then cosine to 0,
cross-entropy with label smoothing ${settings.labelSmoothing}, batch ${settings.batchSize}, ${settings.epochs} epochs${settings.patience > 0 ? `, early stopping with patience ${settings.patience} (best weights restored)` : ''}.</p>
<h2>Result</h2>
<p class="verdict">Mean accuracy <b>${pct(result.mean.accuracy)}</b> ± ${pct(result.std.accuracy)}, macro F1 ${fmt(result.mean.macroF1)} ± ${fmt(result.std.macroF1, 2)}
over ${folds.length} folds, in ${fmt(result.seconds, 3)} s on the ${esc(result.kernels ?? settings.backend)} kernels (${result.threads > 1 ? `${result.threads} threads` : 'one thread'}).<br>Diagnosis: <b>${esc(diagnosis.verdict)}</b> (confidence ${fmt(diagnosis.confidence, 2)}) — ${esc(diagnosis.summary)}.</p>
<table><tr><th>fold</th><th>train</th><th>test</th><th>accuracy</th><th>macro F1</th><th>final train loss</th><th>final validation loss</th><th>verdict</th><th>stopped at</th><th>seconds</th></tr>${foldRows}</table>
<h2>Loss and accuracy per fold</h2>
<p>The marks on each loss chart are the fold's diagnosis: its validation minimum, where early stopping would stop, the final gap between validation and training (over the shaded tail) and the verdict. The training loss is measured in training mode (dropout on, batch statistics), the validation loss in evaluation mode: it can sit below the training loss. With label smoothing the loss cannot go below ${fmt(diagnosis.evidence.floor)} nats (the smoothed targets' entropy), the floor of the diagnosis' scale.</p>
${curves}
<h2>Learning-rate schedule</h2>
<figure>${lr}</figure>
<h2>Confusion matrix</h2>
${confusionTable(sum)}
<h2>Diagnosis</h2>
<figure>${lossCurvesSvg(
    folds.map((f) => ({ train: f.curves.train, validation: f.curves.validation })),
    {
      diagnosis,
      width: 760,
      height: 360,
      title: `all ${folds.length} folds (fold 1 strong, the others light), with the overall verdict's evidence`,
      yLabel: 'cross-entropy (nats)',
    },
  )}<figcaption>Marked on the curves: the validation minimum, where early stopping would stop, the generalization gap over the final epochs the verdict averaged (shaded), and the scale the verdict judges on, from the floor (the smoothed targets' entropy) to the constant predictor's loss.</figcaption></figure>
<p>Rule <code>${esc(diagnosis.rule)}</code>; runs judged: ${ev.runs}; per fold: ${diagnosis.perRun.map(esc).join(', ')}.</p>
<p>Remedies for this case: ${diagnosis.remedies.map(esc).join('; ')}.</p>
<table><caption>evidence (means over folds)</caption>${evidence}</table>
<table><caption>thresholds in force</caption>${thresholds}</table>
<h2>Hessian check at the final point</h2>
<p>On one training batch, evaluation mode: the gradient norm and the extreme eigenvalues of the loss's Hessian over all parameters (Lanczos on exact Hessian-vector products by double backward; ± is the residual error bound). A gradient well above zero means training ended away from a critical point, as expected with a schedule that decays to 0 before the gradient vanishes.</p>
<table><tr><th>fold</th><th>parameters</th><th>batch</th><th>‖∇L‖</th><th>λmax</th><th>λmin</th><th>products</th><th>kind</th></tr>${hessianRows}</table>
</body></html>
`;
}
