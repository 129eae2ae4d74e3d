// The device benchmark in a browser: @dl/tensor/gpu on WebGL2 (gpu.js) and WebGPU (our WGSL) beside TensorFlow.js
// 4.22 webgl and webgpu and @jax-js/jax webgpu, on one page of Debian's Chromium (playwright-core, no download),
// with every case's result read back in full (so queued GPU work is included). By hand, never in CI:
//
//   node bench/chromium.mjs            # SwiftShader (software WebGL2 and WebGPU): correctness and overhead only
//   node bench/chromium.mjs --gpu      # a machine with a GPU: Chromium's hardware WebGL2/WebGPU (the device check)
//   node bench/chromium.mjs --quick    # matmul 256/512, add, softmax, the MLP step
//   node bench/chromium.mjs --full     # also matmul 2048
//   node bench/chromium.mjs --calibrate   # calibrateDevice on WebGL2 and WebGPU: the small-tensor thresholds
//
// Prints a Markdown table (milliseconds per call, median) with the browser's GPU adapter and WebGL renderer, the
// date and `uptime`, ready for docs/benchmarks/gpu.md. An engine that cannot start (no adapter) gets a row of
// its reason. The page is served from http://localhost (WebGPU needs a secure context).
import { execSync } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const gpu = args.includes('--gpu');
const quick = args.includes('--quick');
const full = args.includes('--full');
const here = fileURLToPath(new URL('.', import.meta.url));
const src = fileURLToPath(new URL('../src/', import.meta.url));

