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
import { type WaitForOrderReturnType, waitForOrder } from "./waitForOrder.js";

export type CancelAllOrdersParameters = {
  /** The clearing house: the order books live inside it. */
  clearingHouse: Address;
  marketId: bigint;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
export type CancelAllOrdersReturnType = { hash: Hash; wait: () => Promise<WaitForOrderReturnType> };
export type CancelAllOrdersErrorType =
  | AccountRequiredError
  | WrongChainError
  | ComputusContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/** Cancels all the account's resting orders in a market at once (O(1): a new order epoch). */
export async function cancelAllOrders<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  { clearingHouse, marketId, chain = client.chain, chainId, ...rest }: CancelAllOrdersParameters,
): Promise<CancelAllOrdersReturnType> {
  const account = requireAccount(client, rest.account, "cancelAllOrders");
  await assertChain(client, chainId);
  const { hash } = await simulateAndWrite(client, {
    address: clearingHouse,
    abi: clearingHouseAbi,
    functionName: "cancelAll",
    args: [marketId],
    account,
    chain,
  });
  return { hash, wait: () => waitForOrder(client, { hash, owner: account.address }) };
}
