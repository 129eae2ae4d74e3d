import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
const site = process.cwd() + '/docs/api';
const server = createServer((req, res) => { const f = join(site, decodeURIComponent(new URL(req.url, 'http://x').pathname)); if (!existsSync(f)) { res.writeHead(404).end(); return; } res.writeHead(200, {'content-type': f.endsWith('.html') ? 'text/html' : f.endsWith('.js') ? 'text/javascript' : f.endsWith('.css') ? 'text/css' : f.endsWith('.svg') ? 'image/svg+xml' : 'font/woff2'}); res.end(readFileSync(f)); });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const mode = process.argv[2];
const c = await b.newContext();
if (mode !== 'noroute') await c.route('**/*', (r) => { const u = r.request().url(); if (u.endsWith('/search.js') || u.endsWith('/navigation.js')) return r.fulfill({ contentType: 'text/javascript', body: '' }); return r.continue(); });
const p = await c.newPage();
const list = ['functions/_dl_tensor.hvp.html', 'modules/_dl_tensor.html', 'documents/The__dl_tensor_guide.html', 'classes/_dl_nn.Linear.html'];
const t0 = Date.now(); let n = 0;
for (const u of list) for (let i = 0; i < 3; i++) { const t = Date.now(); await p.goto(`${origin}/${u}`, { waitUntil: 'load' }); n++; if (i === 0) console.log(u, Date.now() - t); }
console.log(mode, (Date.now() - t0) / n, 'ms per page');
await b.close(); server.close();
