/**
 * Handlers for every event of the capacity token (ERC-1155 GPU-hours): ids and their terms, units
 * and bond (`capacity_tokens`), balances per holder from the ERC-1155 transfers
 * (`capacity_balances`), redemption requests and their delivery or compensation (`deliveries`),
 * and an audit log of every non-transfer event (`capacity_events`). No chain reads.
 */
import { ponder } from "ponder:registry";
import { capacityBalances, capacityEvents, capacityTokens, deliveries } from "ponder:schema";
import { type Hex, zeroAddress } from "viem";
import { type EventMeta, eventColumns, jsonArgs } from "./lib/events.js";

// biome-ignore lint/suspicious/noExplicitAny: Ponder's context type is generated per handler
type Db = any;

async function log(db: Db, event: EventMeta, kind: string, tokenId: bigint | null, args: Record<string, unknown>) {
  await db.insert(capacityEvents).values({ id: event.id, tokenId, kind, data: jsonArgs(args), ...eventColumns(event) });
}

async function token(
  db: Db,
  id: bigint,
  event: EventMeta,
  values: (row: typeof capacityTokens.$inferSelect) => Record<string, unknown>,
) {
  await db
    .update(capacityTokens, { id })
    .set((row: typeof capacityTokens.$inferSelect) => ({ ...values(row), updatedBlock: event.block.number }));
}

async function moveBalance(db: Db, id: bigint, holder: Hex, amount: bigint, event: EventMeta) {
  if (holder === zeroAddress || amount === 0n) return;
  await db
    .insert(capacityBalances)
    .values({ id, holder, balance: amount, updatedBlock: event.block.number })
    .onConflictDoUpdate((row: typeof capacityBalances.$inferSelect) => ({
      balance: row.balance + amount,
      updatedBlock: event.block.number,
    }));
}

ponder.on("CapacityToken:CapacityRegistered", async ({ event, context }) => {
  const { id, provider, indexId, start, end } = event.args;
  await context.db.insert(capacityTokens).values({
    id,
    provider,
    indexId,
    start: BigInt(start),
    end: BigInt(end),
    minted: 0n,
    outstanding: 0n,
    redeemed: 0n,
    delivered: 0n,
    compensated: 0n,
    expired: 0n,
    bondPerHour: 0n,
    bond: 0n,
    compensationPrice: null,
    updatedBlock: event.block.number,
  });
  await log(context.db, event, "registered", id, event.args);
});

ponder.on("CapacityToken:CapacityMinted", async ({ event, context }) => {
  const { id, units, outstanding } = event.args;
  await token(context.db, id, event, (row) => ({ minted: row.minted + units, outstanding }));
  await log(context.db, event, "minted", id, event.args);
});

ponder.on("CapacityToken:BondDeposited", async ({ event, context }) => {
  const { id, bondPerHour, bond } = event.args;
  await token(context.db, id, event, () => ({ bondPerHour, bond }));
  await log(context.db, event, "bond_deposited", id, event.args);
});

ponder.on("CapacityToken:BondReleased", async ({ event, context }) => {
  const { id, bond } = event.args;
  await token(context.db, id, event, () => ({ bond }));
  await log(context.db, event, "bond_released", id, event.args);
});

ponder.on("CapacityToken:RedemptionRequested", async ({ event, context }) => {
  const { id, requestIndex, holder, units, commitment } = event.args;
  await token(context.db, id, event, (row) => ({
    outstanding: row.outstanding - units,
    redeemed: row.redeemed + units,
  }));
  await context.db.insert(deliveries).values({
    tokenId: id,
    requestIndex,
    holder,
    units,
    commitment,
    delivered: 0n,
    undelivered: units,
    compensated: 0n,
    compensationAmount: 0n,
    status: "pending",
    requestedBlock: event.block.number,
    updatedBlock: event.block.number,
  });
  await log(context.db, event, "redemption_requested", id, event.args);
});

ponder.on("CapacityToken:DeliveryConfirmed", async ({ event, context }) => {
  const { id, requestIndex, delivered, undelivered } = event.args;
  await token(context.db, id, event, (row) => ({ delivered: row.delivered + delivered }));
  await context.db.update(deliveries, { tokenId: id, requestIndex }).set((row: typeof deliveries.$inferSelect) => ({
    delivered: row.delivered + delivered,
    undelivered,
    status: "confirmed",
    updatedBlock: event.block.number,
  }));
  await log(context.db, event, "delivery_confirmed", id, event.args);
});

ponder.on("CapacityToken:CompensationPaid", async ({ event, context }) => {
  const { id, requestIndex, units, amount, bond } = event.args;
  await token(context.db, id, event, (row) => ({ compensated: row.compensated + units, bond }));
  await context.db.update(deliveries, { tokenId: id, requestIndex }).set((row: typeof deliveries.$inferSelect) => ({
    undelivered: 0n,
    compensated: row.compensated + units,
    compensationAmount: row.compensationAmount + amount,
    status: "compensated",
    updatedBlock: event.block.number,
  }));
  await log(context.db, event, "compensation_paid", id, event.args);
});

ponder.on("CapacityToken:CompensationPriceFixed", async ({ event, context }) => {
  await token(context.db, event.args.id, event, () => ({ compensationPrice: event.args.price }));
  await log(context.db, event, "compensation_price_fixed", event.args.id, event.args);
});

ponder.on("CapacityToken:CapacityExpired", async ({ event, context }) => {
  const { id, units } = event.args;
  await token(context.db, id, event, (row) => ({ outstanding: 0n, expired: row.expired + units }));
  await log(context.db, event, "expired", id, event.args);
});

ponder.on("CapacityToken:BondRateSet", async ({ event, context }) => {
  await log(context.db, event, "bond_rate_set", null, event.args);
});

ponder.on("CapacityToken:TransferSingle", async ({ event, context }) => {
  const { from, to, id, value } = event.args;
  await moveBalance(context.db, id, from, -value, event);
  await moveBalance(context.db, id, to, value, event);
});

ponder.on("CapacityToken:TransferBatch", async ({ event, context }) => {
  const { from, to, ids, values } = event.args;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as bigint;
    const value = values[i] as bigint;
    await moveBalance(context.db, id, from, -value, event);
    await moveBalance(context.db, id, to, value, event);
  }
});

// Administrative events: the audit log only.
ponder.on("CapacityToken:ApprovalForAll", async ({ event, context }) => {
  await log(context.db, event, "approval_for_all", null, event.args);
});
ponder.on("CapacityToken:URI", async ({ event, context }) => {
  await log(context.db, event, "uri", event.args.id, event.args);
});
ponder.on("CapacityToken:RoleGranted", async ({ event, context }) => {
  await log(context.db, event, "role_granted", null, event.args);
});
ponder.on("CapacityToken:RoleRevoked", async ({ event, context }) => {
  await log(context.db, event, "role_revoked", null, event.args);
});
ponder.on("CapacityToken:RoleAdminChanged", async ({ event, context }) => {
  await log(context.db, event, "role_admin_changed", null, event.args);
});
ponder.on("CapacityToken:EIP712DomainChanged", async ({ event, context }) => {
  await log(context.db, event, "eip712_domain_changed", null, {});
});
