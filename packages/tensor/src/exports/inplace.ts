// In-place ops (PyTorch's trailing-underscore methods), with the version-counter check of autograd.

export { add_ } from '../inplace/add_';
export { clip_ } from '../inplace/clip_';
export { copy_ } from '../inplace/copy_';
export { div_ } from '../inplace/div_';
export { fill_ } from '../inplace/fill_';
export { mul_ } from '../inplace/mul_';
export { relu_ } from '../inplace/relu_';
export { sub_ } from '../inplace/sub_';
export { zero_ } from '../inplace/zero_';
