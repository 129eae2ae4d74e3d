import { describe, expect, test } from 'vitest';
import {
  auditSplits,
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
  type Splitter,
  shuffledBatches,
  shuffleSplit,
  splitsToSvg,
  stratifiedGroupKFold,
  stratifiedKFold,
  stratifiedShuffleSplit,
  timeSeriesSplit,
  trainTestSplit,
  trainValTestSplit,
  translateTrainSizes,
} from '../src/index';

// biome-ignore lint/suspicious/noExplicitAny: deliberately wrong inputs
type Any = any;
const splitAll = (s: Splitter, data: Any) => () => [...s.split(data)];
const silent = { onWarning: () => {} };

type Row = [string, () => unknown, typeof TypeError | typeof RangeError, string];

const rows: Row[] = [
  // RandomState
  [
    'RandomState: negative seed',
    () => new RandomState(-1),
    TypeError,
    'RandomState: seed must be an integer in [0, 2^32 - 1], got -1',
  ],
  [
    'RandomState: fractional seed',
    () => new RandomState(1.5),
    TypeError,
    'RandomState: seed must be an integer in [0, 2^32 - 1], got 1.5',
  ],
  [
    'RandomState: empty array seed',
    () => new RandomState([]),
    RangeError,
    'RandomState: seed must be a non-empty array, got []',
  ],
  [
    'RandomState: bad array word',
    () => new RandomState([1, 2 ** 32]),
    TypeError,
    'RandomState: seed[1] must be an integer in [0, 2^32 - 1], got 4294967296',
  ],
  [
    'randint: empty range',
    () => new RandomState(0).randint(3, 3),
    RangeError,
    'RandomState.randint: expected integers with 1 <= high - low <= 2^32, got low 3, high 3',
  ],
  [
    'permutation: negative n',
    () => new RandomState(0).permutation(-2),
    RangeError,
    'RandomState.permutation: n must be a non-negative integer, got -2',
  ],
  [
    'setState: bad key',
    () => new RandomState(0).setState({ key: [1], pos: 0 }),
    TypeError,
    'RandomState.setState: state.key must be an array of 624 words',
  ],
  [
    'setState: bad pos',
    () => new RandomState(0).setState({ key: new Array(624).fill(0), pos: 625 }),
    RangeError,
    'RandomState.setState: state.pos must be an integer in [0, 624], got 625',
  ],
  // seeds given to splitters
  [
    'non-integer seed',
    () => kFold({ shuffle: true, randomState: 0.5 }),
    TypeError,
    'kFold: randomState must be an integer in [0, 2^32 - 1], an array of such integers or a RandomState, got 0.5',
  ],
  [
    'string seed',
    () => shuffleSplit({ randomState: '1' as Any }),
    TypeError,
    'shuffleSplit: randomState must be an integer in [0, 2^32 - 1], an array of such integers or a RandomState, got "1"',
  ],
  [
    'bad array seed',
    () => shuffleSplit({ randomState: [1, -1] }),
    TypeError,
    'shuffleSplit: randomState must be an integer in [0, 2^32 - 1], an array of such integers or a RandomState, got [1, -1]',
  ],
  [
    'empty array seed',
    () => shuffleSplit({ randomState: [] }),
    RangeError,
    'shuffleSplit: randomState must be a non-empty array, got []',
  ],
  [
    'randomState without shuffle',
    () => kFold({ randomState: 0 }),
    TypeError,
    'kFold: randomState has no effect when shuffle is false, got randomState 0 with shuffle false',
  ],
  // k < 2, k > n
  ['k < 2', () => kFold({ nSplits: 1 }), RangeError, 'kFold: nSplits must be an integer >= 2, got 1'],
  [
    'non-integer k',
    () => stratifiedKFold({ nSplits: 2.5 }),
    RangeError,
    'stratifiedKFold: nSplits must be an integer >= 2, got 2.5',
  ],
  [
    'shuffle not boolean',
    () => kFold({ shuffle: 1 as Any }),
    TypeError,
    'kFold: shuffle must be a boolean, got 1',
  ],
  [
    'k > n',
    splitAll(kFold({ nSplits: 5 }), { nSamples: 4 }),
    RangeError,
    'kFold: nSplits must be <= the number of samples 4, got 5',
  ],
  [
    'k > n (repeated)',
    splitAll(repeatedKFold({ nSplits: 5, randomState: 0 }), { nSamples: 4 }),
    RangeError,
    'repeatedKFold: nSplits must be <= the number of samples 4, got 5',
  ],
  [
    'nRepeats 0',
    () => repeatedKFold({ nRepeats: 0 }),
    RangeError,
    'repeatedKFold: nRepeats must be an integer >= 1, got 0',
  ],
  [
    'nRepeats 0 (stratified)',
    () => repeatedStratifiedKFold({ nRepeats: 0 }),
    RangeError,
    'repeatedStratifiedKFold: nRepeats must be an integer >= 1, got 0',
  ],
  // data
  [
    'data not an object',
    splitAll(kFold(), null),
    TypeError,
    'kFold: data must be an object { nSamples, X, y, groups }, got null',
  ],
  [
    'nSamples negative',
    splitAll(kFold(), { nSamples: -1 }),
    TypeError,
    'kFold: nSamples must be a non-negative integer, got -1',
  ],
  [
    'X without length',
    splitAll(kFold(), { X: 3 }),
    TypeError,
    'kFold: X must have a length or a shape, got 3',
  ],
  ['y not an array', splitAll(kFold(), { y: 3 }), TypeError, 'kFold: y must be an array, got 3'],
  [
    'groups not an array',
    splitAll(kFold(), { groups: 3 }),
    TypeError,
    'kFold: groups must be an array, got 3',
  ],
  [
    'no data',
    splitAll(kFold(), {}),
    TypeError,
    'kFold: data must give nSamples, X, y or groups, got none of them',
  ],
  [
    'X and nSamples disagree',
    splitAll(kFold(), { nSamples: 5, X: { shape: [6, 2] } }),
    RangeError,
    'kFold: X has 6 samples, expected 5 (nSamples)',
  ],
  [
    'X and y disagree',
    splitAll(stratifiedKFold({ nSplits: 2 }), { X: [1, 2, 3], y: [0, 1] }),
    RangeError,
    'stratifiedKFold: y has length 2, expected 3 (the number of samples)',
  ],
  [
    'X and groups disagree',
    splitAll(groupKFold({ nSplits: 2 }), { X: [1, 2, 3], groups: [0, 1] }),
    RangeError,
    'groupKFold: groups has length 2, expected 3 (the number of samples)',
  ],
  [
    'missing y',
    splitAll(stratifiedKFold(), { nSamples: 10 }),
    TypeError,
    'stratifiedKFold: data.y is required (the class labels to stratify on), got undefined',
  ],
  [
    'missing groups',
    splitAll(groupKFold(), { nSamples: 10 }),
    TypeError,
    'groupKFold: data.groups is required (the group of each sample), got undefined',
  ],
  // labels
  [
    'boolean labels',
    splitAll(stratifiedKFold({ nSplits: 2 }), { y: [true, false] }),
    TypeError,
    'stratifiedKFold: y must hold numbers or strings, got boolean at index 0',
  ],
  [
    'mixed labels',
    splitAll(stratifiedKFold({ nSplits: 2 }), { y: [1, 'a', 1, 'a'] }),
    TypeError,
    'stratifiedKFold: y must hold only numbers or only strings, got a string at index 1 after numbers',
  ],
  [
    'NaN label',
    splitAll(leaveOneGroupOut(), { groups: [1, Number.NaN] }),
    TypeError,
    'leaveOneGroupOut: groups must not contain NaN, got NaN at index 1',
  ],
  [
    'continuous y',
    splitAll(stratifiedKFold({ nSplits: 2 }), { y: [0.5, 0.5, 1.5, 1.5] }),
    TypeError,
    "stratifiedKFold: y must hold class labels (strings or integers, scikit-learn's 'binary' or 'multiclass'), got the continuous value 0.5",
  ],
  // classes smaller than folds
  [
    'every class < k',
    splitAll(stratifiedKFold({ nSplits: 3, ...silent }), { y: [0, 0, 1, 1] }),
    RangeError,
    'stratifiedKFold: nSplits must be <= the number of members of at least one class (the largest class has 2), got 3',
  ],
  [
    'every class < k (group)',
    splitAll(stratifiedGroupKFold({ nSplits: 3, ...silent }), { y: [0, 0, 1, 1], groups: [0, 1, 2, 3] }),
    RangeError,
    'stratifiedGroupKFold: nSplits must be <= the number of members of at least one class (the largest class has 2), got 3',
  ],
  // groups fewer than folds
  [
    'groups < k',
    splitAll(groupKFold({ nSplits: 3 }), { groups: [0, 0, 1, 1] }),
    RangeError,
    'groupKFold: nSplits must be <= the number of distinct groups 2, got 3',
  ],
  [
    'groups < k (stratified)',
    splitAll(stratifiedGroupKFold({ nSplits: 3, ...silent }), {
      y: [0, 0, 0, 1, 1, 1],
      groups: [0, 0, 0, 1, 1, 1],
    }),
    RangeError,
    'stratifiedGroupKFold: nSplits must be <= the number of distinct groups 2, got 3',
  ],
  [
    'one group',
    splitAll(leaveOneGroupOut(), { groups: [4, 4] }),
    RangeError,
    'leaveOneGroupOut: groups must contain at least 2 distinct groups, got 1 ([4])',
  ],
  // sizes that do not fit
  [
    'testSize 0',
    splitAll(shuffleSplit({ testSize: 0 }), { nSamples: 10 }),
    RangeError,
    'shuffleSplit: testSize must be an integer in [1, 9] or a fraction in (0, 1) (with 10 samples), got 0',
  ],
  [
    'testSize 1.5',
    splitAll(shuffleSplit({ testSize: 1.5 }), { nSamples: 10 }),
    RangeError,
    'shuffleSplit: testSize must be an integer in [1, 9] or a fraction in (0, 1) (with 10 samples), got 1.5',
  ],
  [
    'trainSize = n',
    splitAll(shuffleSplit({ trainSize: 10 }), { nSamples: 10 }),
    RangeError,
    'shuffleSplit: trainSize must be an integer in [1, 9] or a fraction in (0, 1) (with 10 samples), got 10',
  ],
  [
    'testSize not a number',
    splitAll(shuffleSplit({ testSize: '0.2' as Any }), { nSamples: 10 }),
    TypeError,
    'shuffleSplit: testSize must be a number (an integer count or a fraction in (0, 1)), got "0.2"',
  ],
  [
    'fractions over 1',
    splitAll(shuffleSplit({ testSize: 0.6, trainSize: 0.6 }), { nSamples: 10 }),
    RangeError,
    'shuffleSplit: testSize + trainSize must be <= 1 when both are fractions, got 0.6 + 0.6 = 1.2',
  ],
  [
    'counts over n',
    splitAll(shuffleSplit({ testSize: 8, trainSize: 5 }), { nSamples: 10 }),
    RangeError,
    'shuffleSplit: the train and test sets must fit in the 10 samples, got 5 + 8 = 13',
  ],
  [
    'empty train',
    splitAll(shuffleSplit({ trainSize: 0.05 }), { nSamples: 10 }),
    RangeError,
    'shuffleSplit: the train set must not be empty, got 0 samples with nSamples 10, testSize undefined and trainSize 0.05',
  ],
  [
    'nSplits 0 (shuffle)',
    () => shuffleSplit({ nSplits: 0 }),
    RangeError,
    'shuffleSplit: nSplits must be an integer >= 1, got 0',
  ],
  [
    'singleton class',
    splitAll(stratifiedShuffleSplit({ testSize: 0.5 }), { y: [0, 0, 1, 1, 2] }),
    RangeError,
    'stratifiedShuffleSplit: every class in y must have at least 2 members, got class 2 with 1',
  ],
  [
    'test < classes',
    splitAll(stratifiedShuffleSplit({ testSize: 2 }), { y: [0, 0, 1, 1, 2, 2] }),
    RangeError,
    'stratifiedShuffleSplit: the test size must be >= the number of classes 3, got 2',
  ],
  [
    'train < classes',
    splitAll(stratifiedShuffleSplit({ trainSize: 2 }), { y: [0, 0, 1, 1, 2, 2] }),
    RangeError,
    'stratifiedShuffleSplit: the train size must be >= the number of classes 3, got 2',
  ],
  [
    'group test too big',
    splitAll(groupShuffleSplit({ testSize: 3 }), { groups: [0, 1, 2] }),
    RangeError,
    'groupShuffleSplit: testSize must be an integer in [1, 2] or a fraction in (0, 1) (with 3 samples), got 3',
  ],
  [
    'time series: folds > n',
    splitAll(timeSeriesSplit({ nSplits: 5 }), { nSamples: 5 }),
    RangeError,
    'timeSeriesSplit: nSplits + 1 must be <= the number of samples 5, got 6',
  ],
  [
    'time series: gap too big',
    splitAll(timeSeriesSplit({ nSplits: 3, gap: 3 }), { nSamples: 6 }),
    RangeError,
    'timeSeriesSplit: too many splits for the data: nSamples 6 - gap 3 - nSplits 3 × testSize 1 must be > 0, got 0',
  ],
  [
    'time series: negative gap',
    () => timeSeriesSplit({ gap: -1 }),
    RangeError,
    'timeSeriesSplit: gap must be an integer >= 0, got -1',
  ],
  [
    'time series: maxTrainSize 0',
    () => timeSeriesSplit({ maxTrainSize: 0 }),
    RangeError,
    'timeSeriesSplit: maxTrainSize must be an integer >= 1, got 0',
  ],
  [
    'time series: testSize 0',
    () => timeSeriesSplit({ testSize: 0 }),
    RangeError,
    'timeSeriesSplit: testSize must be an integer >= 1, got 0',
  ],
  [
    'leave-one-out: 1 sample',
    splitAll(leaveOneOut(), { nSamples: 1 }),
    RangeError,
    'leaveOneOut: the number of samples must be >= 2, got 1',
  ],
  [
    'leave-one-out: count without data',
    () => leaveOneOut().getNSplits(),
    TypeError,
    'leaveOneOut: getNSplits needs the data, got undefined',
  ],
  [
    'leave-p-out: p >= n',
    splitAll(leavePOut({ p: 3 }), { nSamples: 3 }),
    RangeError,
    'leavePOut: p must be < the number of samples 3, got 3',
  ],
  ['leave-p-out: p 0', () => leavePOut({ p: 0 }), RangeError, 'leavePOut: p must be an integer >= 1, got 0'],
  [
    'leave-p-out: no options',
    () => leavePOut(undefined as Any),
    TypeError,
    'leavePOut: options must be an object like { p: … }, got undefined',
  ],
  [
    'leave-p-out: count without data',
    () => leavePOut({ p: 1 }).getNSplits(),
    TypeError,
    'leavePOut: getNSplits needs the data, got undefined',
  ],
  [
    'leave-one-group-out: count without data',
    () => leaveOneGroupOut().getNSplits(),
    TypeError,
    'leaveOneGroupOut: getNSplits needs data.groups, got undefined',
  ],
  [
    'predefined: no testFold',
    () => predefinedSplit({} as Any),
    TypeError,
    'predefinedSplit: testFold must be an array of integers, got undefined',
  ],
  [
    'predefined: fractional fold',
    () => predefinedSplit({ testFold: [0, 0.5] }),
    TypeError,
    'predefinedSplit: testFold must hold integers, got 0.5 at index 1',
  ],
  [
    'predefined: wrong data length',
    splitAll(predefinedSplit({ testFold: [0, 1] }), { nSamples: 3 }),
    RangeError,
    'predefinedSplit: the data has 3 samples, expected 2 (the length of testFold)',
  ],
  // one-shot splits
  [
    'trainTestSplit: no options',
    () => trainTestSplit(undefined as Any),
    TypeError,
    'trainTestSplit: options must be an object like { nSamples: … }, got undefined',
  ],
  [
    'trainTestSplit: stratify length',
    () => trainTestSplit({ nSamples: 4, stratify: [0, 1] }),
    RangeError,
    'trainTestSplit: stratify must be an array of length 4 (the number of samples), got length 2',
  ],
  [
    'trainTestSplit: stratify unshuffled',
    () => trainTestSplit({ nSamples: 4, stratify: [0, 1, 0, 1], shuffle: false }),
    TypeError,
    'trainTestSplit: stratify requires shuffle true, got shuffle false with stratify',
  ],
  [
    'trainValTestSplit: no options',
    () => trainValTestSplit(null as Any),
    TypeError,
    'trainValTestSplit: options must be an object like { nSamples: … }, got null',
  ],
  [
    'trainValTestSplit: stratify length',
    () => trainValTestSplit({ nSamples: 4, stratify: [0] }),
    RangeError,
    'trainValTestSplit: stratify must be an array of length 4 (the number of samples)',
  ],
  [
    'trainValTestSplit: valSize 1.5',
    () => trainValTestSplit({ nSamples: 10, valSize: 1.5 }),
    RangeError,
    'trainValTestSplit: valSize must be an integer in [1, 9] or a fraction in (0, 1) (with 10 samples), got 1.5',
  ],
  [
    'trainValTestSplit: does not fit',
    () => trainValTestSplit({ nSamples: 10, valSize: 5, testSize: 5 }),
    RangeError,
    'trainValTestSplit: the three sets must fit in the 10 samples with a non-empty train set, got train 0 + validation 5 + test 5',
  ],
  // helpers
  [
    'translateTrainSizes: empty',
    () => translateTrainSizes([], 10),
    TypeError,
    'translateTrainSizes: trainSizes must be a non-empty array of numbers, got ',
  ],
  [
    'translateTrainSizes: nMax 0',
    () => translateTrainSizes([1], 0),
    RangeError,
    'translateTrainSizes: nMaxTrainingSamples must be an integer >= 1, got 0',
  ],
  [
    'translateTrainSizes: NaN',
    () => translateTrainSizes([Number.NaN], 5),
    TypeError,
    'translateTrainSizes: trainSizes must hold finite numbers, got NaN',
  ],
  [
    'translateTrainSizes: fraction > 1',
    () => translateTrainSizes([0.5, 1.5], 10),
    RangeError,
    'translateTrainSizes: trainSizes are fractions of the largest training set and must be in (0, 1], got [0.5, 1.5]',
  ],
  [
    'translateTrainSizes: count > max',
    () => translateTrainSizes([1, 11], 10),
    RangeError,
    'translateTrainSizes: trainSizes are counts and must be in [1, 10], got [1, 11]',
  ],
  [
    'shuffledBatches: no options',
    () => shuffledBatches(undefined as Any),
    TypeError,
    'shuffledBatches: options must be an object like { indices: … }, got undefined',
  ],
  [
    'shuffledBatches: bad indices',
    () => shuffledBatches({ indices: 'x' as Any, batchSize: 2 }),
    TypeError,
    'shuffledBatches: indices must be a count or an array of indices, got "x"',
  ],
  [
    'shuffledBatches: batchSize 0',
    () => shuffledBatches({ indices: 4, batchSize: 0 }),
    RangeError,
    'shuffledBatches: batchSize must be an integer >= 1, got 0',
  ],
  [
    'shuffledBatches: epochs -1',
    () => shuffledBatches({ indices: 4, batchSize: 1, epochs: -1 }),
    RangeError,
    'shuffledBatches: epochs must be an integer >= 0, got -1',
  ],
  [
    'shuffledBatches: dropLast',
    () => shuffledBatches({ indices: 4, batchSize: 1, dropLast: 'no' as Any }),
    TypeError,
    'shuffledBatches: dropLast must be a boolean, got "no"',
  ],
  [
    'auditSplits: splits',
    () => auditSplits({ splits: 3 as Any, nSamples: 3 }),
    TypeError,
    'auditSplits: splits must be an iterable of { train, test }, got 3',
  ],
  [
    'auditSplits: nSamples',
    () => auditSplits({ splits: [], nSamples: -1 }),
    TypeError,
    'auditSplits: nSamples must be a non-negative integer, got -1',
  ],
  [
    'auditSplits: y length',
    () => auditSplits({ splits: [], nSamples: 2, y: [1] }),
    RangeError,
    'auditSplits: y has length 1, expected 2',
  ],
  [
    'auditSplits: groups length',
    () => auditSplits({ splits: [], nSamples: 2, groups: [1] }),
    RangeError,
    'auditSplits: groups has length 1, expected 2',
  ],
  [
    'splitsToSvg: splits',
    () => splitsToSvg({ splits: null as Any, nSamples: 2 }),
    TypeError,
    'splitsToSvg: splits must be an iterable of { train, test }, got null',
  ],
  [
    'splitsToSvg: nSamples',
    () => splitsToSvg({ splits: [], nSamples: 0 }),
    RangeError,
    'splitsToSvg: nSamples must be an integer >= 1, got 0',
  ],
  [
    'splitsToSvg: width',
    () => splitsToSvg({ splits: [], nSamples: 2, width: 0 }),
    RangeError,
    'splitsToSvg: width must be > 0, got 0',
  ],
  [
    'splitsToSvg: y length',
    () => splitsToSvg({ splits: [], nSamples: 2, y: [1] }),
    RangeError,
    'splitsToSvg: y has length 1, expected 2',
  ],
];

