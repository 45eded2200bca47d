/**
 * The index series the local demo replays: hourly fixings of three GPU rental indexes and a
 * daily power index over six weeks, starting on a Monday at 00:00 UTC. The series is synthetic
 * and seeded (see docs/index-series.md for its shape and where the shape comes from); this module
 * generates it and reads the committed CSV (scripts/demo/data/index-series.csv).
 */
import { readFile } from "node:fs/promises";

export const SERIES_HOURS = 42 * 24;
export const SERIES_FILE = new URL("./data/index-series.csv", import.meta.url);

/** One index's fixings: `prices[h]` is the fixing at hour `h` of the series, or undefined. */
export type IndexSeries = {
  readonly name: string;
  readonly prices: readonly (bigint | undefined)[];
};

type GpuShape = {
  readonly name: string;
  /** Starting level, in quote units (6 decimals) per GPU-hour. */
  readonly base: number;
  /** Drift per week (rental prices of a GPU generation fall as supply grows). */
  readonly weeklyDrift: number;
  /** Amplitude of the business-hours bump. */
  readonly diurnal: number;
  /** Weekend discount. */
  readonly weekend: number;
  /** Hourly volatility of the mean-reverting part, and its mean reversion per hour. */
  readonly volatility: number;
  readonly reversion: number;
  /** Step changes: [hour, relative move]. */
  readonly jumps: readonly (readonly [number, number])[];
};

const GPU_SHAPES: readonly GpuShape[] = [
  {
    name: "H100-SXM-USD-HR",
    base: 2.13,
    weeklyDrift: -0.004,
    diurnal: 0.015,
    weekend: 0.012,
    volatility: 0.004,
    reversion: 0.08,
    jumps: [
      [20 * 24 + 9, -0.06], // a large cluster comes online
      [31 * 24 + 14, 0.04], // a training run books capacity
    ],
  },
  {
    name: "H200-USD-HR",
    base: 3.05,
    weeklyDrift: -0.006,
    diurnal: 0.018,
    weekend: 0.015,
    volatility: 0.005,
    reversion: 0.07,
    jumps: [[24 * 24 + 11, -0.05]],
  },
  {
    name: "B200-USD-HR",
    base: 4.6,
    weeklyDrift: -0.012,
    diurnal: 0.02,
    weekend: 0.018,
    volatility: 0.007,
    reversion: 0.06,
    jumps: [
      [10 * 24 + 15, 0.07],
      [33 * 24 + 10, -0.08],
    ],
  },
];

const POWER = { name: "POWER-PJM-USD-MWH", base: 46.5, weekendDiscount: 0.18, volatility: 0.06, fixingHour: 16 };
export const INDEX_NAMES = [...GPU_SHAPES.map((shape) => shape.name), POWER.name] as const;

/** mulberry32: a small seeded PRNG, so the series is the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A standard normal draw (Box–Muller). */
function normal(next: () => number): number {
  const u = Math.max(next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}

function isWeekend(hour: number): boolean {
  return Math.floor(hour / 24) % 7 >= 5; // the series starts on a Monday
}

function gpuSeries(shape: GpuShape, seed: number): IndexSeries {
  const next = random(seed);
  let deviation = 0;
  let jumpFactor = 1;
  const prices: bigint[] = [];
  for (let hour = 0; hour < SERIES_HOURS; hour++) {
    for (const [at, move] of shape.jumps) if (at === hour) jumpFactor *= 1 + move;
    deviation = deviation * (1 - shape.reversion) + shape.volatility * normal(next);
    const hourOfDay = hour % 24;
    // Busier from 13:00 to 22:00 UTC (US business hours), peaking mid-afternoon US east.
    const businessBump = hourOfDay >= 13 && hourOfDay < 23 ? Math.sin(((hourOfDay - 13) / 10) * Math.PI) : 0;
    const level =
      shape.base *
      (1 + shape.weeklyDrift) ** (hour / 168) *
      (1 + shape.diurnal * businessBump) *
      (isWeekend(hour) ? 1 - shape.weekend : 1) *
      (1 + deviation) *
      jumpFactor;
    prices.push(BigInt(Math.round(level * 1_000_000)));
  }
  return { name: shape.name, prices };
}

function powerSeries(seed: number): IndexSeries {
  const next = random(seed);
  const prices: (bigint | undefined)[] = [];
  for (let hour = 0; hour < SERIES_HOURS; hour++) {
    // One day-ahead fixing each business day at 16:00 UTC.
    if (hour % 24 !== POWER.fixingHour || isWeekend(hour)) {
      prices.push(undefined);
      continue;
    }
    const day = Math.floor(hour / 24);
    // Prices for Monday's delivery are set on Friday: a softer level after a weekend.
    const afterWeekend = day % 7 === 4 ? 1 - POWER.weekendDiscount / 2 : 1;
    const seasonal = 1 + 0.08 * Math.sin((day / 42) * Math.PI); // a cold spell mid-series
    const level = POWER.base * seasonal * afterWeekend * (1 + POWER.volatility * normal(next));
    prices.push(BigInt(Math.round(level * 1_000_000)));
  }
  return { name: POWER.name, prices };
}

/** Generates the whole series from fixed seeds. */
export function generateIndexSeries(): IndexSeries[] {
  return [...GPU_SHAPES.map((shape, i) => gpuSeries(shape, 0xc0_4b05 + i)), powerSeries(0x9e3779b9)];
}

/** The series as CSV: `hour` then one column per index, empty where an index has no fixing. */
export function toCsv(series: readonly IndexSeries[]): string {
  const header = ["hour", ...series.map((s) => s.name)].join(",");
  const rows = Array.from({ length: SERIES_HOURS }, (_, hour) =>
    [hour, ...series.map((s) => s.prices[hour]?.toString() ?? "")].join(","),
  );
  return `${[header, ...rows].join("\n")}\n`;
}

/** Reads the committed series. */
export async function loadIndexSeries(file: URL = SERIES_FILE): Promise<IndexSeries[]> {
  const [header, ...rows] = (await readFile(file, "utf8")).trim().split("\n");
  if (!header) throw new Error(`${file.pathname} is empty`);
  const names = header.split(",").slice(1);
  return names.map((name, column) => ({
    name,
    prices: rows.map((row) => {
      const cell = row.split(",")[column + 1];
      return cell ? BigInt(cell) : undefined;
    }),
  }));
}
