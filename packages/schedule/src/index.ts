export { constant } from './constant';
export type { Schedule } from './types';