describe('bad input throws a clear error naming the function, the argument and the value', () => {
  test.each(rows)('%s', (_, run, Kind, message) => {
    expect(run).toThrow(Kind);
    expect(run).toThrow(message);
  });
});

describe('warnings where scikit-learn warns', () => {
  test('stratifiedKFold warns when some class has fewer members than nSplits, and still splits', () => {
    const messages: string[] = [];
    const splits = [
      ...stratifiedKFold({ nSplits: 3, onWarning: (m) => messages.push(m) }).split({ y: [0, 0, 0, 1, 1] }),
    ];
    expect(splits).toHaveLength(3);
    expect(messages).toEqual([
      'stratifiedKFold: the least populated class in y has only 2 members, which is less than nSplits=3',
    ]);
  });

  test('stratifiedGroupKFold warns the same way', () => {
    const messages: string[] = [];
    const cv = stratifiedGroupKFold({ nSplits: 3, onWarning: (m) => messages.push(m) });
    [...cv.split({ y: [0, 0, 0, 1, 1, 0], groups: [0, 1, 2, 0, 1, 2] })];
    expect(messages).toEqual([
      'stratifiedGroupKFold: the least populated class in y has only 2 members, which is less than nSplits=3',
    ]);
  });

  test('repeatedStratifiedKFold warns once per repetition, as scikit-learn does', () => {
    const messages: string[] = [];
    const cv = repeatedStratifiedKFold({
      nSplits: 3,
      nRepeats: 2,
      randomState: 0,
      onWarning: (m) => messages.push(m),
    });
    [...cv.split({ y: [0, 0, 0, 1, 1] })];
    expect(messages).toHaveLength(2);
  });

  test('translateTrainSizes warns when duplicate sizes are removed', () => {
    const messages: string[] = [];
    expect(translateTrainSizes([0.1, 0.15, 1], 10, { onWarning: (m) => messages.push(m) })).toEqual([1, 10]);
    expect(messages).toEqual([
      'translateTrainSizes: removed duplicate entries from trainSizes; the number of ticks is 2 instead of 3',
    ]);
  });

  test('the default warning handler is console.warn', () => {
    const original = console.warn;
    const seen: unknown[] = [];
    console.warn = (m: unknown) => seen.push(m);
    try {
      [...stratifiedKFold({ nSplits: 3 }).split({ y: [0, 0, 0, 1, 1] })];
    } finally {
      console.warn = original;
    }
    expect(seen).toHaveLength(1);
  });
});

test('stratified shuffle splits accept any labels, like scikit-learn (no binary/multiclass check)', () => {
  const y = [0.5, 0.5, 1.5, 1.5];
  expect([...stratifiedShuffleSplit({ nSplits: 1, testSize: 2, randomState: 0 }).split({ y })]).toHaveLength(
    1,
  );
  expect(trainTestSplit({ nSamples: 4, testSize: 2, stratify: y, randomState: 0 }).test).toHaveLength(2);
});
