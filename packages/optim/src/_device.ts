// The device path of createOptimizer: parameters that live on a device of `@dl/tensor/gpu` (their `storage` is
// not null) are updated there by the device's fused update kernels (`ema`, `adamParam`: one pass over memory
// each), never read back. The new values are swapped into the parameter tensors themselves (their storage), so
// the model keeps its tensors and a step inside `tidy` keeps its results. adam, adamw and sgd run on a device;
// the other rules are an error naming the fix. The hyperparameters are resolved by the same rules as on the CPU
// (schedules, checks), and the update follows the CPU rule's order of operations (in the device's float32).
// Nothing of @dl/tensor is imported at run time (the CPU optimizer's bundle stays as small as it was): tensors
// are recognized by their storage's brand and made with their own constructor, kernels reached by `device.run`.
import { checkBoolean, describe } from '@dl/internal';
import type { Device, Tensor } from '@dl/tensor';
import { readParamGroup } from './_paramGroup';
import type { AdamH, Rule, SgdH } from './_rules';
import { shapeString } from './_tree';
import type {
  Optimizer,
  OptimizerStateDict,
  ParamGroup,
  ParamGroupInput,
  ZeroGradOptions,
} from './createOptimizer';

/** The rules with a device update. */
export const DEVICE_RULES: readonly string[] = ['adam', 'adamw', 'sgd'];

/** Whether any parameter of `inputs` is a device tensor (then createOptimizer takes the device path). */
export function hasDeviceParams(inputs: readonly ParamGroupInput[]): boolean {
  for (const g of inputs) {
    if (!Array.isArray(g?.params)) continue;
    for (const p of g.params as unknown[]) if (isDeviceTensor(p)) return true;
  }
  return false;
}

const BRAND = Symbol.for('@dl/tensor.DeviceStorage');
const isDeviceTensor = (p: unknown): p is Tensor =>
  typeof p === 'object' &&
  p !== null &&
  typeof (p as { storage?: unknown }).storage === 'object' &&
  (p as { storage: Record<symbol, unknown> | null }).storage?.[BRAND] === true;
const isTensor = (p: unknown): p is Tensor =>
  typeof p === 'object' && p !== null && Symbol.for('@dl/tensor.Tensor') in p;
type TensorClass = new (data: unknown, shape: number[], dtype: 'float32') => Tensor;

interface DeviceState {
  count: number;
  steps: number[];
  slots: Record<string, Tensor[]>;
}

/**
 * Moves the storage of `fresh` into `target` (which keeps its identity) and frees `target`'s old memory:
 * `target` now holds the new values, `fresh` is disposed. Safe inside `tidy` (which would dispose `fresh`).
 */
function adopt(target: Tensor, fresh: Tensor): void {
  const old = target.storage!;
  target.storage = fresh.storage!.share();
  fresh.dispose();
  old.dispose();
}

