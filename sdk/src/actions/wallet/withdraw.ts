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
import { clearingHouseAbi } from "../../generated/abis.js";
import { assertChain, requireAccount, simulateAndWrite } from "../internal/trade.js";

export type WithdrawParameters = {
  clearingHouse: Address;
  /** In the token's smallest unit. */
  amount: bigint;
  /** Where the tokens go; default the sender. */
  to?: Address | undefined;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
export type WithdrawReturnType = { hash: Hash };
export type WithdrawErrorType =
  | AccountRequiredError
  | WrongChainError
  | ComputusContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/**
 * Withdraws collateral, as long as the account keeps its initial margin (simulated first:
 * `InsufficientMarginError`, `InsufficientCollateralError`).
 */
export async function withdraw<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: WithdrawParameters,
): Promise<WithdrawReturnType> {
  const { clearingHouse, chain = client.chain, chainId } = parameters;
  const account = requireAccount(client, parameters.account, "withdraw");
  await assertChain(client, chainId);
  const { hash } = await simulateAndWrite(client, {
    address: clearingHouse,
    abi: clearingHouseAbi,
    functionName: "withdraw",
    args: [parameters.amount, parameters.to ?? account.address],
    account,
    chain,
  });
  return { hash };
}
