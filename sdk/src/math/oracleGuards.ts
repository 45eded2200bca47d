import { indexAge } from "./calendar.js";
import { MathInputError } from "./errors.js";

/** Basis points in one: the oracle's `BPS`. */
export const BPS = 10_000n;

export type IsStaleParameters = {
  /** Timestamp of the index's last round, Unix seconds; `null` when it has no round yet. */
  readonly lastTimestamp: bigint | null;
  /** The time to judge at (the block's timestamp on-chain), Unix seconds. */
  readonly now: bigint;
  /** The index's `maxAge`: seconds, or business seconds when `businessDaysOnly`. */
  readonly maxAge: bigint;
  /** Whether Saturdays and Sundays (UTC) do not count toward the age. */
  readonly businessDaysOnly: boolean;
};

/**
 * Whether an index is stale, as the oracle's `isStale` (and `latestPrice`'s `StaleIndex`) decide:
 * with no round yet, always; otherwise when age > maxAge (strictly), where age = now − last round,
 * counting Monday–Friday UTC seconds only for a `businessDaysOnly` index (`indexAge`).
 * @throws {MathInputError} when `now` is before `lastTimestamp`, or an input is negative.
 */
export function isStale({ lastTimestamp, now, maxAge, businessDaysOnly }: IsStaleParameters): boolean {
  if (maxAge < 0n) throw new MathInputError("isStale: negative maxAge");
  if (lastTimestamp === null) return true;
  return indexAge(lastTimestamp, now, businessDaysOnly) > maxAge;
}

export type MoveGuardParameters = {
  /** The price of the index's last round. */
  readonly lastPrice: bigint;
  /** The new round's price. */
  readonly price: bigint;
  /** The index's `maxMoveBps`; 0 disables the guard. */
  readonly maxMoveBps: bigint;
};

/**
 * Whether a round at `price` after one at `lastPrice` trips the oracle's move guard (reverts with
 * `MoveTooLarge` unless the guardian confirms it): |price − lastPrice| × 10 000 > lastPrice ×
 * maxMoveBps, exact integer arithmetic (a move of exactly `maxMoveBps` passes). `maxMoveBps` = 0
 * disables the guard. The first round of an index has no last price and is never guarded.
 * @throws {MathInputError} on a negative input.
 */
export function exceedsMoveGuard({ lastPrice, price, maxMoveBps }: MoveGuardParameters): boolean {
  if (lastPrice < 0n || price < 0n || maxMoveBps < 0n) throw new MathInputError("exceedsMoveGuard: negative input");
  if (maxMoveBps === 0n) return false;
  const move = price > lastPrice ? price - lastPrice : lastPrice - price;
  return move * BPS > lastPrice * maxMoveBps;
}

/**
 * The range of prices a round after `lastPrice` may carry without the guardian: [low, high], both
 * inclusive (from `exceedsMoveGuard`: |price − lastPrice| ≤ ⌊lastPrice × maxMoveBps / 10 000⌋).
 * With `maxMoveBps` = 0, any price: `high` is `null`.
 */
export function moveGuardBounds({ lastPrice, maxMoveBps }: Omit<MoveGuardParameters, "price">): {
  low: bigint;
  high: bigint | null;
} {
  if (lastPrice < 0n || maxMoveBps < 0n) throw new MathInputError("moveGuardBounds: negative input");
  if (maxMoveBps === 0n) return { low: 0n, high: null };
  const band = (lastPrice * maxMoveBps) / BPS;
  return { low: band > lastPrice ? 0n : lastPrice - band, high: lastPrice + band };
}
