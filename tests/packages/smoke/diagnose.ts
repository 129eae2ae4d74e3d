import { type Diagnosis, diagnoseCurves, type EarlyStoppingState, earlyStopping } from '@dl/diagnose';
import { type LossCurvesSvgOptions, lossCurvesSvg } from '@dl/diagnose/report';

const d: Diagnosis = diagnoseCurves({ train: [1, 0.5], validation: [1, 0.6] });
const rule = earlyStopping({ monitor: 'val_accuracy', patience: 2 });
const s: EarlyStoppingState = rule.update(rule.init(), { val_accuracy: 0.9 });

const o: LossCurvesSvgOptions = { diagnosis: d, logY: true };
const svg: string = lossCurvesSvg({ train: [1, 0.5] }, o);

export { d, s, svg };
