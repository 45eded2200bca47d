import type { Address, Chain, Client, ReadContractErrorType, Transport } from "viem";
import { readContract } from "viem/actions";
import { getAction } from "viem/utils";
import type { ComputusContractError } from "../../errors/base.js";
import type { UnknownContractError } from "../../errors/contract.js";
import { decodeContractError } from "../../errors/decodeContractError.js";
import { clearingHouseAbi } from "../../generated/abis.js";

/** Levels per side when `depth` is not given. */
export const DEFAULT_BOOK_DEPTH = 50;

export type GetOrderBookParameters = {
  /** The clearing house: the order books live inside it. */
  clearingHouse: Address;
  marketId: bigint;
  /** Levels per side, best first. Default 50. */
  depth?: number | undefined;
  /** Read at this block (default the latest). */
  blockNumber?: bigint | undefined;
};

/** One price level: total live size and the number of live orders. */
export type BookLevel = { price: bigint; size: bigint; orders: number };

export type GetOrderBookReturnType = {
  marketId: bigint;
  /** Best (highest) first. */
  bids: BookLevel[];
  /** Best (lowest) first. */
  asks: BookLevel[];
  /** Best live bid, null when there is none. */
  bestBid: bigint | null;
  /** Best live ask, null when there is none. */
  bestAsk: bigint | null;
};

export type GetOrderBookErrorType = ComputusContractError | UnknownContractError | ReadContractErrorType;

/**
 * The order book of a market by price level (price, total size, order count), best first, read
 * from the book's state (`depthOf`, one call per side): what a taker would meet now. Filled and
 * cancelled orders, orders past their expiry and orders killed by a cancel-all are left out
 * (the book still stores the last two until a taker or their owner clears them).
 *
 * @example
 * const { bids, asks } = await getOrderBook(client, { clearingHouse, marketId: 1n, depth: 10 });
 */
export async function getOrderBook<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { clearingHouse, marketId, depth = DEFAULT_BOOK_DEPTH, blockNumber }: GetOrderBookParameters,
): Promise<GetOrderBookReturnType> {
  if (!Number.isSafeInteger(depth) || depth < 0) throw new RangeError(`getOrderBook: depth ${depth} is not a count`);
  const read = getAction(client, readContract, "readContract");
  const side = async (isBid: boolean): Promise<BookLevel[]> => {
    const levels = await read({
      address: clearingHouse,
      abi: clearingHouseAbi,
      functionName: "depthOf",
      args: [marketId, isBid, BigInt(depth)],
      ...(blockNumber === undefined ? {} : { blockNumber }),
    });
    return levels.map((level) => ({ price: level.price, size: level.size, orders: Number(level.orders) }));
  };
  try {
    const [bids, asks] = await Promise.all([side(true), side(false)]);
    return { marketId, bids, asks, bestBid: bids[0]?.price ?? null, bestAsk: asks[0]?.price ?? null };
  } catch (error) {
    throw decodeContractError(error);
  }
}
