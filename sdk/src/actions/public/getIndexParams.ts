import type { Address, Chain, Client, ContractFunctionReturnType, Hex, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import type { ComputusContractError } from "../../errors/base.js";
import type { UnknownContractError } from "../../errors/contract.js";
import { decodeContractError } from "../../errors/decodeContractError.js";
import { indexOracleAbi } from "../../generated/abis.js";

/** An index's quorum and guards: `IIndexOracle.IndexParams`. */
export type IndexParams = ContractFunctionReturnType<typeof indexOracleAbi, "view", "indexParams">;

export type GetIndexParamsParameters = {
  /** The oracle contract. */
  oracle: Address;
  /** The index's bytes32 id. */
  indexId: Hex;
};

export type GetIndexParamsReturnType = IndexParams;

export type GetIndexParamsErrorType = ComputusContractError | UnknownContractError | ReadContractErrorType;

/**
 * An index's quorum and guards (`indexParams(indexId)`): quorum, maximum move per round, maximum
 * age (business seconds when `businessDaysOnly`), maximum submission delay.
 */
export async function getIndexParams<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { oracle, indexId }: GetIndexParamsParameters,
): Promise<GetIndexParamsReturnType> {
  try {
    return await getAction(
      client,
      readContract,
      "readContract",
    )({ address: oracle, abi: indexOracleAbi, functionName: "indexParams", args: [indexId] });
  } catch (error) {
    throw decodeContractError(error);
  }
}
