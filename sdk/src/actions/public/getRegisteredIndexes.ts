import type { Address, BlockNumber, Chain, Client, GetLogsErrorType, Hex, Transport } from "viem";
import { getLogs } from "viem/actions";
import { getAction } from "viem/utils";
import { indexOracleAbi } from "../../generated/abis.js";

export type GetRegisteredIndexesParameters = {
  /** The oracle contract. */
  oracle: Address;
  /** First block to search: the oracle's deployment block (`deployment.contracts.IndexOracle.startBlock`). */
  fromBlock: BlockNumber | number;
  /** Last block to search. Default: the latest. */
  toBlock?: BlockNumber | number | undefined;
};

/** An index as registered (`IndexRegistered`), with its parameters at registration. */
export type RegisteredIndex = {
  readonly indexId: Hex;
  readonly description: string;
  readonly methodologyURI: string;
  readonly decimals: number;
  readonly blockNumber: bigint;
};

export type GetRegisteredIndexesReturnType = readonly RegisteredIndex[];

export type GetRegisteredIndexesErrorType = GetLogsErrorType;

/**
 * Every index registered on the oracle, in registration order, from its `IndexRegistered` events
 * (the oracle keeps no list). Current parameters and rounds: `getIndexParams`, `getLatestRound`.
 * On chains whose RPC limits `eth_getLogs` ranges, read from an indexer instead.
 */
export async function getRegisteredIndexes<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { oracle, fromBlock, toBlock }: GetRegisteredIndexesParameters,
): Promise<GetRegisteredIndexesReturnType> {
  const event = indexOracleAbi.find(
    (item): item is Extract<(typeof indexOracleAbi)[number], { type: "event"; name: "IndexRegistered" }> =>
      item.type === "event" && item.name === "IndexRegistered",
  );
  if (event === undefined) throw new Error("getRegisteredIndexes: the oracle ABI has no IndexRegistered event");
  const logs = await getAction(
    client,
    getLogs,
    "getLogs",
  )({
    address: oracle,
    event,
    fromBlock: BigInt(fromBlock),
    toBlock: toBlock === undefined ? "latest" : BigInt(toBlock),
    strict: true,
  });
  return logs.map((log) => ({
    indexId: log.args.indexId,
    description: log.args.description,
    methodologyURI: log.args.methodologyURI,
    decimals: log.args.decimals,
    blockNumber: log.blockNumber,
  }));
}
