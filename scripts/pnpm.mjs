#!/usr/bin/env node
// Runs the pinned pnpm (from package.json's packageManager) through npx, so a fresh machine
// with only Node and npm needs no corepack (its signature check fails on some machines).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { packageManager } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const result = spawnSync('npx', ['-y', packageManager, ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(result.status ?? 1);
