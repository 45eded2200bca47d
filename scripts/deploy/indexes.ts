/**
 * The indexes a Computus deployment lists by default: three GPU rental indexes (hourly fixings)
 * and one power index (a daily, business-day fixing), each with its guards.
 */

export type IndexDefinition = {
  /** The index name; its bytes32 id is the ASCII text (sdk `toIndexId`). */
  readonly name: string;
  readonly description: string;
  readonly methodologyURI: string;
  readonly quorum: number;
  readonly maxMoveBps: number;
  readonly maxAge: number;
  readonly maxSubmissionDelay: number;
  readonly businessDaysOnly: boolean;
  /** Ring size: at least the rounds of the longest averaging window plus one. */
  readonly ringCardinality: number;
};

const HOUR = 3600;

/** An hourly GPU index: a month of hourly rounds (745) fits its ring. */
function hourlyGpuIndex(name: string, description: string): IndexDefinition {
  return {
    name,
    description,
    methodologyURI: "docs/index-methodology.md",
    quorum: 3,
    maxMoveBps: 1_500,
    maxAge: 2 * HOUR,
    maxSubmissionDelay: HOUR,
    businessDaysOnly: false,
    ringCardinality: 800,
  };
}

export const DEFAULT_INDEXES: readonly IndexDefinition[] = [
  hourlyGpuIndex("H100-SXM-USD-HR", "NVIDIA H100 SXM 80GB, on-demand rental, global, quote per GPU-hour"),
  hourlyGpuIndex("H200-USD-HR", "NVIDIA H200 141GB, on-demand rental, global, quote per GPU-hour"),
  hourlyGpuIndex("B200-USD-HR", "NVIDIA B200 192GB, on-demand rental, global, quote per GPU-hour"),
  {
    name: "POWER-PJM-USD-MWH",
    description: "PJM Western Hub day-ahead electricity, daily average, quote per MWh",
    methodologyURI: "docs/index-methodology.md",
    quorum: 3,
    maxMoveBps: 5_000,
    // Published once a business day: 26 business hours covers a late fixing, and weekends do not count.
    maxAge: 26 * HOUR,
    maxSubmissionDelay: 6 * HOUR,
    businessDaysOnly: true,
    ringCardinality: 64,
  },
];
