import {
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hash,
  isAddressEqual,
  parseEventLogs,
  type TransactionReceipt,
  type Transport,
  type WaitForTransactionReceiptErrorType,
} from "viem";
import type { TransactionRevertedError } from "../../errors/transaction.js";
import { clearingHouseAbi } from "../../generated/abis.js";
import { waitForSuccess } from "../internal/trade.js";

export type WaitForOrderParameters = {
  hash: Hash;
  /** Whose orders to report (`orderIds`, `restingOrderId`): the sender. */
  owner?: Address | undefined;
};

/** A fill, from the clearing house's `Fill` event. */
export type OrderFill = {
  marketId: bigint;
  /** The resting order filled. */
  makerOrderId: bigint;
  maker: Address;
  taker: Address;
  /** Signed from the taker's side (the maker gets −takerSize). */
  takerSize: bigint;
  price: bigint;
  makerFee: bigint;
  takerFee: bigint;
};

export type WaitForOrderReturnType = {
  receipt: TransactionReceipt;
  /** Orders of `owner` that rest in the book after the transaction, in placement order. */
  orderIds: bigint[];
  /** The first of `orderIds`, or 0n when nothing rests. */
  orderId: bigint;
  /** GPU-hours filled as taker by `owner`'s orders (all fills when no owner is given). */
  filled: bigint;
  fills: OrderFill[];
  /** Resting orders that left the book without filling (cancelled, expired, dropped by the clearing house). */
  cancelled: { orderId: bigint; owner: Address; size: bigint; reason: number }[];
};

export type WaitForOrderErrorType = TransactionRevertedError | WaitForTransactionReceiptErrorType;

/**
 * Waits for an order-book transaction (place, batch, cancel) and returns what it did, parsed
 * from its events: the resting order ids, the fills, the orders that left the book.
 * @throws {TransactionRevertedError} when it reverted.
 */
export async function waitForOrder<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  { hash, owner }: WaitForOrderParameters,
): Promise<WaitForOrderReturnType> {
  const receipt = await waitForSuccess(client, hash);
  const mine = (address: Address) => owner === undefined || isAddressEqual(address, owner);
  // The clearing house emits the book's events and the fills (the order books live inside it).
  const logs = parseEventLogs({
    abi: clearingHouseAbi,
    logs: receipt.logs,
    eventName: ["Fill", "OrderPlaced", "OrderCancelled"],
  });
  const fills: OrderFill[] = [];
  const orderIds: bigint[] = [];
  const cancelled: WaitForOrderReturnType["cancelled"] = [];
  for (const log of logs) {
    if (log.eventName === "Fill") {
      fills.push({
        marketId: log.args.marketId,
        makerOrderId: log.args.orderId,
        maker: log.args.maker,
        taker: log.args.taker,
        takerSize: log.args.takerSize,
        price: log.args.price,
        makerFee: log.args.makerFee,
        takerFee: log.args.takerFee,
      });
    }
    if (log.eventName === "OrderPlaced" && mine(log.args.owner)) orderIds.push(log.args.orderId);
    if (log.eventName === "OrderCancelled") {
      cancelled.push({
        orderId: log.args.orderId,
        owner: log.args.owner,
        size: log.args.size,
        reason: log.args.reason,
      });
    }
  }
  const filled = fills
    .filter((fill) => mine(fill.taker))
    .reduce((sum, fill) => sum + (fill.takerSize < 0n ? -fill.takerSize : fill.takerSize), 0n);
  return { receipt, orderIds, orderId: orderIds[0] ?? 0n, filled, fills, cancelled };
}
