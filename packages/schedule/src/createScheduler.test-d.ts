import { expectTypeOf, test } from 'vitest';
import { constant } from './constant';
import { cosineAnnealing } from './cosineAnnealing';
import { createScheduler } from './createScheduler';

test('values().lr is a number for one schedule or constant, number[] for one per parameter group', () => {
  const one = createScheduler(
    { lr: 0, momentum: 0 },
    { schedules: { lr: cosineAnnealing({ initial: 0.1, tMax: 10 }), momentum: 0.9 } },
  );
  expectTypeOf(one.values().lr).toEqualTypeOf<number>();
  expectTypeOf(one.values().momentum).toEqualTypeOf<number>();
  const groups = createScheduler(
    { paramGroups: [{ lr: 0 }, { lr: 0 }] },
    { schedules: { lr: [constant(0.1), constant(0.01)] } },
  );
  expectTypeOf(groups.values().lr).toEqualTypeOf<number[]>();
  const lr: number = one.values().lr;
  expectTypeOf(lr).toBeNumber();
});

test('names not in the schedules (a plateau target) stay number | number[]; no schedules is allowed', () => {
  const s = createScheduler({ lr: 0 }, { schedules: { lr: constant(0.1) } });
  expectTypeOf(s.values()['other']).toEqualTypeOf<number | number[]>();
  expectTypeOf(createScheduler({ lr: 0 }).values()['lr']).toEqualTypeOf<number | number[]>();
});
