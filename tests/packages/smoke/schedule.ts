import { constant, type Schedule } from '@dl/schedule';

const s: Schedule = constant(0.1);
const v: number = s(3);

export { v };
