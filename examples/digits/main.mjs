#!/usr/bin/env node
// The main job: `npm run demo` at the repository root, or `node examples/digits/main.mjs --help`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { renderReport } from './src/report.mjs';
import { availableBackends, BACKENDS, DEFAULTS, runDigits } from './src/runDigits.mjs';

const available = availableBackends();
const DESCRIPTIONS = {
  wasm: `WebAssembly SIMD${available.includes('wasm') ? '' : ', not available in this engine'}`,
  js: 'plain JavaScript',
};

const USAGE = `Usage: node examples/digits/main.mjs [options]

Classifies the UCI digits with an MLP (BatchNorm, dropout, AdamW, warmup + cosine, label smoothing) under
stratified K-fold cross-validation, diagnoses each fold, and writes an HTML report.

Options:
  --epochs <n>         epochs per fold (default ${DEFAULTS.epochs})
  --folds <n>          number of folds, >= 2 (default ${DEFAULTS.folds})
  --seed <n>           seed of the splits, weights, dropout and batches (default ${DEFAULTS.seed})
  --batch-size <n>     mini-batch size (default ${DEFAULTS.batchSize})
  --lr <x>             peak learning rate of AdamW (default ${DEFAULTS.lr})
  --patience <n>       early stopping on the validation loss with restore-best; 0 = off (default ${DEFAULTS.patience})
  --hessian-batch <n>  rows of the final-point Hessian check; 0 = no check (default ${DEFAULTS.hessianBatch})
  --backend <name>     CPU kernels: ${BACKENDS.map((b) => `${b} (${DESCRIPTIONS[b]})`).join(', ')}
                       (default ${DEFAULTS.backend})
  --threads <n>        threads for the large matrix products (wasm kernels; the results are the same
                       whatever n; default ${DEFAULTS.threads})
  --out <dir>          folder of the report (default digits-report)
  --json               print the results as JSON on stdout (no progress, no tables)
  --help               show this help`;

export function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      epochs: { type: 'string' },
      folds: { type: 'string' },
      seed: { type: 'string' },
      'batch-size': { type: 'string' },
      lr: { type: 'string' },
      patience: { type: 'string' },
      'hessian-batch': { type: 'string' },
      backend: { type: 'string' },
      threads: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const int = (name, min, max = Number.POSITIVE_INFINITY) => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min || v > max) {
      const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `in [${min}, ${max}]`;
      throw new RangeError(`--${name} must be an integer ${range}, got "${raw}"`);
    }
    return v;
  };
  const settings = {};
  const put = (key, v) => v !== undefined && (settings[key] = v);
  put('epochs', int('epochs', 1));
  put('folds', int('folds', 2));
  put('seed', int('seed', 0));
  put('batchSize', int('batch-size', 2));
  put('patience', int('patience', 0));
  put('hessianBatch', int('hessian-batch', 0));
  put('threads', int('threads', 1, 64));
  if (values.lr !== undefined) {
    const lr = Number(values.lr);
    if (!(lr > 0) || !Number.isFinite(lr))
      throw new RangeError(`--lr must be a number > 0, got "${values.lr}"`);
    settings.lr = lr;
  }
  if (values.backend !== undefined) {
    if (!BACKENDS.includes(values.backend)) {
      throw new RangeError(
        `--backend must be one of ${BACKENDS.map((b) => `"${b}"`).join(', ')}, got "${values.backend}"`,
      );
    }
    if (!available.includes(values.backend))
      throw new RangeError(
        `--backend "${values.backend}" is not available here (${DESCRIPTIONS[values.backend]})`,
      );
    settings.backend = values.backend;
  }
  return {
    settings,
    out: values.out ?? 'digits-report',
    json: values.json === true,
    help: values.help === true,
  };
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padStart(widths[i])).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main() {
  let parsed;
  try {
    parsed = parseOptions(process.argv.slice(2));
  } catch (e) {
    console.error(`error: ${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const { settings, json } = parsed;
  const s = { ...DEFAULTS, ...settings };
  const tty = process.stdout.isTTY && !json;
  const bar = tty
    ? new cliProgress.SingleBar(
        {
          format: 'fold {fold}/{folds} |{bar}| epoch {epoch}/{epochs}  loss {loss}  lr {lr}',
          hideCursor: true,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let barFold = -1;
  const result = await runDigits(settings, {
    onStep: (e) => {
      if (!bar) return;
      if (e.fold !== barFold) {
        if (barFold >= 0) bar.stop();
        barFold = e.fold;
        bar.start(e.totalSteps, 0, {
          fold: e.fold + 1,
          folds: s.folds,
          epoch: 1,
          epochs: s.epochs,
          loss: '-',
          lr: '-',
        });
      }
      bar.update(e.step + 1, { loss: e.loss.toFixed(4), lr: e.lr.toExponential(2) });
    },
    onEpoch: (e) => bar?.update({ epoch: e.epoch + 1 }),
    onFold: (f) => {
      if (!tty && !json)
        console.log(
          `fold ${f.fold + 1}/${s.folds}: accuracy ${f.accuracy.toFixed(4)} (${f.seconds.toFixed(1)} s)`,
        );
    },
  });
  bar?.stop();
  const dir = resolve(parsed.out);
  mkdirSync(dir, { recursive: true });
  const reportPath = join(dir, 'report.html');
  writeFileSync(reportPath, renderReport(result));
  if (json) {
    console.log(JSON.stringify({ ...result, report: reportPath }));
    return;
  }
  const pct = (x) => `${(100 * x).toFixed(2)}%`;
  console.log(
    `\n${table(
      ['fold', 'accuracy', 'macro F1', 'train loss', 'val loss', 'verdict', 'seconds'],
      result.folds.map((f) => [
        f.fold + 1,
        pct(f.accuracy),
        f.macroF1.toFixed(4),
        f.curves.train.at(-1).toFixed(4),
        f.curves.validation.at(-1).toFixed(4),
        f.diagnosis.verdict,
        f.seconds.toFixed(1),
      ]),
    )}`,
  );
  console.log(
    `\nmean accuracy ${pct(result.mean.accuracy)} ± ${pct(result.std.accuracy)}, macro F1 ${result.mean.macroF1.toFixed(4)} ± ${result.std.macroF1.toFixed(4)}  (${result.seconds.toFixed(1)} s on the ${result.kernels} kernels, ${result.threads === 1 ? 'one thread' : `${result.threads} threads`})`,
  );
  const d = result.diagnosis;
  console.log(`\nverdict: ${d.verdict} (confidence ${d.confidence.toFixed(2)}) — ${d.summary}`);
  console.log(
    `  rule ${d.rule}; train loss ${d.evidence.trainEnd.toFixed(4)} on a scale from ${d.evidence.floor.toFixed(4)} to ${d.evidence.referenceLoss.toFixed(4)}; validation ${d.evidence.validationEnd?.toFixed(4)}`,
  );
  console.log(`  remedies: ${d.remedies.join('; ')}`);
  const h = result.folds[0].hessian;
  if (h) {
    console.log(
      `\nHessian at the final point (fold 1, batch ${h.batch}, ${h.parameters} parameters): |grad| ${h.gradientNorm.toFixed(4)}, λmax ${h.largest.toFixed(4)}, λmin ${h.smallest.toFixed(4)} (${h.products} products) — ${h.kind}`,
    );
  }
  console.log(`\nreport: ${reportPath}`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('main.mjs')) await main();
