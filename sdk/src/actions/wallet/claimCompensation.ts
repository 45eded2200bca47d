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
import type { AccountRequiredError } from "../../errors/account.js";
import type { ComputusContractError } from "../../errors/base.js";
import type { WrongChainError } from "../../errors/deployment.js";
import { capacityTokenAbi } from "../../generated/abis.js";
import { assertChain, requireAccount, simulateAndWrite } from "../internal/trade.js";

export type ClaimCompensationParameters = {
  capacityToken: Address;
  id: bigint;
  requestIndex: number;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
export type ClaimCompensationReturnType = { hash: Hash; amount: bigint };
export type ClaimCompensationErrorType =
  | AccountRequiredError
  | WrongChainError
  | ComputusContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/** After the delivery deadline, pays a redemption request's holder for its undelivered hours from the bond (anyone may call for any holder; simulated first). */
export async function claimCompensation<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  { capacityToken, id, requestIndex, chain = client.chain, chainId, ...rest }: ClaimCompensationParameters,
): Promise<ClaimCompensationReturnType> {
  const account = requireAccount(client, rest.account, "claimCompensation");
  await assertChain(client, chainId);
  const { hash, result } = await simulateAndWrite<bigint>(client, {
    address: capacityToken,
    abi: capacityTokenAbi,
    functionName: "claimCompensation",
    args: [id, requestIndex],
    account,
    chain,
  });
  return { hash, amount: result };
}
