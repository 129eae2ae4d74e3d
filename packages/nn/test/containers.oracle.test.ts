import { add, mul, relu, type Tensor, tensor } from '@dl/tensor';
import { describe, expect, test } from 'vitest';
import fixture from '../fixtures/containers.json';
import { Tanh } from '../src/activations/Tanh';
import { Dropout } from '../src/Dropout';
import { Linear } from '../src/Linear';
import { Module } from '../src/Module';
import { ModuleDict } from '../src/ModuleDict';
import { ModuleList } from '../src/ModuleList';
import { Sequential } from '../src/Sequential';
import type { Layer, StateDict } from '../src/types';
import { expectClose, fx } from './helpers';

/** The model of scripts/oracle_containers.py. */
class Net extends Module {
  scale = tensor([1, 1, 1], { requiresGrad: true });
  blocks = new ModuleList<Layer>([new Linear(3, 3), new Sequential(new Linear(3, 3), new Tanh())]);
  heads = new ModuleDict<Layer | ModuleList<Layer>>({
    mean: new Linear(3, 2),
    spread: new ModuleList<Layer>([new Linear(3, 2, { bias: false })]),
  });
  empty = new ModuleList();
  forward(x: Tensor): Tensor {
    let h = mul(x, this.scale);
    for (const b of this.blocks) h = relu(b.forward(h));
    const spread = this.heads.get('spread') as ModuleList<Layer>;
    return add((this.heads.get('mean') as Layer).forward(h), spread.at(0).forward(h));
  }
}

describe('ModuleList and ModuleDict name state as PyTorch 1.13 does (fixtures/containers.json)', () => {
  test('state-dict keys, parameter names, child and module names, in PyTorch order', () => {
    const net = new Net();
    expect(Object.keys(net.stateDict())).toEqual(fixture.keys);
    expect(net.namedParameters().map(([k]) => k)).toEqual(fixture.namedParameters);
    expect(net.namedChildren().map(([k]) => k)).toEqual(fixture.namedChildren);
    expect(net.namedModules().map(([k]) => k)).toEqual(fixture.namedModules);
  });

  test("PyTorch's weights load with strict keys and give PyTorch's forward", () => {
    const net = new Net();
    expect(net.loadStateDict(fixture.stateDict as StateDict)).toEqual({
      missingKeys: [],
      unexpectedKeys: [],
    });
    expectClose(net.forward(fx(fixture.x as never)), fx(fixture.y as never), { rtol: 1e-5, atol: 1e-6 });
  });

  test('train/eval reach modules inside the containers; zeroGrad and parameters() cover them', () => {
    const net = new Net();
    const drop = new Dropout({ p: 0.5, seed: 0 });
    net.blocks.append(drop);
    net.eval();
    expect(drop.training).toBe(false);
    expect(net.blocks.at(0).training).toBe(false);
    expect((net.heads.get('spread') as ModuleList).at(0).training).toBe(false);
    expect(net.parameters()).toHaveLength(fixture.namedParameters.length);
  });
});

describe('ModuleList', () => {
  const lin = (seed: number) => new Linear(1, 1, { seed });

  test('at, set, append, extend, insert and iteration keep PyTorch indices', () => {
    const a = lin(0);
    const b = lin(1);
    const c = lin(2);
    const d = lin(3);
    const list = new ModuleList([a]);
    list.append(b).extend([c]).insert(0, d);
    expect([...list]).toEqual([d, a, b, c]);
    expect(list.length).toBe(4);
    expect(list.at(-1)).toBe(c);
    list.set(-1, a);
    expect(list.at(3)).toBe(a);
    list.insert(4, b); // index === length appends
    expect(list.namedChildren().map(([k]) => k)).toEqual(['0', '1', '2', '3', '4']);
    expect(list.at(4)).toBe(b);
  });

  test('a module held twice is one set of parameters, as in PyTorch', () => {
    const a = lin(0);
    const list = new ModuleList([a, a]);
    expect(list.parameters()).toHaveLength(2);
    expect(Object.keys(list.stateDict())).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
  });

  test('rejects non-modules, bad indices and forward, naming the method', () => {
    expect(() => new ModuleList([lin(0), (x: Tensor) => x] as never)).toThrow(
      'ModuleList: modules[1] must be a module (a Module or any ModuleLike), got a function',
    );
    expect(() => new ModuleList(5 as never)).toThrow(
      'ModuleList: modules must be an iterable of modules, got 5',
    );
    expect(() => new ModuleList([{ weight: 1 }] as never)).toThrow(
      'ModuleList: modules[0] must be a module (a Module or any ModuleLike), got an object without the module methods (weight)',
    );
    const list = new ModuleList([lin(0)]);
    expect(() => list.at(1)).toThrow('ModuleList.at: index must be an integer in [-1, 0], got 1');
    expect(() => list.at('0' as never)).toThrow(
      new TypeError('ModuleList.at: index must be an integer, got "0"'),
    );
    expect(() => list.set((() => 1) as never, lin(1))).toThrow(
      new TypeError('ModuleList.set: index must be an integer, got a function'),
    );
    expect(() => new ModuleList().at(0)).toThrow(
      new RangeError('ModuleList.at: there is no index: the list is empty, got 0'),
    );
    expect(() => list.insert(3, lin(1))).toThrow(
      'ModuleList.insert: index must be an integer in [-1, 1], got 3',
    );
    expect(() => list.append(null as never)).toThrow(
      'ModuleList.append: module must be a module (a Module or any ModuleLike), got null',
    );
    expect(() => list.extend(null as never)).toThrow(
      'ModuleList.extend: modules must be an iterable of modules, got null',
    );
    expect(() => list.forward()).toThrow('ModuleList.forward: a ModuleList has no forward (as in PyTorch)');
  });
});

