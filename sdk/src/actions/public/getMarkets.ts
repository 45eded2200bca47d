import type { Address, Chain, Client, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import type { ComputusContractError } from "../../errors/base.js";
import type { UnknownContractError } from "../../errors/contract.js";
import { decodeContractError } from "../../errors/decodeContractError.js";
import { clearingHouseAbi } from "../../generated/abis.js";
import { getMarket, type Market } from "./getMarket.js";

export type GetMarketsParameters = {
  clearingHouse: Address;
  /** Leave out settled markets. Default false. */
  activeOnly?: boolean | undefined;
};
export type GetMarketsReturnType = Market[];
export type GetMarketsErrorType = ComputusContractError | UnknownContractError | ReadContractErrorType;

/** Every market of the clearing house (ids 1..marketCount) with its parameters and state. */
export async function getMarkets<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { clearingHouse, activeOnly = false }: GetMarketsParameters,
): Promise<GetMarketsReturnType> {
  let count: bigint;
  try {
    count = await getAction(
      client,
      readContract,
      "readContract",
    )({ address: clearingHouse, abi: clearingHouseAbi, functionName: "marketCount" });
  } catch (error) {
    throw decodeContractError(error);
  }
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const markets = await Promise.all(ids.map((marketId) => getMarket(client, { clearingHouse, marketId })));
  return activeOnly ? markets.filter((m) => m.state !== "Settled") : markets;
}