const page = `
import * as dl from ${JSON.stringify(`${src}index.ts`)};
import { calibrateDevice, createDevice } from ${JSON.stringify(`${src}gpu.ts`)};
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import * as jax from '@jax-js/jax';

const values = (n, seed) => { const a = new Float32Array(n); let s = seed; for (let i = 0; i < n; i++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; a[i] = (s >>> 8) / 16777216 - 0.5; } return a; };
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
async function time(once) {
  await once(); // warm-up: compiles the kernels
  const ts = [];
  const start = performance.now();
  while (ts.length < 3 || (ts.length < 10 && performance.now() - start < 400)) {
    const t0 = performance.now();
    await once();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

// each case: shapes of its inputs and the op, per engine
const mlpSizes = [64, 128, 64, 10];
function cases(opts) {
  const out = [];
  for (const n of opts.matmul) out.push({ name: 'matmul ' + n + 'x' + n, shapes: [[n, n], [n, n]], dl: (a, b) => dl.matmul(a, b), tf: (a, b) => tf.matMul(a, b), jax: (a, b) => jax.numpy.matmul(a, b), flops: 2 * n * n * n });
  out.push({ name: 'add 1M', shapes: [[1024, 1024], [1024, 1024]], dl: (a, b) => dl.add(a, b), tf: (a, b) => tf.add(a, b), jax: (a, b) => jax.numpy.add(a, b) });
  out.push({ name: 'relu 1M', shapes: [[1024, 1024]], dl: (a) => dl.relu(a), tf: (a) => tf.relu(a), jax: (a) => jax.nn.relu(a) });
  out.push({ name: 'softmax 256x1000', shapes: [[256, 1000]], dl: (a) => dl.softmax(a, -1), tf: (a) => tf.softmax(a), jax: (a) => jax.nn.softmax(a, -1) });
  out.push({ name: 'MLP 64-128-64-10 forward+backward, batch 64', mlp: true });
  return out;
}

async function ours(backend, list) {
  let device;
  try { device = await createDevice({ backend, strict: true, minSize: 0 }); } catch (e) { return { error: e.message.split(';').slice(0, 2).join(';') }; }
  const rows = {};
  for (const c of list) {
    if (c.mlp) {
      const x = dl.toDevice(dl.tensor(values(64 * 64, 1), { shape: [64, 64] }), device);
      const y = dl.toDevice(dl.tensor(values(64 * 10, 2), { shape: [64, 10] }), device);
      const ws = [];
      for (let l = 0; l < 3; l++) ws.push(dl.toDevice(dl.tensor(values(mlpSizes[l] * mlpSizes[l + 1], 3 + l), { shape: [mlpSizes[l], mlpSizes[l + 1]] }), device).setRequiresGrad(), dl.toDevice(dl.tensor(new Float32Array(mlpSizes[l + 1])), device).setRequiresGrad());
      rows[c.name] = await time(async () => {
        const loss = dl.tidy(() => {
          let h = x;
          for (let l = 0; l < 3; l++) { h = dl.add(dl.matmul(h, ws[2 * l]), ws[2 * l + 1]); if (l < 2) h = dl.relu(h); }
          const l = dl.neg(dl.mean(dl.sum(dl.mul(dl.logSoftmax(h, -1), y), -1)));
          l.backward();
          return l.detach();
        });
        await Promise.all([loss.dataAsync(), ...ws.map((w) => w.grad.dataAsync())]);
        loss.dispose();
        for (const w of ws) w.zeroGrad();
      });
      continue;
    }
    const xs = c.shapes.map((s, i) => dl.toDevice(dl.tensor(values(s[0] * s[1], i + 1), { shape: s }), device));
    rows[c.name] = await time(async () => { const r = dl.tidy(() => c.dl(...xs)); await r.dataAsync(); r.dispose(); });
    for (const x of xs) x.dispose();
  }
  return { rows, name: device.name };
}

async function tfjs(backend, list) {
  try { if (!(await tf.setBackend(backend))) return { error: 'tf.setBackend returned false' }; await tf.ready(); } catch (e) { return { error: String(e.message || e) }; }
  const rows = {};
  for (const c of list) {
    if (c.mlp) {
      const x = tf.tensor2d(values(64 * 64, 1), [64, 64]);
      const y = tf.tensor2d(values(64 * 10, 2), [64, 10]);
      const ws = [];
      for (let l = 0; l < 3; l++) ws.push(tf.variable(tf.tensor2d(values(mlpSizes[l] * mlpSizes[l + 1], 3 + l), [mlpSizes[l], mlpSizes[l + 1]])), tf.variable(tf.zeros([mlpSizes[l + 1]])));
      rows[c.name] = await time(async () => {
        const { value, grads } = tf.variableGrads(() => {
          let h = x;
          for (let l = 0; l < 3; l++) { h = tf.add(tf.matMul(h, ws[2 * l]), ws[2 * l + 1]); if (l < 2) h = tf.relu(h); }
          return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(h), y), -1)));
        }, ws);
        await Promise.all([value.data(), ...Object.values(grads).map((g) => g.data())]);
        value.dispose();
        tf.dispose(Object.values(grads));
      });
      continue;
    }
    const xs = c.shapes.map((s, i) => tf.tensor2d(values(s[0] * s[1], i + 1), s));
    rows[c.name] = await time(async () => { const r = tf.tidy(() => c.tf(...xs)); await r.data(); r.dispose(); });
    tf.dispose(xs);
  }
  return { rows, name: 'tfjs-' + backend };
}

async function jaxjs(device, list) {
  try { const got = await jax.init(device); if (Array.isArray(got) && !got.includes(device)) return { error: 'jax.init: no ' + device + ' device (' + got.join(', ') + ')' }; jax.defaultDevice(device); } catch (e) { return { error: String(e.message || e) }; }
  const rows = {};
  for (const c of list) {
    if (c.mlp) { rows[c.name] = null; continue; }
    const xs = c.shapes.map((s, i) => jax.numpy.array(values(s[0] * s[1], i + 1)).reshape(s));
    const f = jax.jit((...a) => c.jax(...a));
    rows[c.name] = await time(async () => { const r = f(...xs.map((x) => x.ref)); await r.data(); });
    for (const x of xs) x.dispose();
  }
  return { rows, name: 'jax-js ' + device };
}

// the small-tensor threshold of each backend on this browser's renderer (calibrateDevice), and the default it got
globalThis.CALIBRATE = async () => {
  const out = [];
  for (const backend of ['webgl2', 'webgpu']) {
    let device;
    try { device = await createDevice({ backend }); } catch (e) { out.push({ backend, error: e.message.split(';')[0] }); continue; }
    const auto = device.minSize;
    const sizes = [16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576];
    out.push({ backend, auto, ...(await calibrateDevice(device, { sizes, rounds: 5, budgetMs: 30000 })) });
    device.destroy();
  }
  return out;
};

globalThis.BENCH = async (opts) => {
  const list = cases(opts);
  const info = {};
  try { const a = await navigator.gpu?.requestAdapter(); info.webgpu = a ? JSON.stringify(a.info ?? {}) : 'no adapter'; } catch (e) { info.webgpu = String(e); }
  try { const gl = document.createElement('canvas').getContext('webgl2'); const ext = gl.getExtension('WEBGL_debug_renderer_info'); info.webgl = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER); } catch (e) { info.webgl = String(e); }
  const engines = [];
  for (const run of [() => ours('webgl2', list), () => ours('webgpu', list), () => tfjs('webgl', list), () => tfjs('webgpu', list), () => jaxjs('webgpu', list)]) {
    try { engines.push(await run()); } catch (e) { engines.push({ error: String(e && e.stack || e) }); }
  }
  return { info, cases: list.map((c) => ({ name: c.name, flops: c.flops })), engines };
};
`;