/** @internal createOptimizer on device parameters (see the file comment). */
export function createDeviceOptimizer(
  fn: string,
  inputs: readonly ParamGroupInput[],
  grouped: boolean,
  rule: Rule,
  defaults: Record<string, unknown>,
  zeroGradOptions: (options: ZeroGradOptions | undefined, fn: string) => Required<ZeroGradOptions>,
): Optimizer {
  if (!DEVICE_RULES.includes(rule.name)) {
    throw new TypeError(
      `${fn}: ${rule.name} has no device update yet (the parameters are on a device); on a device use ${DEVICE_RULES.join(', ')}, or move the parameters to the CPU with toDevice(p, 'cpu')`,
    );
  }
  let device: Device | null = null;
  const seen = new Set<unknown>();
  const groups: ParamGroup[] = [];
  const params: Tensor[][] = [];
  const paths: string[][] = [];
  inputs.forEach((g, gi) => {
    const group = readParamGroup(fn, g, gi, rule, defaults);
    const ps = group.params as unknown[];
    const ts: Tensor[] = [];
    const names: string[] = [];
    ps.forEach((p, i) => {
      const path = grouped ? `params[${gi}].params[${i}]` : `params[${i}]`;
      if (seen.has(p)) throw new TypeError(`${fn}: ${path} appears in more than one place`);
      seen.add(p);
      if (!isDeviceTensor(p)) {
        throw new TypeError(
          `${fn}: ${path} is ${isTensor(p) ? 'on the CPU' : describe(p)} while other parameters are on a device; put every parameter on one device with toDevice(p, device)`,
        );
      }
      const d = p.storage!.device;
      if (device !== null && d !== device) {
        throw new TypeError(
          `${fn}: ${path} is on ${d.name} and an earlier parameter on ${device.name}; put every parameter on one device`,
        );
      }
      device = d;
      ts.push(p);
      names.push(path);
    });
    params.push(ts);
    paths.push(names);
    groups.push(group);
  });
  const dev = device as unknown as Device;
  // the Tensor class of the parameters' copy of @dl/tensor
  const TensorOf = params.flat()[0]!.constructor as TensorClass;
  const make = (storage: unknown, shape: readonly number[]) =>
    new TensorOf(storage, shape.slice(), 'float32');
  const zeros = (p: Tensor) => make(dev.upload(new Float32Array(p.size), true), p.shape);
  const initState = (g: ParamGroup, ps: readonly Tensor[]): DeviceState => {
    const slots: Record<string, Tensor[]> = {};
    for (const name of rule.slots(g)) slots[name] = ps.map(zeros);
    return { count: 0, steps: ps.map(() => 0), slots };
  };
  let states = groups.map((g, gi) => initState(g, params[gi]!));
  const stepName = `${rule.name}.step`;

  /** Runs the device kernel `op`, or its float32 CPU form on read-back copies (warning once, or strict). */
  const call = (
    op: string,
    ins: readonly Tensor[],
    at: Record<string, number | boolean>,
    cpu: (x: readonly Float32Array[], i: number) => number,
  ): Tensor => {
    const r = dev.run(op, ins, at);
    if (r !== null && typeof r !== 'string') return r;
    if (typeof r === 'string') dev.fallback(`${stepName} (${op})`, r);
    const xs = ins.map((t) => t.data as Float32Array);
    const out = new Float32Array(ins[0]!.size);
    for (let i = 0; i < out.length; i++) out[i] = cpu(xs, i);
    return make(dev.upload(out, true), ins[0]!.shape);
  };
  const R = Math.fround;
  /** `decay * s + scale * g` (`g²` with square), in one pass. */
  const ema = (s: Tensor, g: Tensor, decay: number, scale: number, square = false): Tensor =>
    call('ema', [s, g], { decay: R(decay), scale: R(scale), square }, ([a, b], i) => {
      const x = b![i]!;
      return R(R(a![i]! * R(decay)) + R(R(scale) * (square ? R(x * x) : x)));
    });
  const drop = (t: Tensor, keep: Tensor) => {
    if (t !== keep) t.dispose();
  };

  const adamLeaf = (k: AdamH, p: Tensor, g: Tensor, s: Record<string, Tensor[]>, j: number, t: number) => {
    const b1 = R(k.beta1);
    const b2 = R(k.beta2);
    const stepSize = R(-(k.lr / (1 - k.beta1 ** t)));
    const bc2 = R(Math.sqrt(1 - k.beta2 ** t));
    const eps = R(k.eps);
    const wd = R(k.weightDecay);
    let d = k.maximize ? ema(g, g, 0, -1) : g;
    if (!k.decoupled && wd !== 0) {
      const e = ema(d, p, 1, wd);
      drop(d, g);
      d = e;
    }
    const m = ema(s['expAvg']![j]!, d, b1, R(1 - k.beta1));
    const v = ema(s['expAvgSq']![j]!, d, b2, R(1 - k.beta2), true);
    drop(d, g);
    adopt(s['expAvg']![j]!, m);
    adopt(s['expAvgSq']![j]!, v);
    let denomOf = s['expAvgSq']![j]!;
    if (k.amsgrad) {
      const vmax = s['maxExpAvgSq']![j]!;
      adopt(
        vmax,
        call('maximum', [vmax, denomOf], {}, ([a, b], i) => Math.max(a![i]!, b![i]!)),
      );
      denomOf = vmax;
    }
    const decay = k.decoupled ? R(1 - k.lr * k.weightDecay) : 1;
    const next = call(
      'adamParam',
      [p, s['expAvg']![j]!, denomOf],
      { decay, stepSize, bc2, eps },
      ([pp, mm, vv], i) =>
        R(R(pp![i]! * decay) + R(R(stepSize * mm![i]!) / R(R(R(Math.sqrt(vv![i]!)) / bc2) + eps))),
    );
    adopt(p, next);
  };

  const sgdLeaf = (k: SgdH, p: Tensor, g: Tensor, s: Record<string, Tensor[]>, j: number, t: number) => {
    const wd = R(k.weightDecay);
    const mom = R(k.momentum);
    let d = k.maximize ? ema(g, g, 0, -1) : g;
    if (wd !== 0) {
      const e = ema(d, p, 1, wd);
      drop(d, g);
      d = e;
    }
    const bufs = s['momentumBuffer'];
    if (bufs) {
      const buf = bufs[j]!;
      const b = t === 1 ? ema(buf, d, 0, 1) : ema(buf, d, mom, R(1 - k.dampening));
      adopt(buf, b);
      if (k.nesterov) {
        const e = ema(d, buf, 1, mom);
        drop(d, g);
        d = e;
      } else {
        drop(d, g);
        d = buf;
      }
    }
    adopt(p, ema(p, d, 1, R(-k.lr)));
    if (d !== bufs?.[j]) drop(d, g);
  };

  return {
    name: rule.name,
    paramGroups: groups,
    step() {
      for (let gi = 0; gi < groups.length; gi++) {
        const state = states[gi]!;
        const h = rule.resolve(stepName, groups[gi]!, state.count);
        params[gi]!.forEach((p, j) => {
          const g = p.grad as unknown;
          if (g === null || g === undefined) return;
          const path = `${paths[gi]![j]!}.grad`;
          if (!isDeviceTensor(g) || g.storage!.device !== dev) {
            throw new TypeError(
              `${stepName}: ${path} must be a tensor on ${dev.name} like its parameter, got ${isTensor(g) ? `a tensor on ${g.device === 'cpu' ? 'cpu' : g.device.name}` : describe(g)}`,
            );
          }
          if (g.size !== p.size) {
            throw new RangeError(
              `${stepName}: ${path} has shape ${shapeString(g.shape)}, expected ${shapeString(p.shape)}`,
            );
          }
          const t = ++state.steps[j]!;
          if (rule.name === 'sgd') sgdLeaf(h as SgdH, p, g, state.slots, j, t);
          else adamLeaf(h as AdamH, p, g, state.slots, j, t);
        });
        state.count += 1;
      }
    },
    zeroGrad(options) {
      const f = `${rule.name}.zeroGrad`;
      const { setToNone } = zeroGradOptions(options, f);
      checkBoolean(f, 'setToNone', setToNone);
      for (const ps of params) {
        for (const p of ps) {
          const g = p.grad;
          if (g === null) continue;
          if (setToNone) {
            g.dispose();
            p.grad = null;
          } else if (g.storage !== null)
            adopt(
              g,
              call('fill', [g], { value: 0 }, () => 0),
            );
          else (g.data as Float32Array).fill(0);
        }
      }
    },
    stateDict(): OptimizerStateDict {
      return {
        optimizer: rule.name,
        paramGroups: groups.map((g, gi) => {
          const hyperparameters: Record<string, unknown> = {};
          for (const k of Object.keys(defaults)) {
            const v = g[k];
            if (typeof v === 'function') continue;
            hyperparameters[k] = Array.isArray(v) ? v.filter((x) => typeof x !== 'function') : v;
          }
          return {
            hyperparameters,
            shapes: params[gi]!.map((p) => [...p.shape]),
            dtypes: params[gi]!.map(() => 'float32'),
          };
        }),
        state: states.map((s) => ({
          count: s.count,
          steps: s.steps.slice(),
          slots: Object.fromEntries(
            Object.entries(s.slots).map(([k, v]) => [k, v.map((a) => Array.from(a.data))]),
          ),
          scalars: {},
        })),
      };
    },
    loadStateDict(dict) {
      const f = `${rule.name}.loadStateDict`;
      if (dict === null || typeof dict !== 'object')
        throw new TypeError(`${f}: dict must be a state dict, got ${describe(dict)}`);
      if (dict.optimizer !== rule.name) {
        throw new TypeError(
          `${f}: the state dict is from ${describe(dict.optimizer)}, expected "${rule.name}"`,
        );
      }
      if (
        !Array.isArray(dict.paramGroups) ||
        !Array.isArray(dict.state) ||
        dict.state.length !== groups.length
      ) {
        throw new RangeError(
          `${f}: the state dict has ${dict.paramGroups?.length} parameter groups, expected ${groups.length}`,
        );
      }
      const next = groups.map((g, gi): DeviceState => {
        const saved = dict.paramGroups[gi]!;
        const s = dict.state[gi]!;
        const ps = params[gi]!;
        if (saved.shapes.length !== ps.length) {
          throw new RangeError(
            `${f}: group ${gi} of the state dict has ${saved.shapes.length} parameters, expected ${ps.length}`,
          );
        }
        ps.forEach((p, i) => {
          if (shapeString(saved.shapes[i]!) !== shapeString(p.shape)) {
            throw new RangeError(
              `${f}: ${paths[gi]![i]} has shape ${shapeString(p.shape)} but the state dict holds ${shapeString(saved.shapes[i]!)}`,
            );
          }
        });
        const want = rule.slots({ ...g, ...saved.hyperparameters });
        const got = Object.keys(s.slots ?? {});
        if (want.join() !== got.join()) {
          throw new TypeError(
            `${f}: group ${gi} of the state dict holds the state arrays ${describe(got)}, expected ${describe([...want])}`,
          );
        }
        const slots: Record<string, Tensor[]> = {};
        for (const k of got) {
          slots[k] = s.slots[k]!.map((a, i) => {
            if (!Array.isArray(a) || a.length !== ps[i]!.size) {
              throw new RangeError(`${f}: ${k} of ${paths[gi]![i]} must hold ${ps[i]!.size} numbers`);
            }
            return make(dev.upload(Float32Array.from(a), true), ps[i]!.shape);
          });
        }
        return { count: s.count, steps: s.steps.slice(), slots };
      });
      dict.paramGroups.forEach((saved, gi) => {
        const group = groups[gi]!;
        for (const [k, v] of Object.entries(saved.hyperparameters)) {
          const now = group[k];
          if (typeof now === 'function' || (Array.isArray(now) && now.some((x) => typeof x === 'function')))
            continue;
          group[k] = v;
        }
      });
      for (const s of states) for (const ts of Object.values(s.slots)) for (const t of ts) t.dispose();
      states = next;
    },
  };
}
