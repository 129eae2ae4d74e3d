/**
 * The pictures of docs/crossval.md: one SVG per splitter, drawn by the package itself (like scikit-learn's
 * "Visualizing cross-validation behavior"). `test/svgs.test.ts` compares them with the committed files;
 * `npm run svgs` (UPDATE_SVGS=1) rewrites them.
 */
import {
  groupKFold,
  groupShuffleSplit,
  kFold,
  leaveOneGroupOut,
  leaveOneOut,
  leavePOut,
  predefinedSplit,
  RandomState,
  repeatedKFold,
  repeatedStratifiedKFold,
  type Split,
  type SplitData,
  type Splitter,
  shuffleSplit,
  splitsToSvg,
  stratifiedGroupKFold,
  stratifiedKFold,
  stratifiedShuffleSplit,
  timeSeriesSplit,
  trainTestSplit,
} from '../src/index';

/** 100 samples, 3 imbalanced classes (10/30/60 %) in blocks, 10 groups of uneven sizes in blocks. */
function demoData(): Required<Pick<SplitData, 'y' | 'groups'>> & { nSamples: number } {
  const n = 100;
  const y = Array.from({ length: n }, (_, i) => (i < 10 ? 0 : i < 40 ? 1 : 2));
  const rng = new RandomState(1338);
  const groups = Array.from({ length: n }, () => rng.randint(0, 10)).sort((a, b) => a - b);
  return { nSamples: n, y, groups };
}

/** Every picture: file name (without .svg) → SVG text. */
export function splitterSvgs(): Record<string, string> {
  const data = demoData();
  const draw = (title: string, splitter: Splitter, d: SplitData & { nSamples: number } = data) =>
    splitsToSvg({ title, splits: splitter.split(d), nSamples: d.nSamples, y: d.y, groups: d.groups });
  const small = { nSamples: 12 };
  const quiet = { onWarning: () => {} };
  const oneSplit = (title: string, split: Split) =>
    splitsToSvg({ title, splits: [split], nSamples: data.nSamples, y: data.y, groups: data.groups });
  return {
    kFold: draw('kFold({ nSplits: 5 })', kFold({ nSplits: 5 })),
    kFoldShuffled: draw(
      'kFold({ nSplits: 5, shuffle: true, randomState: 0 })',
      kFold({ nSplits: 5, shuffle: true, randomState: 0 }),
    ),
    stratifiedKFold: draw('stratifiedKFold({ nSplits: 5 })', stratifiedKFold({ nSplits: 5 })),
    stratifiedKFoldShuffled: draw(
      'stratifiedKFold({ nSplits: 5, shuffle: true, randomState: 0 })',
      stratifiedKFold({ nSplits: 5, shuffle: true, randomState: 0 }),
    ),
    groupKFold: draw('groupKFold({ nSplits: 5 })', groupKFold({ nSplits: 5 })),
    stratifiedGroupKFold: draw(
      'stratifiedGroupKFold({ nSplits: 5 })',
      stratifiedGroupKFold({ nSplits: 5, ...quiet }),
    ),
    repeatedKFold: draw(
      'repeatedKFold({ nSplits: 4, nRepeats: 2, randomState: 0 })',
      repeatedKFold({ nSplits: 4, nRepeats: 2, randomState: 0 }),
    ),
    repeatedStratifiedKFold: draw(
      'repeatedStratifiedKFold({ nSplits: 4, nRepeats: 2, randomState: 0 })',
      repeatedStratifiedKFold({ nSplits: 4, nRepeats: 2, randomState: 0 }),
    ),
    shuffleSplit: draw(
      'shuffleSplit({ nSplits: 5, testSize: 0.25, randomState: 0 })',
      shuffleSplit({ nSplits: 5, testSize: 0.25, randomState: 0 }),
    ),
    stratifiedShuffleSplit: draw(
      'stratifiedShuffleSplit({ nSplits: 5, testSize: 0.25, randomState: 0 })',
      stratifiedShuffleSplit({ nSplits: 5, testSize: 0.25, randomState: 0 }),
    ),
    groupShuffleSplit: draw(
      'groupShuffleSplit({ nSplits: 5, testSize: 0.3, randomState: 0 })',
      groupShuffleSplit({ nSplits: 5, testSize: 0.3, randomState: 0 }),
    ),
    timeSeriesSplit: draw('timeSeriesSplit({ nSplits: 5 })', timeSeriesSplit({ nSplits: 5 })),
    timeSeriesSplitGap: draw(
      'timeSeriesSplit({ nSplits: 5, testSize: 10, gap: 5, maxTrainSize: 30 })',
      timeSeriesSplit({ nSplits: 5, testSize: 10, gap: 5, maxTrainSize: 30 }),
    ),
    leaveOneOut: draw('leaveOneOut() on 12 samples', leaveOneOut(), small),
    leavePOut: draw('leavePOut({ p: 2 }) on 6 samples', leavePOut({ p: 2 }), { nSamples: 6 }),
    leaveOneGroupOut: draw('leaveOneGroupOut()', leaveOneGroupOut()),
    predefinedSplit: draw(
      'predefinedSplit({ testFold }) with folds 0, 1, 2 and -1 (never tested)',
      predefinedSplit({
        testFold: Array.from({ length: 100 }, (_, i) => (i < 60 ? -1 : Math.floor((i - 60) / 14))),
      }),
    ),
    trainTestSplit: oneSplit(
      'trainTestSplit({ testSize: 0.25, stratify: y, randomState: 0 })',
      trainTestSplit({ nSamples: 100, testSize: 0.25, stratify: data.y, randomState: 0 }),
    ),
  };
}