describe('ModuleDict', () => {
  const lin = (seed: number) => new Linear(1, 1, { seed });

  test('get, set, has, pop, update, keys, values, entries, iteration over keys; insertion order kept', () => {
    const a = lin(0);
    const b = lin(1);
    const c = lin(2);
    const dict = new ModuleDict([
      ['z', a],
      ['a', b],
    ]);
    expect(dict.keys()).toEqual(['z', 'a']);
    dict.set('m', c).set('z', c); // a replaced key keeps its place
    expect(dict.entries()).toEqual([
      ['z', c],
      ['a', b],
      ['m', c],
    ]);
    expect([...dict]).toEqual(['z', 'a', 'm']);
    expect(dict.has('a')).toBe(true);
    expect(dict.pop('a')).toBe(b);
    expect(dict.has('a')).toBe(false);
    dict.update(new Map([['q', a]]));
    expect(dict.values()).toEqual([c, c, a]);
    expect(dict.size).toBe(3);
    expect(Object.keys(dict.stateDict())).toEqual([
      'z.weight',
      'z.bias',
      'm.weight',
      'm.bias',
      'q.weight',
      'q.bias',
    ]);
  });

  test('rejects bad keys, non-modules, missing keys and forward, naming the method', () => {
    expect(() => new ModuleDict({ 'a.b': lin(0) })).toThrow(
      `ModuleDict: key must be a non-empty string without '.', got "a.b"`,
    );
    expect(() => new ModuleDict({ a: 3 } as never)).toThrow(
      'ModuleDict: modules["a"] must be a module (a Module or any ModuleLike), got 3',
    );
    expect(() => new ModuleDict(null as never)).toThrow(
      'ModuleDict: modules must be an object of modules, a Map or [key, module] pairs, got null',
    );
    expect(() => new ModuleDict([lin(0)] as never)).toThrow(
      'got an iterable that is not of [key, module] pairs',
    );
    const dict = new ModuleDict({ a: lin(0) });
    expect(() => dict.get('b')).toThrow(`ModuleDict.get: no module under key "b"; the keys are 'a'`);
    expect(() => dict.pop('b')).toThrow(`ModuleDict.pop: no module under key "b"; the keys are 'a'`);
    expect(() => dict.get((() => 1) as never)).toThrow(
      `ModuleDict.get: key must be a non-empty string without '.', got a function`,
    );
    expect(() => dict.set('', lin(1))).toThrow(
      `ModuleDict.set: key must be a non-empty string without '.', got ""`,
    );
    expect(() => dict.update([[1, lin(1)]] as never)).toThrow(
      "ModuleDict.update: key must be a non-empty string without '.', got 1",
    );
    expect(() => dict.forward()).toThrow('ModuleDict.forward: a ModuleDict has no forward (as in PyTorch)');
  });
});

describe('Module rejects submodules and tensors it cannot register, pointing at the container to use', () => {
  test('a plain object of modules → ModuleDict', () => {
    class Heads extends Module {
      heads = { cls: new Linear(2, 2), box: new Linear(2, 4) };
      forward(x: Tensor): Tensor {
        return this.heads.cls.forward(x);
      }
    }
    const m = new Heads();
    expect(() => m.parameters()).toThrow(
      "Heads: property 'heads' is a plain object holding a module (heads.cls), which a Module does not register, so it would be neither trained nor saved; use a ModuleDict (new ModuleDict({ name: module, ... })) for modules keyed by name, or keep it in a #private field if it is not state",
    );
    expect(() => m.stateDict()).toThrow(TypeError);
    expect(() => m.train()).toThrow(TypeError);
  });

  test('a Map of modules → ModuleDict; a Set → ModuleList; nested and mixed arrays → ModuleList', () => {
    class WithMap extends Module {
      byName = new Map([['enc', new Linear(2, 2)]]);
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    expect(() => new WithMap().parameters()).toThrow(
      `WithMap: property 'byName' is a Map holding a module (byName.get("enc")), which a Module does not register`,
    );
    class WithSet extends Module {
      all = new Set([new Linear(2, 2)]);
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    expect(() => new WithSet().parameters()).toThrow(
      "WithSet: property 'all' is a Set holding a module (all (element 0)), which a Module does not register, so it would be neither trained nor saved; use a ModuleList (new ModuleList([...]))",
    );
    class Nested extends Module {
      stages = [[new Linear(2, 2)], [new Linear(2, 2)]];
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    expect(() => new Nested().parameters()).toThrow(
      "Nested: property 'stages' is an array holding a module (stages[0][0])",
    );
    class Mixed extends Module {
      parts = [new Linear(2, 2), null];
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    expect(() => new Mixed().stateDict()).toThrow(
      'use a ModuleList (new ModuleList([...])) for a list of modules',
    );
  });

  test('a plain object of tensors is rejected too; objects without state and #private fields are still ignored', () => {
    class Tensors extends Module {
      extra = { w: tensor([1]) };
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    expect(() => new Tensors().parameters()).toThrow(
      "Tensors: property 'extra' is a plain object holding a tensor (extra.w)",
    );
    class Fine extends Module {
      config = { sizes: [2, 3], name: 'fine', nested: { act: 'relu' } };
      cache = new Map<string, number>();
      #hidden = { w: tensor([1]) };
      w = tensor([2], { requiresGrad: true });
      forward(x: Tensor): Tensor {
        return mul(x, this.#hidden.w);
      }
    }
    expect(new Fine().namedParameters().map(([k]) => k)).toEqual(['w']);
  });
});
