import type { Hash } from "viem";
import { ComputusError } from "./base.js";

/** A transaction was mined but reverted (its simulation passed: the state changed in between). */
export class TransactionRevertedError extends ComputusError {
  readonly hash: Hash;
  readonly blockNumber: bigint;
  constructor({ hash, blockNumber }: { hash: Hash; blockNumber: bigint }) {
    super(
      `Transaction ${hash} reverted in block ${blockNumber}: the chain changed between its simulation and its inclusion.`,
      { name: "TransactionRevertedError" },
    );
    this.hash = hash;
    this.blockNumber = blockNumber;
  }
}

/** A mined transaction did not emit the event an action expected (another contract, another call). */
export class MissingEventError extends ComputusError {
  readonly hash: Hash;
  readonly event: string;
  constructor({ hash, event }: { hash: Hash; event: string }) {
    super(`Transaction ${hash} emitted no ${event} event from the expected contract.`, { name: "MissingEventError" });
    this.hash = hash;
    this.event = event;
  }
}
