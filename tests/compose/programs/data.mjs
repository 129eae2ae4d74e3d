// The data the programs share: three overlapping classes in 4 dimensions, from a seeded generator (mulberry32 +
// Box-Muller), so every run sees the same numbers.
export function threeClasses({ n = 300, noise = 0.8, seed = 1 } = {}) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const labels = Array.from({ length: n }, (_, i) => i % 3);
  const features = labels.map((c) => [
    Math.cos((2 * Math.PI * c) / 3) + noise * normal(),
    Math.sin((2 * Math.PI * c) / 3) + noise * normal(),
    noise * normal(),
    noise * normal(),
  ]);
  return { features, labels };
}
