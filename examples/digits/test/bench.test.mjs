import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('bench:digits', () => {
  it("runs a script outside the repository with this package's TensorFlow.js (the resolve hook)", () => {
    // a stand-in for shared/reference/digits_tfjs.mjs: a file in a folder with no node_modules
    const dir = mkdtempSync(join(tmpdir(), 'digits-reference-'));
    const script = join(dir, 'reference.mjs');
    writeFileSync(
      script,
      "import * as tf from '@tensorflow/tfjs-core';\nimport '@tensorflow/tfjs-backend-cpu';\n" +
        "await tf.setBackend('cpu');\nconsole.log(tf.version_core, tf.getBackend(), tf.add(1, 2).dataSync()[0]);\n",
    );
    const hook = fileURLToPath(new URL('../bench/tfjs-resolve.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script], { stdio: 'pipe' })).toThrow(/Cannot find package/);
    const out = execFileSync(process.execPath, ['--import', hook, script], { encoding: 'utf8' });
    expect(out.trim()).toBe('4.22.0 cpu 3');
  });
});
