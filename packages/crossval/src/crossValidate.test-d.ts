import { expectTypeOf, test } from 'vitest';
import { crossValidate } from './crossValidate';
import { kFold } from './kFold';

const splitter = kFold({ nSplits: 2 });
const data = { nSamples: 4 };

test("mean is typed from what evaluate returns: { score } for a number, the record's keys for a record", async () => {
  const one = await crossValidate({ splitter, data, fit: () => 1, evaluate: () => 0.5 });
  expectTypeOf(one.mean).toEqualTypeOf<{ score: number }>();
  expectTypeOf(one.testScore.score).toEqualTypeOf<number[]>();
  // @ts-expect-error there is no metric 'accuracy' when evaluate returns a number
  one.mean.accuracy;

  const many = await crossValidate({
    splitter,
    data,
    fit: () => 'model',
    evaluate: async (model) => ({ accuracy: model.length, loss: 0.1 }),
    returnTrainScore: true,
    onProgress: (e) => expectTypeOf(e.result.testScore.loss).toBeNumber(),
  });
  expectTypeOf(many.mean).toEqualTypeOf<{ accuracy: number; loss: number }>();
  expectTypeOf(many.trainMean).toEqualTypeOf<{ accuracy: number; loss: number } | undefined>();
  expectTypeOf(many.folds[0]!.testScore.accuracy).toBeNumber();
  // @ts-expect-error 'acc' is not a metric that evaluate returns
  many.mean.acc;
});

test('without evaluate (worker mode) the metrics are Record<string, number>', async () => {
  const w = await crossValidate({ splitter, data, worker: { filename: 'w.mjs' } });
  expectTypeOf(w.mean).toEqualTypeOf<Record<string, number>>();
});
