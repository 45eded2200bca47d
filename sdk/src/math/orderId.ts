/**
 * Order ids (OrderLib.id and OrderLib.decodeId, contracts/types/Order.sol). A resting order's
 * market, side, price tick and place in its level's queue are packed in its id, so the events that
 * carry only the id (`OrderPlaced`, `Fill`, `OrderCancelled`) carry them too; the price is the tick
 * times the market's tick size, which is fixed when the market is created.
 *
 * Bit layout (low to high): [0, 24) index in the level's queue, [24, 46) tick, [46] side (1 = bid),
 * [47, 63) market id.
 */
import { MathInputError } from "./errors.js";

const INDEX_BITS = 24n;
const TICK_BITS = 22n;
const MAX_INDEX = (1n << INDEX_BITS) - 1n;
const MAX_TICK = (1n << TICK_BITS) - 1n;
const SIDE_BIT = 46n;
const MARKET_SHIFT = 47n;

/** What an order id says about its order. */
export type DecodedOrderId = {
  marketId: bigint;
  /** A bid (buy) order; false: an ask. */
  isBid: boolean;
  /** Price in ticks: price = tick × the market's tick size. */
  tick: bigint;
  /** Place in its price level's queue (FIFO). */
  index: bigint;
};

/**
 * The market, side, price tick and queue index of an order (OrderLib.decodeId).
 * @throws {MathInputError} for a negative id.
 */
export function decodeOrderId(orderId: bigint): DecodedOrderId {
  if (orderId < 0n) throw new MathInputError("decodeOrderId: an order id is not negative");
  return {
    marketId: orderId >> MARKET_SHIFT,
    isBid: ((orderId >> SIDE_BIT) & 1n) === 1n,
    tick: (orderId >> INDEX_BITS) & MAX_TICK,
    index: orderId & MAX_INDEX,
  };
}

/**
 * The id of the order at `index` in the queue of tick `tick` on one side of a market (OrderLib.id).
 * @throws {MathInputError} when a part is negative or does not fit its bits.
 */
export function encodeOrderId({ marketId, isBid, tick, index }: DecodedOrderId): bigint {
  if (marketId < 0n || tick < 0n || tick > MAX_TICK || index < 0n || index > MAX_INDEX) {
    throw new MathInputError("encodeOrderId: market id ≥ 0, tick < 2^22 and index < 2^24");
  }
  return (marketId << MARKET_SHIFT) | (isBid ? 1n << SIDE_BIT : 0n) | (tick << INDEX_BITS) | index;
}

/** A fill, in trade terms: where, at what price, and who bought. */
export type DecodedFill = {
  marketId: bigint;
  /** The side of the maker's resting order: the maker bought when it is a bid. */
  makerIsBid: boolean;
  /** Quote units per GPU-hour: the order's tick × the market's tick size. */
  price: bigint;
  /** Signed from the taker's side (long > 0): −size against a bid, +size against an ask. The maker's change is −takerSize. */
  takerSize: bigint;
};

/**
 * The trade a `Fill(orderId, maker, taker, size, …)` event records: the maker took its resting
 * order's side, the taker the other, at the order's price (`tickSize`: the market's, fixed at
 * creation, `MarketCreated` params or `market(id).config.tickSize`).
 * @throws {MathInputError} for a negative id, size or tick size.
 */
export function decodeFill(orderId: bigint, size: bigint, tickSize: bigint): DecodedFill {
  if (size < 0n || tickSize < 0n) throw new MathInputError("decodeFill: size and tick size are not negative");
  const { marketId, isBid, tick } = decodeOrderId(orderId);
  return { marketId, makerIsBid: isBid, price: tick * tickSize, takerSize: isBid ? -size : size };
}
