import { MathInputError } from "./errors.js";

function ascending(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The median exactly as the oracle contract computes a round's price: sort ascending; an odd count
 * takes the middle value, an even count the floor of the mean of the two middle values.
 * @throws {MathInputError} when `values` is empty or holds a negative value.
 */
export function medianDown(values: readonly bigint[]): bigint {
  if (values.length === 0) throw new MathInputError("medianDown: no values");
  const sorted = [...values].sort(ascending);
  if (sorted[0] !== undefined && sorted[0] < 0n) throw new MathInputError("medianDown: negative value");
  const mid = sorted.length >> 1;
  const upper = sorted[mid] as bigint;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[mid - 1] as bigint) + upper) / 2n;
}

/** A value with a positive weight. */
export type Weighted = { readonly value: bigint; readonly weight: bigint };

/**
 * The weighted median, rounded down: sort by value; walk the cumulative weight; the first value at
 * which it exceeds half the total is the median; when it equals half the total exactly, the median
 * is the floor of the mean of that value and the next one. With unit weights this is
 * {@link medianDown}, the contract's median.
 * @throws {MathInputError} when `items` is empty, or holds a weight ≤ 0 or a negative value.
 */
export function weightedMedianDown(items: readonly Weighted[]): bigint {
  if (items.length === 0) throw new MathInputError("weightedMedianDown: no values");
  let total = 0n;
  for (const item of items) {
    if (item.weight <= 0n) throw new MathInputError("weightedMedianDown: weight must be positive");
    if (item.value < 0n) throw new MathInputError("weightedMedianDown: negative value");
    total += item.weight;
  }
  const sorted = [...items].sort((a, b) => ascending(a.value, b.value));
  let cumulative = 0n;
  for (let i = 0; i < sorted.length; i++) {
    const item = sorted[i] as Weighted;
    cumulative += item.weight;
    const twice = cumulative * 2n;
    if (twice > total) return item.value;
    // Exactly half the weight lies at or below this value: the next value exists, as weights are positive.
    if (twice === total) return (item.value + (sorted[i + 1] as Weighted).value) / 2n;
  }
  /* c8 ignore next */
  throw new Error("unreachable");
}
