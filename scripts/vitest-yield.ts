// A turn of the event loop after every test, for every package (vitest.shared.ts). vitest's worker reports to its
// parent over IPC (`onTaskUpdate`) with a 60 s timeout, and reads the reply only when the event loop turns. A
// file of synchronous tests that runs longer than that without a turn (the headless-gl conformance tests of
// @dl/tensor on a loaded 2-core machine: "Timeout calling onTaskUpdate" in CI runs at 12:35Z and 18:20Z, after
// every test had passed) has the timer fire before the reply is read. setImmediate lets the loop read its
// messages first.
import { afterEach } from 'vitest';

afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
