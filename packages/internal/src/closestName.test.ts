import { describe, expect, it } from 'vitest';
import { closestName } from './closestName';

describe('closestName', () => {
  it('maps scikit-learn and PyTorch spellings to ours when the function has them', () => {
    expect(closestName('random_state', ['nSplits', 'shuffle', 'randomState'])).toEqual({
      name: 'randomState',
      from: 'scikit-learn',
    });
    expect(closestName('unbiased', ['axis', 'correction', 'keepDims'])).toEqual({
      name: 'correction',
      from: 'PyTorch',
    });
    expect(closestName('test_size', ['testSize', 'trainSize'])).toEqual({
      name: 'testSize',
      from: 'scikit-learn',
    });
  });

  it('turns other snake_case names into camelCase', () => {
    expect(closestName('weight_decay', ['lr', 'weightDecay'])).toEqual({
      name: 'weightDecay',
      from: 'snake_case',
    });
  });

  it('finds typos within two edits, not unrelated names', () => {
    expect(closestName('bais', ['bias', 'dtype'])).toEqual({ name: 'bias' });
    expect(closestName('Bias', ['bias'])).toEqual({ name: 'bias' });
    expect(closestName('xyz', ['bias', 'dtype'])).toBeUndefined();
    expect(closestName('lr', ['eps'])).toBeUndefined();
  });

  it('skips a foreign mapping whose target the function lacks', () => {
    expect(closestName('dim', ['keepDims'])).toBeUndefined();
  });
});
