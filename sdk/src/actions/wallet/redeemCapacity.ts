import type {
  Account,
  Address,
  Chain,
  Client,
  Hash,
  Hex,
  SimulateContractErrorType,
  Transport,
  WriteContractErrorType,
} from "viem";
import type { AccountRequiredError } from "../../errors/account.js";
import type { ComputusContractError } from "../../errors/base.js";
import type { WrongChainError } from "../../errors/deployment.js";
import { capacityTokenAbi } from "../../generated/abis.js";
import { assertChain, requireAccount, simulateAndWrite } from "../internal/trade.js";

export type RedeemCapacityParameters = {
  capacityToken: Address;
  id: bigint;
  /** GPU-hours to redeem. */
  units: bigint;
  /** Where to deliver, as agreed with the provider off-chain (e.g. keccak256 of an SSH key and endpoint). */
  commitment: Hex;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
export type RedeemCapacityReturnType = { hash: Hash; requestIndex: number };
export type RedeemCapacityErrorType =
  | AccountRequiredError
  | WrongChainError
  | ComputusContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/** A holder burns units of capacity and requests their delivery during the window (simulated first). */
export async function redeemCapacity<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  { capacityToken, id, units, commitment, chain = client.chain, chainId, ...rest }: RedeemCapacityParameters,
): Promise<RedeemCapacityReturnType> {
  const account = requireAccount(client, rest.account, "redeemCapacity");
  await assertChain(client, chainId);
  const { hash, result } = await simulateAndWrite<number>(client, {
    address: capacityToken,
    abi: capacityTokenAbi,
    functionName: "redeem",
    args: [id, units, commitment],
    account,
    chain,
  });
  return { hash, requestIndex: result };
}
