import {
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hash,
  isAddressEqual,
  parseEventLogs,
  type ReadContractErrorType,
  type TransactionReceipt,
  type Transport,
  type WaitForTransactionReceiptErrorType,
} from "viem";
import type { ComputusContractError } from "../../errors/base.js";
import type { UnknownContractError } from "../../errors/contract.js";
import type { TransactionRevertedError } from "../../errors/transaction.js";
import { clearingHouseAbi } from "../../generated/abis.js";
import { decodeFill, decodeOrderId } from "../../math/orderId.js";
import { getTickSizes } from "../internal/tickSizes.js";
import { waitForSuccess } from "../internal/trade.js";

export type WaitForOrderParameters = {
  hash: Hash;
  /** Whose orders to report (`orderIds`, `restingOrderId`): the sender. */
  owner?: Address | undefined;
};

/**
 * A fill, from the clearing house's `Fill` event. The event carries the resting order's id, the
 * size and the fees; the market, the side and the price are in the id (`decodeFill`: price = the
 * order's tick × the market's tick size).
 */
export type OrderFill = {
  marketId: bigint;
  /** The resting order filled. */
  makerOrderId: bigint;
  maker: Address;
  taker: Address;
  /** GPU-hours filled. */
  size: bigint;
  /** Signed from the taker's side (the maker gets −takerSize): −size when the resting order was a bid. */
  takerSize: bigint;
  /** The resting order's price. */
  price: bigint;
  /**
   * Fees: each side's is paid into its position's open notional when the fill opened or added to
   * it (its entry price includes the fee), else out of the PnL the fill realized.
   */
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

export type WaitForOrderErrorType =
  | TransactionRevertedError
  | WaitForTransactionReceiptErrorType
  | ComputusContractError
  | UnknownContractError
  | ReadContractErrorType;

/**
 * Waits for an order-book transaction (place, batch, cancel) and returns what it did, parsed
 * from its events: the resting order ids, the fills, the orders that left the book. Fills are
 * priced with their markets' tick sizes (one `market(id)` read per market that filled).
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
  // Price the fills: the tick size of each market that filled, per emitting clearing house.
  const filledMarkets = new Map<Address, bigint[]>();
  for (const log of logs) {
    if (log.eventName !== "Fill") continue;
    filledMarkets.set(log.address, [
      ...(filledMarkets.get(log.address) ?? []),
      decodeOrderId(log.args.orderId).marketId,
    ]);
  }
  const tickSizes = new Map(
    await Promise.all(
      [...filledMarkets].map(async ([address, ids]) => [address, await getTickSizes(client, address, ids)] as const),
    ),
  );
  const fills: OrderFill[] = [];
  const orderIds: bigint[] = [];
  const cancelled: WaitForOrderReturnType["cancelled"] = [];
  for (const log of logs) {
    if (log.eventName === "Fill") {
      const { orderId, size } = log.args;
      const tickSize = tickSizes.get(log.address)?.get(decodeOrderId(orderId).marketId) ?? 0n;
      const { marketId, price, takerSize } = decodeFill(orderId, size, tickSize);
      fills.push({
        marketId,
        makerOrderId: orderId,
        maker: log.args.maker,
        taker: log.args.taker,
        size,
        takerSize,
        price,
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
  const filled = fills.filter((fill) => mine(fill.taker)).reduce((sum, fill) => sum + fill.size, 0n);
  return { receipt, orderIds, orderId: orderIds[0] ?? 0n, filled, fills, cancelled };
}
