import {
  cosineAnnealing,
  createScheduler,
  linearWarmup,
  type Schedule,
  type SchedulerState,
} from '@dl/schedule';

const lr: Schedule = linearWarmup(cosineAnnealing({ initial: 0.1, tMax: 100 }), 10);
const optimizer = { learningRate: 0.1 };
const scheduler = createScheduler(optimizer, { schedules: { learningRate: lr } });
scheduler.step();
const saved: SchedulerState = scheduler.state();

export { saved };
