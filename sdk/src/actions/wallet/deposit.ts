import {
  type Account,
  type Address,
  type Chain,
  type Client,
  erc20Abi,
  type Hash,
  type SimulateContractErrorType,
  type Transport,
  type WriteContractErrorType,
} from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import type { AccountRequiredError } from "../../errors/account.js";
import type { ComputusContractError } from "../../errors/base.js";
import type { WrongChainError } from "../../errors/deployment.js";
import type { InvalidOrderError } from "../../errors/order.js";
import type { TransactionRevertedError } from "../../errors/transaction.js";
import { clearingHouseAbi } from "../../generated/abis.js";
import { assertChain, requireAccount, simulateAndWrite, toWhole, waitForSuccess } from "../internal/trade.js";

export type DepositParameters = {
  clearingHouse: Address;
  /** The collateral token (the deployment's `collateral.address`). */
  token: Address;
  /** In the token's smallest unit. */
  amount: bigint | number | string;
  /** The account credited; default the sender. */
  to?: Address | undefined;
  /** Approve exactly the amount when the allowance is short (default), or not at all. */
  approve?: boolean | undefined;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
export type DepositReturnType = {
  hash: Hash;
  /** The approval sent first (already mined), if one was needed. */
  approveHash: Hash | null;
};
export type DepositErrorType =
  | InvalidOrderError
  | AccountRequiredError
  | WrongChainError
  | TransactionRevertedError
  | ComputusContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/**
 * Deposits collateral into the clearing house: approves the token first when the allowance is
 * short (waits for it), then simulates and sends `deposit(to, amount)`.
 */
export async function deposit<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: DepositParameters,
): Promise<DepositReturnType> {
  const { clearingHouse, token, chain = client.chain, chainId, approve = true } = parameters;
  const account = requireAccount(client, parameters.account, "deposit");
  await assertChain(client, chainId);
  const amount = toWhole("amount", parameters.amount);
  let approveHash: Hash | null = null;
  if (approve) {
    const allowance = await getAction(
      client,
      readContract,
      "readContract",
    )({ address: token, abi: erc20Abi, functionName: "allowance", args: [account.address, clearingHouse] });
    if (allowance < amount) {
      ({ hash: approveHash } = await simulateAndWrite(client, {
        address: token,
        abi: erc20Abi,
        functionName: "approve",
        args: [clearingHouse, amount],
        account,
        chain,
      }));
      await waitForSuccess(client, approveHash);
    }
  }
  const { hash } = await simulateAndWrite(client, {
    address: clearingHouse,
    abi: clearingHouseAbi,
    functionName: "deposit",
    args: [parameters.to ?? account.address, amount],
    account,
    chain,
  });
  return { hash, approveHash };
}
