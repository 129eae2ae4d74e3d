import { describe } from '@dl/internal';
import type { Tensor } from '@dl/tensor';
import { isModuleLike } from './isModuleLike';
import { Module } from './Module';
import type { Layer, ModuleLike } from './types';

function checkLayer(fn: string, layer: unknown, i: number): Layer {
  if (!isModuleLike(layer) || typeof (layer as Partial<Layer>).forward !== 'function') {
    throw new TypeError(
      `${fn}: layer ${i} must be a module with forward(x) (a Module or any ModuleLike), got ${describe(layer)}`,
    );
  }
  return layer as Layer;
}

/**
 * Chains layers: `forward(x)` feeds `x` through each layer in order, like PyTorch's `nn.Sequential`. The
 * layers are named `'0'`, `'1'`, … so parameter and state-dict keys match PyTorch's (`'0.weight'`,
 * `'2.bias'`).
 *
 * @example
 * ```ts
 * import { createGenerator, tensor } from '@dl/tensor';
 * import { Linear, ReLU, Sequential } from '@dl/nn';
 * const generator = createGenerator(0);
 * const model = new Sequential(new Linear(4, 8, { generator }), new ReLU(), new Linear(8, 2, { generator }));
 * Object.keys(model.stateDict()); // ['0.weight', '0.bias', '2.weight', '2.bias']
 * model.forward(tensor([[1, 2, 3, 4]])).shape; // [1, 2]
 * model.length; // 3
 * ```
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.Sequential.html
 */
export class Sequential extends Module implements Layer {
  #layers: Layer[];

  /**
   * @param layers - the layers, applied first to last; any {@link Layer} (a `Module` or a protocol object).
   */
  constructor(...layers: Layer[]) {
    super();
    this.#layers = layers.map((l, i) => checkLayer('Sequential', l, i));
  }

  /** Number of layers. */
  get length(): number {
    return this.#layers.length;
  }

  /**
   * The layer at `index` (negative counts from the end).
   * @param index - the position.
   * @returns the layer.
   */
  at(index: number): Layer {
    const n = this.#layers.length;
    if (!Number.isInteger(index) || index < -n || index >= n) {
      throw new RangeError(
        `Sequential.at: index must be an integer in [${-n}, ${n - 1}], got ${describe(index)}`,
      );
    }
    return this.#layers[index < 0 ? index + n : index]!;
  }

  /**
   * Adds a layer at the end (its name is its index).
   * @param layer - the layer to add.
   * @returns this container.
   */
  append(layer: Layer): this {
    this.#layers.push(checkLayer('Sequential.append', layer, this.#layers.length));
    return this;
  }

  /**
   * Iterates over the layers in order.
   * @returns an iterator of the layers.
   */
  [Symbol.iterator](): IterableIterator<Layer> {
    return this.#layers[Symbol.iterator]();
  }

  /**
   * The layers named by position: `[['0', layer0], ['1', layer1], …]`.
   * @returns `[name, module]` pairs.
   */
  override namedChildren(): [string, ModuleLike][] {
    return this.#layers.map((l, i) => [String(i), l]);
  }

  /**
   * Applies every layer in turn.
   * @param x - the input of the first layer.
   * @returns the output of the last layer (`x` itself when there are none).
   */
  forward(x: Tensor): Tensor {
    let y = x;
    for (const layer of this.#layers) y = layer.forward(y);
    return y;
  }
}
