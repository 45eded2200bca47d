import type {
  Account,
  Address,
  Chain,
  Client,
  Hash,
  SimulateContractErrorType,
  Transport,
  WriteContractErrorType,
} from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import type { AccountRequiredError } from "../../errors/account.js";
import type { ComputusContractError } from "../../errors/base.js";
import type { WrongChainError } from "../../errors/deployment.js";
import type { InvalidOrderError } from "../../errors/order.js";
import type { TransactionRevertedError } from "../../errors/transaction.js";
import { capacityTokenAbi, clearingHouseAbi } from "../../generated/abis.js";
import { assertChain, requireAccount, simulateAndWrite, toWhole, waitForSuccess } from "../internal/trade.js";

export type PostCapacityCollateralParameters = {
  clearingHouse: Address;
  capacityToken: Address;
  /** The market whose short the units cover (same index, overlapping window). */
  marketId: bigint;
  /** The capacity id. */
  id: bigint;
  /** GPU-hours (units) to post. */
  units: bigint | number | string;
  /** Approve the clearing house on the capacity token when it is not (default), or not at all. */
  approve?: boolean | undefined;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
export type PostCapacityCollateralReturnType = {
  hash: Hash;
  /** The `setApprovalForAll` sent first (already mined), if one was needed. */
  approveHash: Hash | null;
};
export type PostCapacityCollateralErrorType =
  | InvalidOrderError
  | AccountRequiredError
  | WrongChainError
  | TransactionRevertedError
  | ComputusContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/**
 * A GPU owner posts capacity units in the clearing house as cover for its short in `marketId`:
 * approves the clearing house on the capacity token first if needed (waits for it), then
 * simulates and sends `postCapacityCollateral(marketId, id, units)`.
 */
export async function postCapacityCollateral<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: PostCapacityCollateralParameters,
): Promise<PostCapacityCollateralReturnType> {
  const { clearingHouse, capacityToken, marketId, id, chain = client.chain, chainId, approve = true } = parameters;
  const account = requireAccount(client, parameters.account, "postCapacityCollateral");
  await assertChain(client, chainId);
  const units = toWhole("units", parameters.units);
  let approveHash: Hash | null = null;
  if (approve) {
    const approved = await getAction(
      client,
      readContract,
      "readContract",
    )({
      address: capacityToken,
      abi: capacityTokenAbi,
      functionName: "isApprovedForAll",
      args: [account.address, clearingHouse],
    });
    if (!approved) {
      ({ hash: approveHash } = await simulateAndWrite(client, {
        address: capacityToken,
        abi: capacityTokenAbi,
        functionName: "setApprovalForAll",
        args: [clearingHouse, true],
        account,
        chain,
      }));
      await waitForSuccess(client, approveHash);
    }
  }
  const { hash } = await simulateAndWrite(client, {
    address: clearingHouse,
    abi: clearingHouseAbi,
    functionName: "postCapacityCollateral",
    args: [marketId, id, units],
    account,
    chain,
  });
  return { hash, approveHash };
}
