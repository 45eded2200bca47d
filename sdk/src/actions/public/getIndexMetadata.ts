import type { Address, Chain, Client, ContractFunctionReturnType, Hex, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import type { ComputusContractError } from "../../errors/base.js";
import type { UnknownContractError } from "../../errors/contract.js";
import { decodeContractError } from "../../errors/decodeContractError.js";
import { indexOracleAbi } from "../../generated/abis.js";

/** What an index prices and how: `IIndexOracle.IndexMetadata`. */
export type IndexMetadata = ContractFunctionReturnType<typeof indexOracleAbi, "view", "indexMetadata">;

export type GetIndexMetadataParameters = {
  /** The oracle contract. */
  oracle: Address;
  /** The index's bytes32 id. */
  indexId: Hex;
};

export type GetIndexMetadataReturnType = IndexMetadata;

export type GetIndexMetadataErrorType = ComputusContractError | UnknownContractError | ReadContractErrorType;

/**
 * An index's metadata (`indexMetadata(indexId)`): description, methodology URI and hash, and the
 * price's decimals — a publisher scales quotes with them (`parseUnits("2.1345", decimals)`).
 */
export async function getIndexMetadata<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { oracle, indexId }: GetIndexMetadataParameters,
): Promise<GetIndexMetadataReturnType> {
  try {
    return await getAction(
      client,
      readContract,
      "readContract",
    )({ address: oracle, abi: indexOracleAbi, functionName: "indexMetadata", args: [indexId] });
  } catch (error) {
    throw decodeContractError(error);
  }
}
