export type { CalibrateDeviceOptions, Calibration, CalibrationRow } from './gpu/calibrateDevice';
export { calibrateDevice } from './gpu/calibrateDevice';
export type { CreateDeviceOptions, GpuBackend, GpuDevice } from './gpu/createDevice';
export { createDevice } from './gpu/createDevice';
