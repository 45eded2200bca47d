import type { Address, Chain, Client, Hex, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import type { ComputusContractError } from "../../errors/base.js";
import type { UnknownContractError } from "../../errors/contract.js";
import { decodeContractError } from "../../errors/decodeContractError.js";
import { indexOracleAbi } from "../../generated/abis.js";

export type GetAveragePriceParameters = {
  /** The oracle contract. */
  oracle: Address;
  /** The index's bytes32 id. */
  indexId: Hex;
  /** Window start, Unix seconds. */
  start: bigint;
  /** Window end, Unix seconds (no later than the chain's current time). */
  end: bigint;
};

/** Time-weighted average price over [start, end], quote units per GPU-hour, rounded down. */
export type GetAveragePriceReturnType = bigint;

export type GetAveragePriceErrorType = ComputusContractError | UnknownContractError | ReadContractErrorType;

/**
 * The time-weighted average of an index over a window (`averagePrice(indexId, start, end)`), as
 * markets settle on it. `math/averagePriceDown` computes the same from a list of rounds.
 * @throws {InvalidWindowError} unless start < end ≤ now.
 * @throws {BeforeOldestRoundError} when the oracle no longer holds rounds from `start`.
 */
export async function getAveragePrice<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { oracle, indexId, start, end }: GetAveragePriceParameters,
): Promise<GetAveragePriceReturnType> {
  try {
    return await getAction(
      client,
      readContract,
      "readContract",
    )({ address: oracle, abi: indexOracleAbi, functionName: "averagePrice", args: [indexId, start, end] });
  } catch (error) {
    throw decodeContractError(error);
  }
}
