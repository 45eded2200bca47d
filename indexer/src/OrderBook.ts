/**
 * Handlers for every event of the order book. A resting order's row is created by `OrderPlaced`;
 * its fills are the clearing house's `Fill` events (./ClearingHouse.ts lowers the remaining size);
 * `OrderCancelled` closes it with the reason; `AllCancelled` marks every open order of the owner
 * in the market `dead` (the chain keeps them in its queues until a taker or their owner clears
 * them, with an `OrderCancelled` of reason `stale_order` or `user`).
 */
import { ponder } from "ponder:registry";
import { orders, takerOrders } from "ponder:schema";
import { and, eq } from "ponder";
import { eventColumns } from "./lib/events.js";

const CANCEL_REASONS = ["user", "expired", "stale_order", "self_trade", "reduce_only", "max_position", "margin"];
const ORDER_KINDS = ["limit", "post_only", "ioc", "fok", "market"];

ponder.on("OrderBook:OrderPlaced", async ({ event, context }) => {
  const { marketId, orderId, owner, isBid, price, size, expiry, reduceOnly } = event.args;
  await context.db.insert(orders).values({
    id: orderId,
    marketId,
    owner,
    isBid,
    price,
    size,
    remaining: size,
    expiry,
    reduceOnly,
    status: "open",
    cancelReason: null,
    placedBlock: event.block.number,
    placedTimestamp: event.block.timestamp,
    updatedBlock: event.block.number,
    updatedTimestamp: event.block.timestamp,
  });
});

ponder.on("OrderBook:OrderCancelled", async ({ event, context }) => {
  const { orderId, reason } = event.args;
  await context.db.update(orders, { id: orderId }).set({
    status: "cancelled",
    cancelReason: CANCEL_REASONS[reason] ?? String(reason),
    updatedBlock: event.block.number,
    updatedTimestamp: event.block.timestamp,
  });
});

ponder.on("OrderBook:AllCancelled", async ({ event, context }) => {
  const { marketId, owner } = event.args;
  await context.db.sql
    .update(orders)
    .set({ status: "dead", updatedBlock: event.block.number, updatedTimestamp: event.block.timestamp })
    .where(and(eq(orders.marketId, marketId), eq(orders.owner, owner), eq(orders.status, "open")));
});

ponder.on("OrderBook:TakerOrder", async ({ event, context }) => {
  const { marketId, taker, isBid, kind, price, size, filled } = event.args;
  await context.db.insert(takerOrders).values({
    id: event.id,
    marketId,
    taker,
    isBid,
    kind: ORDER_KINDS[kind] ?? String(kind),
    price,
    size,
    filled,
    ...eventColumns(event),
  });
});
