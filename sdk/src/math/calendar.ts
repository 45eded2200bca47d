import { MathInputError } from "./errors.js";

export const DAY = 86_400n;
export const WEEK = 7n * DAY;
/** Seconds of business time in a week: Monday to Friday. */
const BUSINESS_WEEK = 5n * DAY;
/** 1970-01-01 was a Thursday: shifting by three days makes each week start on a Monday. */
const EPOCH_TO_MONDAY = 3n * DAY;

/**
 * Business seconds (Monday to Friday, UTC) from the Monday before the Unix epoch up to `t`, as the
 * contract's CalendarLib computes it: with s = t + 3 days, B(t) = ⌊s / 1 week⌋ × 5 days +
 * min(s mod 1 week, 5 days). Constant through each weekend.
 * @throws {MathInputError} when `t` is negative.
 */
export function businessTime(t: bigint): bigint {
  if (t < 0n) throw new MathInputError("businessTime: negative timestamp");
  const s = t + EPOCH_TO_MONDAY;
  const rem = s % WEEK;
  return (s / WEEK) * BUSINESS_WEEK + (rem < BUSINESS_WEEK ? rem : BUSINESS_WEEK);
}

/**
 * Seconds of Monday-to-Friday (UTC) time in [t0, t1): B(t1) − B(t0).
 * @throws {MathInputError} when t1 < t0.
 */
export function businessSecondsBetween(t0: bigint, t1: bigint): bigint {
  if (t1 < t0) throw new MathInputError("businessSecondsBetween: t1 before t0");
  return businessTime(t1) - businessTime(t0);
}

/**
 * The age of an index whose last round is at `lastTimestamp`, at time `now`: plain seconds, or
 * business seconds when the index is published on business days only (its `businessDaysOnly`).
 * @throws {MathInputError} when `now` < `lastTimestamp`.
 */
export function indexAge(lastTimestamp: bigint, now: bigint, businessDaysOnly: boolean): bigint {
  if (now < lastTimestamp) throw new MathInputError("indexAge: now before the last round");
  return businessDaysOnly ? businessSecondsBetween(lastTimestamp, now) : now - lastTimestamp;
}
