// Every test of this package runs with the buffer pool's poison mode on: buffers returned to the pool and
// uninitialised allocations are filled with NaN, so a kernel that takes an uninitialised buffer and leaves an
// element unwritten, or a tensor whose buffer was recycled while still referenced, fails the oracles.
import { pool } from '../src/memory/_pool';

pool.poison = true;
