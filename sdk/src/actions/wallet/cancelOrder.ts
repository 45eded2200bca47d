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

export type CancelOrderParameters = {
  /** The clearing house: the order books live inside it. */
  clearingHouse: Address;
  orderId: bigint;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
export type CancelOrderReturnType = { hash: Hash; wait: () => Promise<WaitForOrderReturnType> };
export type CancelOrderErrorType =
  | AccountRequiredError
  | WrongChainError
  | ComputusContractError
  | SimulateContractErrorType
  | WriteContractErrorType;

/**
 * Cancels one of the account's resting orders (simulated first: `UnknownOrderError` for a filled
 * or cancelled order, `NotOrderOwnerError` for another's).
 */
export async function cancelOrder<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  { clearingHouse, orderId, chain = client.chain, chainId, ...rest }: CancelOrderParameters,
): Promise<CancelOrderReturnType> {
  const account = requireAccount(client, rest.account, "cancelOrder");
  await assertChain(client, chainId);
  const { hash } = await simulateAndWrite(client, {
    address: clearingHouse,
    abi: clearingHouseAbi,
    functionName: "cancel",
    args: [orderId],
    account,
    chain,
  });
  return { hash, wait: () => waitForOrder(client, { hash, owner: account.address }) };
}
