import {
  type Address,
  type Chain,
  type Client,
  type Hash,
  type Hex,
  isAddressEqual,
  parseEventLogs,
  type TransactionReceipt,
  type Transport,
  type WaitForTransactionReceiptErrorType,
} from "viem";
import { waitForTransactionReceipt } from "viem/actions";
import { getAction } from "viem/utils";
import { MissingEventError, TransactionRevertedError } from "../../errors/transaction.js";
import { indexOracleAbi } from "../../generated/abis.js";

export type WaitForRoundParameters = {
  /** The oracle contract (its events are the only ones read). */
  oracle: Address;
  /** The hash `submitRound` returned. */
  hash: Hash;
  /** Blocks to wait for on top of the including one. Default 1. */
  confirmations?: number | undefined;
};

/** A round as the oracle recorded it: the `RoundRecorded` event. */
export type RecordedRound = {
  readonly indexId: Hex;
  readonly roundId: number;
  readonly timestamp: number;
  readonly price: bigint;
  readonly cumulative: bigint;
  /** The publishers whose observations made it, ascending. */
  readonly signers: readonly Address[];
  /** Their prices, in the signers' order. */
  readonly prices: readonly bigint[];
  readonly guardianConfirmed: boolean;
};

export type WaitForRoundReturnType = { readonly receipt: TransactionReceipt; readonly round: RecordedRound };

export type WaitForRoundErrorType = TransactionRevertedError | MissingEventError | WaitForTransactionReceiptErrorType;

/**
 * Waits for a round's transaction and returns the round the oracle recorded, from its
 * `RoundRecorded` event.
 * @throws {TransactionRevertedError} when the transaction reverted (the chain changed after the simulation, e.g. a lost race).
 * @throws {MissingEventError} when it recorded no round on `oracle`.
 */
export async function waitForRound<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { oracle, hash, confirmations }: WaitForRoundParameters,
): Promise<WaitForRoundReturnType> {
  const receipt = await getAction(
    client,
    waitForTransactionReceipt,
    "waitForTransactionReceipt",
  )({ hash, ...(confirmations === undefined ? {} : { confirmations }) });
  if (receipt.status !== "success") throw new TransactionRevertedError({ hash, blockNumber: receipt.blockNumber });
  const [event] = parseEventLogs({
    abi: indexOracleAbi,
    eventName: "RoundRecorded",
    logs: receipt.logs.filter((log) => isAddressEqual(log.address, oracle)),
  });
  if (event === undefined) throw new MissingEventError({ hash, event: "RoundRecorded" });
  const { indexId, roundId, timestamp, price, cumulative, signers, prices, guardianConfirmed } = event.args;
  return { receipt, round: { indexId, roundId, timestamp, price, cumulative, signers, prices, guardianConfirmed } };
}
