// Runs a command with an X display for headless-gl: as it is when DISPLAY is set or xvfb-run is missing (the
// headless-gl tests then skip, saying why), else under `xvfb-run -a` (Mesa's software GL on a virtual screen).
// Usage: node scripts/withDisplay.mjs vitest run
import { spawnSync } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
const hasXvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
const wrap = !process.env.DISPLAY && hasXvfb;
const result = wrap
  ? spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', command, ...args], { stdio: 'inherit' })
  : spawnSync(command, args, { stdio: 'inherit' });
if (result.error) throw result.error;
process.exit(result.status ?? 1);
