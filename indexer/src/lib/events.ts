/**
 * What every handler file shares: the columns an append-only event row carries (so rows of any
 * contract's events look alike), and event arguments made JSON-safe.
 */
import type { Hex } from "viem";

/** The parts of a Ponder event every row records. */
export type EventMeta = {
  readonly id: string;
  readonly block: { readonly number: bigint; readonly timestamp: bigint };
  readonly log: { readonly logIndex: number; readonly address: Hex };
  readonly transaction: { readonly hash: Hex };
};

/** Where an event happened: block, time, transaction and log index. */
export function eventColumns(event: EventMeta) {
  return {
    blockNumber: event.block.number,
    blockTimestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  };
}

/** The columns a state row updates when an event changes it. */
export function touchedColumns(event: EventMeta) {
  return { updatedBlock: event.block.number, updatedTimestamp: event.block.timestamp };
}

/** JSON-safe copy of event arguments (bigints as decimal strings). */
export function jsonArgs(args: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(args, (_key, value) => (typeof value === "bigint" ? value.toString() : value)));
}
