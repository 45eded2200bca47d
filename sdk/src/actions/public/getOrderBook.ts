import {
  type Address,
  type Chain,
  type Client,
  type GetLogsErrorType,
  hexToBigInt,
  type ReadContractErrorType,
  type Transport,
} from "viem";
import { getBlock, getLogs, readContract } from "viem/actions";
import { getAction } from "viem/utils";
import type { ComputusContractError } from "../../errors/base.js";
import type { UnknownContractError } from "../../errors/contract.js";
import { decodeContractError } from "../../errors/decodeContractError.js";
import { clearingHouseAbi, orderBookAbi } from "../../generated/abis.js";

export type GetOrderBookParameters = {
  orderBook: Address;
  clearingHouse: Address;
  marketId: bigint;
  /** Where to start scanning `OrderPlaced` events (the order book's deployment block). */
  fromBlock?: bigint | undefined;
  /** Levels per side, best first. Default all. */
  depth?: number | undefined;
};

/** One price level: total live size and the number of orders. */
export type BookLevel = { price: bigint; size: bigint; orders: number };
/** A live resting order. */
export type RestingOrder = {
  orderId: bigint;
  owner: Address;
  isBid: boolean;
  price: bigint;
  size: bigint;
  expiry: bigint;
  reduceOnly: boolean;
};

export type GetOrderBookReturnType = {
  marketId: bigint;
  /** Best (highest) first. */
  bids: BookLevel[];
  /** Best (lowest) first. */
  asks: BookLevel[];
  bestBid: bigint | null;
  bestAsk: bigint | null;
  /** Every live order, bids then asks, best price first, then time priority. */
  orders: RestingOrder[];
};

export type GetOrderBookErrorType =
  | ComputusContractError
  | UnknownContractError
  | ReadContractErrorType
  | GetLogsErrorType;

/**
 * The order book of a market by level (price, total size, order count) and its live orders.
 * The book keeps no list of its orders, so the candidates come from its `OrderPlaced` events and
 * each is read back (`orderOf`): filled and cancelled orders are gone; orders killed by a
 * cancel-all (an older epoch than their owner's) and expired ones are left out, as a taker would
 * skip them.
 */
export async function getOrderBook<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { orderBook, clearingHouse, marketId, fromBlock = 0n, depth }: GetOrderBookParameters,
): Promise<GetOrderBookReturnType> {
  const read = getAction(client, readContract, "readContract");
  try {
    const logs = await getAction(
      client,
      getLogs,
      "getLogs",
    )({
      address: orderBook,
      event: orderBookAbi.find((item) => item.type === "event" && item.name === "OrderPlaced") as Extract<
        (typeof orderBookAbi)[number],
        { type: "event"; name: "OrderPlaced" }
      >,
      args: { marketId },
      fromBlock,
      toBlock: "latest",
    });
    const ids = [...new Set(logs.map((log) => log.args.orderId as bigint))];
    const now = (await getAction(client, getBlock, "getBlock")({})).timestamp;
    const views = await Promise.all(
      ids.map((orderId) =>
        read({ address: orderBook, abi: orderBookAbi, functionName: "orderOf", args: [orderId] }).then(
          (view) => ({ orderId, view }),
          () => null, // UnknownOrder: filled or cancelled
        ),
      ),
    );
    const owners = [...new Set(views.flatMap((v) => (v ? [v.view.owner] : [])))];
    const epochs = new Map(
      await Promise.all(
        owners.map(
          async (owner) =>
            [
              owner,
              orderEpoch(
                await read({
                  address: clearingHouse,
                  abi: clearingHouseAbi,
                  functionName: "rawPosition",
                  args: [owner, marketId],
                }),
              ),
            ] as const,
        ),
      ),
    );
    const orders: RestingOrder[] = [];
    for (const v of views) {
      if (!v) continue;
      const { view, orderId } = v;
      if (epochs.get(view.owner) !== view.epoch) continue;
      if (view.expiry !== 0n && view.expiry <= now) continue;
      orders.push({
        orderId,
        owner: view.owner,
        isBid: view.isBid,
        price: view.price,
        size: view.size,
        expiry: view.expiry,
        reduceOnly: view.reduceOnly,
      });
    }
    orders.sort((a, b) =>
      a.isBid !== b.isBid
        ? a.isBid
          ? -1
          : 1
        : a.price !== b.price
          ? (a.isBid ? b.price > a.price : a.price > b.price)
            ? 1
            : -1
          : a.orderId < b.orderId
            ? -1
            : 1,
    );
    const levels = (isBid: boolean) => {
      const out: BookLevel[] = [];
      for (const o of orders) {
        if (o.isBid !== isBid) continue;
        const last = out[out.length - 1];
        if (last && last.price === o.price) {
          last.size += o.size;
          last.orders += 1;
        } else out.push({ price: o.price, size: o.size, orders: 1 });
      }
      return depth === undefined ? out : out.slice(0, depth);
    };
    const bids = levels(true);
    const asks = levels(false);
    return { marketId, bids, asks, bestBid: bids[0]?.price ?? null, bestAsk: asks[0]?.price ?? null, orders };
  } catch (error) {
    throw decodeContractError(error);
  }
}

/** The order epoch of a packed position (contracts/types/Position.sol). */
function orderEpoch(raw: bigint | `0x${string}`): bigint {
  const value = typeof raw === "bigint" ? raw : hexToBigInt(raw);
  return (value >> POSITION_EPOCH_SHIFT) & 0xffffn;
}
const POSITION_EPOCH_SHIFT = 240n;
