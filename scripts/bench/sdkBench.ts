/**
 * A small timing harness for `npm run bench:sdk`: runs a case repeatedly (after a warm-up) for a
 * minimum time and reports per-operation statistics in microseconds.
 */
import { performance } from "node:perf_hooks";

export type BenchCase = {
  /** What is timed, as printed. */
  readonly name: string;
  /** A fixed number of timed runs after one untimed (for slow, on-chain cases); default timed by `minTimeMs`. */
  readonly runs?: number;
  /** Prepares inputs once (not timed); returns the operation to time. */
  readonly setup: () => Promise<() => unknown> | (() => unknown);
};

export type BenchFigure = {
  readonly name: string;
  readonly iterations: number;
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p95Us: number;
  readonly p99Us: number;
  readonly opsPerSecond: number;
};

export type BenchOptions = { readonly minTimeMs: number; readonly warmupMs: number; readonly maxIterations: number };

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function runCase(benchCase: BenchCase, options: BenchOptions): Promise<BenchFigure> {
  const operation = await benchCase.setup();
  const samples: number[] = [];
  if (benchCase.runs !== undefined) {
    await operation();
    for (let i = 0; i < benchCase.runs; i++) {
      const start = performance.now();
      await operation();
      samples.push(performance.now() - start);
    }
    return summarize(benchCase.name, samples);
  }
  const warmupEnd = performance.now() + options.warmupMs;
  while (performance.now() < warmupEnd) await operation();
  const end = performance.now() + options.minTimeMs;
  while (performance.now() < end && samples.length < options.maxIterations) {
    const start = performance.now();
    await operation();
    samples.push(performance.now() - start);
  }
  return summarize(benchCase.name, samples);
}

/** Per-operation statistics of `samples` (milliseconds each), in microseconds. */
function summarize(name: string, samples: number[]): BenchFigure {
  samples.sort((a, b) => a - b);
  const total = samples.reduce((sum, sample) => sum + sample, 0);
  const at = (q: number) => (samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0) * 1000;
  return {
    name,
    iterations: samples.length,
    meanUs: round((total / samples.length) * 1000),
    p50Us: round(at(0.5)),
    p95Us: round(at(0.95)),
    p99Us: round(at(0.99)),
    opsPerSecond: round(samples.length / (total / 1000), 0),
  };
}