const out = await build({
  stdin: { contents: page, resolveDir: here },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  mainFields: ['browser', 'module', 'main'],
  alias: { '@dl/internal': fileURLToPath(new URL('../../internal/src/index.ts', import.meta.url)) },
  plugins: [
    {
      name: 'self',
      setup: (b) => b.onResolve({ filter: /^@dl\/tensor$/ }, () => ({ path: `${src}index.ts` })),
    },
  ],
  write: false,
  logLevel: 'error',
});
const bundle = out.outputFiles[0].text;
const server = createServer((req, res) => {
  if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
  else
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>bench</title><script type="module" src="/bench.js"></script>');
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const flags = gpu
  ? ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-angle=vulkan', '--ignore-gpu-blocklist']
  : [
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      '--enable-unsafe-webgpu',
      '--enable-features=Vulkan',
      '--use-webgpu-adapter=swiftshader',
    ];
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    ...flags,
  ],
});
const load = execSync('uptime').toString().trim();
try {
  const p = await browser.newPage();
  p.on('pageerror', (e) => console.error('page error:', e.message));
  await p.goto(`http://localhost:${server.address().port}/`);
  await p.waitForFunction(() => typeof globalThis.BENCH === 'function');
  if (args.includes('--calibrate')) {
    console.log(
      `Chromium ${browser.version()}, ${gpu ? 'hardware GPU flags' : 'SwiftShader (software)'}; ${new Date().toISOString()}; ${load}`,
    );
    for (const c of await p.evaluate(() => globalThis.CALIBRATE())) {
      if (c.error) {
        console.log(`${c.backend}: not run (${c.error})`);
        continue;
      }
      console.log(
        `\n${c.backend} (${c.renderer || 'renderer not reported'}): calibrated minSize ${c.minSize}${c.truncated ? ' (the CPU won at every size)' : ''}, default 'auto' ${c.auto}`,
      );
      console.log('| elements | CPU path (ms/op) | kernel (ms/op) |\n| ---: | ---: | ---: |');
      for (const r of c.rows) console.log(`| ${r.size} | ${r.cpuMs.toFixed(4)} | ${r.deviceMs.toFixed(4)} |`);
    }
    process.exit(0);
  }
  const matmul = quick ? [256, 512] : full ? [256, 512, 1024, 2048] : [256, 512, 1024];
  const r = await p.evaluate((opts) => globalThis.BENCH(opts), { matmul });
  const names = r.engines.map(
    (e, i) => e.name ?? ['ours webgl2', 'ours webgpu', 'tfjs-webgl', 'tfjs-webgpu', 'jax-js webgpu'][i],
  );
  console.log(
    `Chromium ${browser.version()}, ${gpu ? 'hardware GPU flags' : 'SwiftShader (software)'}; ${new Date().toISOString()}; ${load}`,
  );
  console.log(`WebGPU adapter: ${r.info.webgpu}; WebGL renderer: ${r.info.webgl}`);
  for (const [i, e] of r.engines.entries()) if (e.error) console.log(`${names[i]}: not run (${e.error})`);
  console.log(`\n| case | ${names.join(' | ')} |\n| --- |${names.map(() => ' ---: |').join('')}`);
  for (const c of r.cases) {
    const cells = r.engines.map((e) => {
      const v = e.rows?.[c.name];
      if (v === undefined || v === null) return '—';
      return c.flops
        ? `${v.toFixed(2)} ms (${(c.flops / v / 1e6).toFixed(1)} GFLOP/s)`
        : `${v.toFixed(2)} ms`;
    });
    console.log(`| ${c.name} | ${cells.join(' | ')} |`);
  }
} finally {
  await browser.close();
  server.close();
}
