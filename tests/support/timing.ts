/**
 * The median wall time of `runs` sequential calls, in milliseconds to one decimal: scale tests
 * print it for the record (no assertion, it depends on the machine) and the benchmarks tabulate it.
 */
export async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return Number(times.sort((a, b) => a - b)[Math.floor(runs / 2)]!.toFixed(1));
}
