import { MathInputError } from "./errors.js";

/** A round as the averaging sees it: its price is in force from `timestamp` until the next round's. */
export type PriceRound = { readonly timestamp: bigint; readonly price: bigint };

/** The oracle's accumulator wraps at 2^112 (it is stored as a uint112). */
export const CUMULATIVE_MODULUS = 1n << 112n;

function checkRounds(rounds: readonly PriceRound[]): void {
  if (rounds.length === 0) throw new MathInputError("no rounds");
  let previous: bigint | undefined;
  for (const round of rounds) {
    if (round.price < 0n) throw new MathInputError("negative price");
    if (previous !== undefined && round.timestamp <= previous) {
      throw new MathInputError("round timestamps must strictly increase");
    }
    previous = round.timestamp;
  }
}

/** Σ price × seconds over [from, to), exact (no wrap); rounds checked, from ≥ first round. */
function integral(rounds: readonly PriceRound[], from: bigint, to: bigint): bigint {
  let sum = 0n;
  for (let i = 0; i < rounds.length; i++) {
    const round = rounds[i] as PriceRound;
    const next = rounds[i + 1];
    const start = round.timestamp > from ? round.timestamp : from;
    const end = next === undefined || next.timestamp > to ? to : next.timestamp;
    if (end > start) sum += round.price * (end - start);
  }
  return sum;
}

/**
 * The accumulator at `time` as the oracle's `cumulativeAt` answers it: Σ price × seconds since the
 * first round, the last price carried forward after the last round, modulo 2^112.
 * @param rounds All rounds since the first, timestamps strictly increasing.
 * @throws {MathInputError} when `time` is before the first round or the rounds are malformed.
 */
export function cumulativeAt(rounds: readonly PriceRound[], time: bigint): bigint {
  checkRounds(rounds);
  const first = (rounds[0] as PriceRound).timestamp;
  if (time < first) throw new MathInputError("cumulativeAt: time before the first round");
  return integral(rounds, first, time) % CUMULATIVE_MODULUS;
}

/**
 * The time-weighted average price over [start, end], rounded down: each round's price is held
 * from its timestamp until the next round's (the last one carried forward), and the average is
 * Σ price × seconds / (end − start). Equals the oracle's `averagePrice`, which computes it as
 * (cum(end) − cum(start)) / (end − start) from its accumulator.
 * @param rounds Rounds in time order; the first must be at or before `start`.
 * @throws {MathInputError} when start ≥ end, `start` is before the first round, or the rounds are malformed.
 */
export function averagePriceDown(rounds: readonly PriceRound[], start: bigint, end: bigint): bigint {
  checkRounds(rounds);
  if (start >= end) throw new MathInputError("averagePriceDown: the window needs start < end");
  if (start < (rounds[0] as PriceRound).timestamp) {
    throw new MathInputError("averagePriceDown: start before the first round");
  }
  return integral(rounds, start, end) / (end - start);
}
