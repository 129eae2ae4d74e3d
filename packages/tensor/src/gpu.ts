export type { CreateDeviceOptions, GpuBackend, GpuDevice } from './gpu/createDevice';
export { createDevice } from './gpu/createDevice';
