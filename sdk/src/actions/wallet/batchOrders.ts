import type { Account, Address, Chain, Client, Hash, Transport } from "viem";
import { clearingHouseAbi } from "../../generated/abis.js";
import { assertChain, requireAccount, simulateAndWrite } from "../internal/trade.js";
import { type OrderParameters, type PlaceOrderErrorType, toPlaceParams } from "./placeOrder.js";
import { type WaitForOrderReturnType, waitForOrder } from "./waitForOrder.js";

export type BatchOrdersParameters = {
  /** The clearing house: the order books live inside it. */
  clearingHouse: Address;
  /** Order ids to cancel first. */
  cancels?: readonly bigint[] | undefined;
  /** Orders to place next, each checked against its market as by `placeOrder`. */
  orders?: readonly OrderParameters[] | undefined;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  chainId?: number | undefined;
};
export type BatchOrdersReturnType = {
  hash: Hash;
  /** From the simulation: the resting id of each order (0n when nothing rests). */
  simulated: { orderIds: readonly bigint[] };
  wait: () => Promise<WaitForOrderReturnType>;
};
export type BatchOrdersErrorType = PlaceOrderErrorType;

/**
 * Cancels, then places, in one transaction (a market maker's requote); checked and simulated
 * first, so one bad order fails the whole batch before it costs gas.
 */
export async function batchOrders<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: BatchOrdersParameters,
): Promise<BatchOrdersReturnType> {
  const { clearingHouse, cancels = [], orders = [], chain = client.chain, chainId } = parameters;
  const account = requireAccount(client, parameters.account, "batchOrders");
  await assertChain(client, chainId);
  const places = await Promise.all(orders.map((order) => toPlaceParams(client, clearingHouse, order)));
  const { hash, result } = await simulateAndWrite<readonly bigint[]>(client, {
    address: clearingHouse,
    abi: clearingHouseAbi,
    functionName: "batch",
    args: [cancels, places],
    account,
    chain,
  });
  return { hash, simulated: { orderIds: result }, wait: () => waitForOrder(client, { hash, owner: account.address }) };
}
