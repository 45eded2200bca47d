import type {
  Account,
  Address,
  Chain,
  Client,
  Hash,
  ReadContractErrorType,
  SimulateContractErrorType,
  Transport,
  WriteContractErrorType,
} from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import type { AccountRequiredError } from "../../errors/account.js";
import type { ComputusContractError } from "../../errors/base.js";
import type { UnknownContractError } from "../../errors/contract.js";
import { decodeContractError } from "../../errors/decodeContractError.js";
import type { WrongChainError } from "../../errors/deployment.js";
import { InvalidOrderError } from "../../errors/order.js";
import { clearingHouseAbi } from "../../generated/abis.js";
import { assertChain, requireAccount, simulateAndWrite, toWhole } from "../internal/trade.js";
import { type WaitForOrderReturnType, waitForOrder } from "./waitForOrder.js";

/** How an order executes (IOrderBookBase.OrderType). */
export type OrderType = "limit" | "postOnly" | "ioc" | "fok" | "market";
const ORDER_TYPES: Record<OrderType, number> = { limit: 0, postOnly: 1, ioc: 2, fok: 3, market: 4 };

/** An order, in the SDK's terms. */
export type OrderParameters = {
  marketId: bigint;
  side: "buy" | "sell";
  /** Quote units per GPU-hour; a multiple of the market's tick (for a market order, the protection limit). */
  price: bigint | number | string;
  /** GPU-hours; a whole multiple of the market's lot. */
  size: bigint | number | string;
  /** Default "limit". */
  type?: OrderType | undefined;
  reduceOnly?: boolean | undefined;
  /** Good-till-time deadline, Unix seconds (0 / undefined: good till cancelled). */
  expiry?: bigint | number | undefined;
};

/** The order book's `PlaceParams` (IOrderBookBase). */
export type PlaceParams = {
  marketId: bigint;
  isBid: boolean;
  kind: number;
  reduceOnly: boolean;
  price: bigint;
  size: bigint;
  expiry: bigint;
};

export type PlaceOrderParameters = OrderParameters & {
  /** The clearing house: the order books live inside it. */
  clearingHouse: Address;
  account?: Account | Address | undefined;
  chain?: Chain | undefined;
  /** The deployment's chain: a client on another chain fails with `WrongChainError` before anything is sent. */
  chainId?: number | undefined;
};

export type PlaceOrderReturnType = {
  hash: Hash;
  /** From the simulation: the resting order's id (0n when nothing rests) and the size filled on entry. */
  simulated: { orderId: bigint; filled: bigint };
  /** Waits for the transaction and returns its order id(s) and fills. */
  wait: () => Promise<WaitForOrderReturnType>;
};

export type PlaceOrderErrorType =
  | InvalidOrderError
  | WrongChainError
  | AccountRequiredError
  | ComputusContractError
  | UnknownContractError
  | ReadContractErrorType
  | SimulateContractErrorType
  | WriteContractErrorType;

/**
 * Checks an order against its market (size a whole multiple of the lot, at most the maximum
 * position; price a positive multiple of the tick; expiry in range) and returns the book's
 * `PlaceParams`.
 * @throws {InvalidOrderError} for a bad order; {UnknownMarketError} for a market that does not exist.
 */
export async function toPlaceParams(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  clearingHouse: Address,
  order: OrderParameters,
): Promise<PlaceParams> {
  const size = toWhole("size", order.size);
  const price = toWhole("price", order.price);
  const expiry = order.expiry === undefined ? 0n : toWhole("expiry", order.expiry, { allowZero: true });
  let config: { tickSize: bigint; lotSize: number };
  let maxPosition: bigint;
  try {
    const [, c, r] = await getAction(
      client,
      readContract,
      "readContract",
    )({ address: clearingHouse, abi: clearingHouseAbi, functionName: "market", args: [order.marketId] });
    config = c;
    maxPosition = r.maxPosition;
  } catch (error) {
    throw decodeContractError(error);
  }
  const lot = BigInt(config.lotSize);
  if (size % lot !== 0n) {
    throw new InvalidOrderError({
      field: "size",
      value: size,
      reason: `it must be a multiple of the lot size ${lot}.`,
    });
  }
  if (size > maxPosition) {
    throw new InvalidOrderError({
      field: "size",
      value: size,
      reason: `the market's maximum position is ${maxPosition}.`,
    });
  }
  if (price % config.tickSize !== 0n) {
    throw new InvalidOrderError({
      field: "price",
      value: price,
      reason: `it is off tick: it must be a multiple of the tick size ${config.tickSize}.`,
    });
  }
  if (expiry > 0xffffffffn) {
    throw new InvalidOrderError({ field: "expiry", value: expiry, reason: "it must fit in 32 bits (Unix seconds)." });
  }
  const type = order.type ?? "limit";
  if (!(type in ORDER_TYPES)) {
    throw new InvalidOrderError({ field: "type", value: type, reason: "use limit, postOnly, ioc, fok or market." });
  }
  return {
    marketId: order.marketId,
    isBid: order.side === "buy",
    kind: ORDER_TYPES[type],
    reduceOnly: order.reduceOnly ?? false,
    price,
    size,
    expiry,
  };
}

/**
 * Places an order: checks it against the market, simulates it (a refused order — insufficient
 * margin, price outside the band, market expired … — throws the typed error and costs no gas),
 * then sends it.
 *
 * @example
 * const { hash, wait } = await placeOrder(wallet, { clearingHouse, marketId: 1n,
 *   side: "buy", price: 2_100_000n, size: 720n });
 * const { orderId, fills } = await wait();
 */
export async function placeOrder<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: PlaceOrderParameters,
): Promise<PlaceOrderReturnType> {
  const { clearingHouse, chain = client.chain, chainId } = parameters;
  const account = requireAccount(client, parameters.account, "placeOrder");
  await assertChain(client, chainId);
  const params = await toPlaceParams(client, clearingHouse, parameters);
  const { hash, result } = await simulateAndWrite<readonly [bigint, bigint]>(client, {
    address: clearingHouse,
    abi: clearingHouseAbi,
    functionName: "place",
    args: [params],
    account,
    chain,
  });
  return {
    hash,
    simulated: { orderId: result[0], filled: result[1] },
    wait: () => waitForOrder(client, { hash, owner: account.address }),
  };
}
