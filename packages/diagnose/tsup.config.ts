import { defineConfig } from 'tsup';
import { sharedBuild } from '../../tsup.shared';

// Two entry points: `@dl/diagnose` (monitors, verdicts, critical points: tiny) and `@dl/diagnose/report` (pictures
// and reports for people).
export default defineConfig({ ...(sharedBuild as object), entry: ['src/index.ts', 'src/report.ts'] });
