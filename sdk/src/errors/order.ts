import { ComputusError } from "./base.js";

/**
 * An order (or amount) refused by the SDK before anything is simulated or sent: a size that is
 * not a whole number of GPU-hours or not a multiple of the market's lot, a price off the tick …
 */
export class InvalidOrderError extends ComputusError {
  /** The parameter at fault: `size`, `price`, `expiry`, `amount`. */
  readonly field: string;
  readonly value: unknown;
  constructor({ field, value, reason }: { field: string; value: unknown; reason: string }) {
    super(`Invalid ${field} ${String(value)}: ${reason}`, { name: "InvalidOrderError" });
    this.field = field;
    this.value = value;
  }
}

/** A transaction was mined but reverted (e.g. the book changed between simulation and inclusion). */
export class TransactionRevertedError extends ComputusError {
  readonly hash: `0x${string}`;
  readonly blockNumber: bigint;
  constructor({ hash, blockNumber }: { hash: `0x${string}`; blockNumber: bigint }) {
    super(`Transaction ${hash} reverted in block ${blockNumber}; nothing changed but the gas it used.`, {
      name: "TransactionRevertedError",
    });
    this.hash = hash;
    this.blockNumber = blockNumber;
  }
}
