import type { Address, Chain, Client, ContractFunctionReturnType, Hex, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import type { ComputusContractError } from "../../errors/base.js";
import type { UnknownContractError } from "../../errors/contract.js";
import { decodeContractError } from "../../errors/decodeContractError.js";
import { indexOracleAbi } from "../../generated/abis.js";

/** A round as the oracle reads it back: `IIndexOracle.Round`. */
export type OracleRound = ContractFunctionReturnType<typeof indexOracleAbi, "view", "latestRound">;

export type GetLatestRoundParameters = {
  /** The oracle contract. */
  oracle: Address;
  /** The index's bytes32 id. */
  indexId: Hex;
};

/** The newest round, or `null` when the index has none yet (the contract answers zeroes). */
export type GetLatestRoundReturnType = OracleRound | null;

export type GetLatestRoundErrorType = ComputusContractError | UnknownContractError | ReadContractErrorType;

/**
 * The newest round of an index (`latestRound(indexId)`): id, fixing time, price and accumulator.
 * Unlike `latestPrice`, it does not revert when the index is stale.
 * @throws {UnknownIndexError} when the index is not registered (if the oracle says so).
 */
export async function getLatestRound<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { oracle, indexId }: GetLatestRoundParameters,
): Promise<GetLatestRoundReturnType> {
  try {
    const round = await getAction(
      client,
      readContract,
      "readContract",
    )({ address: oracle, abi: indexOracleAbi, functionName: "latestRound", args: [indexId] });
    return round.roundId === 0 ? null : round;
  } catch (error) {
    throw decodeContractError(error);
  }
}
