/**
 * Bytes allocated per call of `f` over `n` calls, from V8's sampling heap profiler (a sample every 64 bytes on
 * average) with the objects the collector freed meanwhile included: the garbage a call makes, which
 * `process.memoryUsage()` differences only see in steps of the young generation's allocation buffers. Shared by the
 * allocation columns of the benchmarks (packages/optim/bench/run.ts, packages/schedule/bench/alloc.ts); bundled into
 * them by scripts/bench-build.mjs) and by @dl/optim's allocation tests (packages/optim/test/allocation.ts, through
 * {@link sampleAllocations}). With `ALLOC_SITES` set, the eight largest allocation sites go to stderr.
 */
import { Session } from 'node:inspector';

/** A node of the sampling heap profile: the bytes allocated in one call frame, and its callees. */
export interface HeapNode {
  selfSize: number;
  children: HeapNode[];
  callFrame: { functionName: string; lineNumber: number; url: string };
}

/** The sampling heap profile of `n` calls of `f` (the objects collected meanwhile included): its root node. */
export async function sampleAllocations(f: () => void, n: number): Promise<HeapNode> {
  const s = new Session();
  s.connect();
  const post = (m: string, p: object = {}) =>
    new Promise<{ profile?: { head: HeapNode } }>((res, rej) =>
      s.post(m, p, (e, r) => (e ? rej(e) : res(r as { profile?: { head: HeapNode } }))),
    );
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', {
    samplingInterval: 64,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 0; i < n; i++) f();
  const { profile } = await post('HeapProfiler.stopSampling');
  s.disconnect();
  return profile!.head;
}

export async function allocatedPerCall(f: () => void, n: number): Promise<number> {
  const head = await sampleAllocations(f, n);
  const total = (node: HeapNode): number => node.selfSize + node.children.reduce((a, c) => a + total(c), 0);
  if (process.env['ALLOC_SITES']) {
    const sites: [number, string][] = [];
    const walk = (x: HeapNode, stack: string[]) => {
      const here = [...stack, `${x.callFrame.functionName}:${x.callFrame.lineNumber}`];
      if (x.selfSize) sites.push([x.selfSize / n, here.slice(-5).join(' < ')]);
      for (const c of x.children) walk(c, here);
    };
    walk(head, []);
    for (const [b, w] of sites.sort((a, b) => b[0] - a[0]).slice(0, 8))
      console.error(`  ${b.toFixed(1)} B  ${w}`);
  }
  return total(head) / n;
}
