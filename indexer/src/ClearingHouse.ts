/**
 * Handlers for every event of the clearing house: its own, its extension's (which runs at the
 * same address by delegatecall) and its order books' (which live inside it). No handler reads
 * the chain: positions and collateral between the events that carry them follow
 * MarginLib.applyFillDown (the SDK's mirror: a fill that opens or adds pays its fee into the open
 * notional, one that reduces or flips out of its realized PnL; liquidations pay none), market
 * aggregates ClearingHouse._aggregate, the traded-price average MarginLib.emaDown, and the fee
 * split the clearing house's fixed `insuranceFeeShareBps` (read once at start-up, ./lib/risk.ts).
 * `Fill` and `OrderPlaced` carry the order id: the market, side and price tick are in it
 * (OrderLib.decodeId, the SDK's `decodeOrderId`), the price is tick × the market's tick size.
 */
import { ponder } from "ponder:registry";
import {
  accounts,
  badDebts,
  candles,
  capacityCollateral,
  capacityEvents,
  collateralMovements,
  liquidations,
  markets,
  orders,
  poolMovements,
  pools,
  positionChanges,
  positions,
  roles,
  settlementEvents,
  settlements,
  takerOrders,
  trades,
} from "ponder:schema";
import { and, eq } from "ponder";
import type { Hex } from "viem";
import { applyFillDown, bpsDown, emaDown } from "../../sdk/src/math/margin.js";
import { decodeFill, decodeOrderId } from "../../sdk/src/math/orderId.js";
import { type EventMeta, eventColumns, jsonArgs } from "./lib/events.js";
import { fixedRisk } from "./lib/risk.js";

// biome-ignore lint/suspicious/noExplicitAny: Ponder's context type is generated per handler
type Db = any;

const MODES = ["active", "reduce_only", "paused"] as const;
const CANDLE_INTERVALS = { "1m": 60n, "1h": 3_600n, "1d": 86_400n } as const;

async function account(db: Db, address: Hex, event: EventMeta) {
  const found = await db.find(accounts, { address });
  if (found) return found as typeof accounts.$inferSelect;
  const row = {
    address,
    collateral: 0n,
    deposited: 0n,
    withdrawn: 0n,
    realizedPnl: 0n,
    feesPaid: 0n,
    settlementPnl: 0n,
    tradeCount: 0,
    firstBlock: event.block.number,
    updatedBlock: event.block.number,
    updatedTimestamp: event.block.timestamp,
  };
  await db.insert(accounts).values(row);
  return row;
}

async function position(db: Db, address: Hex, marketId: bigint) {
  const found = (await db.find(positions, { account: address, marketId })) as typeof positions.$inferSelect | null;
  // A copy: Ponder's cache may hand out the row it later updates in place.
  return found
    ? { size: found.size, openNotional: found.openNotional, realizedPnl: found.realizedPnl }
    : { size: 0n, openNotional: 0n, realizedPnl: 0n };
}

/** ClearingHouse._aggregate: open interest and each side's open notional, before → after. */
function aggregate(
  m: { openInterest: bigint; longOpenNotional: bigint; shortOpenNotional: bigint },
  before: { size: bigint; openNotional: bigint },
  after: { size: bigint; openNotional: bigint },
) {
  if (before.size > 0n) {
    m.openInterest -= before.size;
    m.longOpenNotional -= before.openNotional;
  } else if (before.size < 0n) m.shortOpenNotional -= before.openNotional;
  if (after.size > 0n) {
    m.openInterest += after.size;
    m.longOpenNotional += after.openNotional;
  } else if (after.size < 0n) m.shortOpenNotional += after.openNotional;
}

type Side = {
  kind: string;
  suffix: string;
  address: Hex;
  delta: bigint;
  price: bigint;
  /** A fill's fee (MarginLib.applyFillDown); 0 in a liquidation. */
  fee: bigint;
  /** Added to collateral besides the fill's change (a liquidation's penalty or reward). */
  extra: bigint;
  isTrade: boolean;
};

/**
 * Applies one side of a trade to its position and account, and records the change. Realized PnL
 * is the trade's (`applyTradeDown`'s: net of the opening fees in the closed part's cost); the fee
 * goes into the open notional or out of collateral by `applyFillDown`'s rule.
 */
async function applySide(db: Db, event: EventMeta, marketId: bigint, side: Side) {
  const before = await position(db, side.address, marketId);
  const { newSize, newOpenNotional, realizedPnl, collateralChange } = applyFillDown(
    before.size,
    before.openNotional,
    side.delta,
    side.price,
    side.fee,
  );
  const after = { size: newSize, openNotional: newOpenNotional };
  await db
    .insert(positions)
    .values({
      account: side.address,
      marketId,
      size: newSize,
      openNotional: newOpenNotional,
      realizedPnl: realizedPnl,
      settlementPnl: null,
      updatedBlock: event.block.number,
      updatedTimestamp: event.block.timestamp,
    })
    .onConflictDoUpdate((row: typeof positions.$inferSelect) => ({
      size: newSize,
      openNotional: newOpenNotional,
      realizedPnl: row.realizedPnl + realizedPnl,
      updatedBlock: event.block.number,
      updatedTimestamp: event.block.timestamp,
    }));
  const acc = await account(db, side.address, event);
  const collateral = acc.collateral + collateralChange + side.extra;
  await db.update(accounts, { address: side.address }).set({
    collateral,
    realizedPnl: acc.realizedPnl + realizedPnl,
    feesPaid: acc.feesPaid + side.fee,
    tradeCount: acc.tradeCount + (side.isTrade ? 1 : 0),
    updatedBlock: event.block.number,
    updatedTimestamp: event.block.timestamp,
  });
  await db.insert(positionChanges).values({
    id: `${event.id}:${side.suffix}`,
    account: side.address,
    marketId,
    kind: side.kind,
    delta: side.delta,
    price: side.price,
    fee: side.fee,
    realizedPnl,
    size: newSize,
    openNotional: newOpenNotional,
    collateral,
    ...eventColumns(event),
  });
  return { before, after };
}

async function movePool(
  db: Db,
  event: EventMeta,
  suffix: string,
  pool: "fees" | "insurance" | "deficit" | "badDebt",
  kind: string,
  amount: bigint,
  marketId: bigint | null,
) {
  if (amount === 0n) return;
  const current = (await db.find(pools, { id: "pools" })) ?? {
    id: "pools",
    fees: 0n,
    insurance: 0n,
    deficit: 0n,
    badDebt: 0n,
  };
  const balance = current[pool] + amount;
  await db
    .insert(pools)
    .values({ ...current, [pool]: balance, updatedBlock: event.block.number })
    .onConflictDoUpdate({ [pool]: balance, updatedBlock: event.block.number });
  if (pool === "badDebt") return; // the market's row and bad_debts hold it
  await db.insert(poolMovements).values({
    id: `${event.id}:${suffix}`,
    pool,
    kind,
    marketId,
    amount,
    balance,
    ...eventColumns(event),
  });
}

async function touchMarket(db: Db, marketId: bigint, event: EventMeta, values: Record<string, unknown>) {
  await db
    .update(markets, { id: marketId })
    .set({ ...values, updatedBlock: event.block.number, updatedTimestamp: event.block.timestamp });
}

ponder.on("ClearingHouse:RoleSet", async ({ event, context }) => {
  await context.db
    .insert(roles)
    .values({ role: event.args.role, account: event.args.account, updatedBlock: event.block.number })
    .onConflictDoUpdate({ account: event.args.account, updatedBlock: event.block.number });
});

ponder.on("ClearingHouse:Deposited", async ({ event, context }) => {
  const { account: address, from, amount, collateral } = event.args;
  const acc = await account(context.db, address, event);
  await context.db.update(accounts, { address }).set({
    collateral,
    deposited: acc.deposited + amount,
    updatedBlock: event.block.number,
    updatedTimestamp: event.block.timestamp,
  });
  await context.db.insert(collateralMovements).values({
    id: event.id,
    account: address,
    kind: "deposit",
    counterparty: from,
    amount,
    collateral,
    ...eventColumns(event),
  });
});

ponder.on("ClearingHouse:Withdrawn", async ({ event, context }) => {
  const { account: address, to, amount, collateral } = event.args;
  const acc = await account(context.db, address, event);
  await context.db.update(accounts, { address }).set({
    collateral,
    withdrawn: acc.withdrawn + amount,
    updatedBlock: event.block.number,
    updatedTimestamp: event.block.timestamp,
  });
  await context.db.insert(collateralMovements).values({
    id: event.id,
    account: address,
    kind: "withdrawal",
    counterparty: to,
    amount,
    collateral,
    ...eventColumns(event),
  });
});

ponder.on("ClearingHouse:MarketCreated", async ({ event, context }) => {
  const { marketId, params: p } = event.args;
  await context.db.insert(markets).values({
    id: marketId,
    indexId: p.indexId,
    tradingStart: BigInt(p.tradingStart),
    windowStart: BigInt(p.windowStart),
    windowEnd: BigInt(p.windowEnd),
    tickSize: p.tickSize,
    lotSize: BigInt(p.lotSize),
    imBps: p.imBps,
    mmBps: p.mmBps,
    makerFeeBps: p.makerFeeBps,
    takerFeeBps: p.takerFeeBps,
    oiCap: p.oiCap,
    maxPosition: p.maxPosition,
    bandBps: p.bandBps,
    mode: "active",
    stage: "none",
    finalPrice: null,
    proposedAt: null,
    fallbackUsed: null,
    winnerIsLong: null,
    haircut: 0n,
    badDebt: 0n,
    openInterest: 0n,
    longOpenNotional: 0n,
    shortOpenNotional: 0n,
    ema: 0n,
    lastTradeAt: 0n,
    lastPrice: null,
    volume: 0n,
    tradeCount: 0,
    createdBlock: event.block.number,
    createdTimestamp: event.block.timestamp,
    updatedBlock: event.block.number,
    updatedTimestamp: event.block.timestamp,
  });
});

ponder.on("ClearingHouse:MarketModeSet", async ({ event, context }) => {
  await touchMarket(context.db, event.args.marketId, event, {
    mode: MODES[event.args.mode] ?? String(event.args.mode),
  });
});

ponder.on("ClearingHouse:Fill", async ({ event, context }) => {
  const { orderId, maker, taker, size, makerFee, takerFee } = event.args;
  const db = context.db;
  const marketId = decodeOrderId(orderId).marketId;
  const market = await db.find(markets, { id: marketId });
  if (!market) throw new Error(`Fill in unknown market ${marketId}`);
  // The maker took its order's side at the order's price (tick × the market's tick size).
  const { price, takerSize } = decodeFill(orderId, size, market.tickSize);
  const maker_ = await applySide(db, event, marketId, {
    kind: "fill_maker",
    suffix: "maker",
    address: maker,
    delta: -takerSize,
    price,
    fee: makerFee,
    extra: 0n,
    isTrade: true,
  });
  const taker_ = await applySide(db, event, marketId, {
    kind: "fill_taker",
    suffix: "taker",
    address: taker,
    delta: takerSize,
    price,
    fee: takerFee,
    extra: 0n,
    isTrade: true,
  });
  const m = {
    openInterest: market.openInterest,
    longOpenNotional: market.longOpenNotional,
    shortOpenNotional: market.shortOpenNotional,
  };
  aggregate(m, maker_.before, maker_.after);
  aggregate(m, taker_.before, taker_.after);
  const ts = event.block.timestamp;
  await touchMarket(db, marketId, event, {
    ...m,
    ema: emaDown(market.ema, price, ts - market.lastTradeAt, fixedRisk.markPeriod),
    lastTradeAt: ts,
    lastPrice: price,
    volume: market.volume + size,
    tradeCount: market.tradeCount + 1,
  });
  const fee = makerFee + takerFee;
  const toInsurance = bpsDown(fee, fixedRisk.insuranceFeeShareBps);
  await movePool(db, event, "fees", "fees", "fill_fee", fee - toInsurance, marketId);
  await movePool(db, event, "insurance", "insurance", "fill_fee", toInsurance, marketId);

  const order = (await db.find(orders, { id: orderId })) as typeof orders.$inferSelect | null;
  if (order) {
    const remaining = order.remaining - size;
    await db.update(orders, { id: orderId }).set({
      remaining,
      status: remaining === 0n ? "filled" : order.status,
      updatedBlock: event.block.number,
      updatedTimestamp: event.block.timestamp,
    });
  }
  await db.insert(trades).values({
    id: event.id,
    marketId,
    orderId,
    maker,
    taker,
    takerIsBuy: takerSize > 0n,
    size,
    price,
    makerFee,
    takerFee,
    ...eventColumns(event),
  });
  for (const [interval, seconds] of Object.entries(CANDLE_INTERVALS)) {
    await db
      .insert(candles)
      .values({
        marketId,
        interval,
        start: ts - (ts % seconds),
        open: price,
        high: price,
        low: price,
        close: price,
        volume: size,
        notional: size * price,
        trades: 1,
      })
      .onConflictDoUpdate((row: typeof candles.$inferSelect) => ({
        // biome-ignore lint/complexity/useMathMinMax: bigints (Math.max takes numbers)
        high: row.high > price ? row.high : price,
        // biome-ignore lint/complexity/useMathMinMax: bigints (Math.min takes numbers)
        low: row.low < price ? row.low : price,
        close: price,
        volume: row.volume + size,
        notional: row.notional + size * price,
        trades: row.trades + 1,
      }));
  }
});

ponder.on("ClearingHouse:Liquidated", async ({ event, context }) => {
  const { marketId, account: address, liquidator, size, markPrice, penalty, reward } = event.args;
  const db = context.db;
  const market = await db.find(markets, { id: marketId });
  if (!market) throw new Error(`Liquidated in unknown market ${marketId}`);
  // A BadDebt event just before (same transaction) already credited the deficit, so the
  // account's collateral lands on exactly 0 as on-chain.
  const a = await applySide(db, event, marketId, {
    kind: "liquidated",
    suffix: "account",
    address,
    delta: -size,
    price: markPrice,
    fee: 0n,
    extra: -penalty,
    isTrade: false,
  });
  const l = await applySide(db, event, marketId, {
    kind: "liquidator",
    suffix: "liquidator",
    address: liquidator,
    delta: size,
    price: markPrice,
    fee: 0n,
    extra: reward,
    isTrade: false,
  });
  const m = {
    openInterest: market.openInterest,
    longOpenNotional: market.longOpenNotional,
    shortOpenNotional: market.shortOpenNotional,
  };
  aggregate(m, a.before, a.after);
  aggregate(m, l.before, l.after);
  await touchMarket(db, marketId, event, m);
  await db.insert(liquidations).values({
    id: event.id,
    marketId,
    account: address,
    liquidator,
    size,
    markPrice,
    penalty,
    reward,
    insuranceShare: penalty - reward,
    ...eventColumns(event),
  });
  await movePool(db, event, "insurance", "insurance", "liquidation_penalty", penalty - reward, marketId);
});

ponder.on("ClearingHouse:BadDebt", async ({ event, context }) => {
  const { marketId, account: address, deficit, covered, uncovered } = event.args;
  const db = context.db;
  await db
    .insert(badDebts)
    .values({ id: event.id, marketId, account: address, deficit, covered, uncovered, ...eventColumns(event) });
  await movePool(db, event, "cover", "insurance", "bad_debt_cover", -covered, marketId === 0n ? null : marketId);
  if (marketId === 0n) {
    // At a settlement claim: the claim event that follows carries the collateral.
    await movePool(db, event, "uncovered", "deficit", "bad_debt_uncovered", uncovered, null);
    return;
  }
  // In a liquidation (the Liquidated event follows): the account's negative collateral is
  // forgiven, the uncovered part waits for the market's settlement.
  const acc = await account(db, address, event);
  await db.update(accounts, { address }).set({ collateral: acc.collateral + deficit });
  const market = await db.find(markets, { id: marketId });
  if (market) await touchMarket(db, marketId, event, { badDebt: market.badDebt + uncovered });
  await movePool(db, event, "uncovered", "badDebt", "bad_debt_uncovered", uncovered, marketId);
});

async function settlementEvent(
  db: Db,
  event: EventMeta,
  marketId: bigint,
  kind: string,
  args: Record<string, unknown>,
  address: Hex | null = null,
) {
  await db.insert(settlementEvents).values({
    id: event.id,
    marketId,
    kind,
    account: address,
    data: jsonArgs(args),
    ...eventColumns(event),
  });
}

ponder.on("ClearingHouse:SettlementProposed", async ({ event, context }) => {
  const { marketId, price, fallbackUsed } = event.args;
  await touchMarket(context.db, marketId, event, {
    stage: "proposed",
    finalPrice: price,
    proposedAt: event.block.timestamp,
    fallbackUsed,
  });
  await context.db.insert(settlements).values({
    marketId,
    status: "proposed",
    proposedPrice: price,
    finalPrice: price,
    fallbackUsed,
    disputes: 0,
    winnerIsLong: null,
    writeDownPerUnit: 0n,
    badDebt: 0n,
    unrecovered: 0n,
    toInsurance: 0n,
    claims: 0,
    claimedPnl: 0n,
    proposedBlock: event.block.number,
    finalizedBlock: null,
    updatedBlock: event.block.number,
    updatedTimestamp: event.block.timestamp,
  });
  await settlementEvent(context.db, event, marketId, "proposed", event.args);
});

ponder.on("ClearingHouse:SettlementDisputed", async ({ event, context }) => {
  const { marketId, newPrice } = event.args;
  await touchMarket(context.db, marketId, event, { finalPrice: newPrice });
  await context.db.update(settlements, { marketId }).set((row: typeof settlements.$inferSelect) => ({
    status: "disputed",
    finalPrice: newPrice,
    disputes: row.disputes + 1,
    updatedBlock: event.block.number,
    updatedTimestamp: event.block.timestamp,
  }));
  await settlementEvent(context.db, event, marketId, "disputed", event.args);
});

ponder.on("ClearingHouse:SettlementFinalized", async ({ event, context }) => {
  const { marketId, price, winnerIsLong, haircut, badDebt, unrecovered, toInsurance } = event.args;
  const db = context.db;
  await touchMarket(db, marketId, event, { stage: "settled", finalPrice: price, winnerIsLong, haircut, badDebt: 0n });
  await db.update(settlements, { marketId }).set({
    status: "settled",
    finalPrice: price,
    winnerIsLong,
    writeDownPerUnit: haircut,
    badDebt,
    unrecovered,
    toInsurance,
    finalizedBlock: event.block.number,
    updatedBlock: event.block.number,
    updatedTimestamp: event.block.timestamp,
  });
  await movePool(db, event, "pending", "badDebt", "settlement_written_down", -badDebt, marketId);
  await movePool(db, event, "surplus", "insurance", "settlement_surplus", toInsurance, marketId);
  await movePool(db, event, "unrecovered", "deficit", "settlement_unrecovered", unrecovered, marketId);
  await settlementEvent(db, event, marketId, "finalized", event.args);
});

ponder.on("ClearingHouse:SettlementClaimed", async ({ event, context }) => {
  const { marketId, account: address, size, pnl, collateral } = event.args;
  const db = context.db;
  const before = await position(db, address, marketId);
  await db
    .insert(positions)
    .values({
      account: address,
      marketId,
      size: 0n,
      openNotional: 0n,
      realizedPnl: 0n,
      settlementPnl: pnl,
      updatedBlock: event.block.number,
      updatedTimestamp: event.block.timestamp,
    })
    .onConflictDoUpdate({
      size: 0n,
      openNotional: 0n,
      settlementPnl: pnl,
      updatedBlock: event.block.number,
      updatedTimestamp: event.block.timestamp,
    });
  const acc = await account(db, address, event);
  await db.update(accounts, { address }).set({
    collateral,
    settlementPnl: acc.settlementPnl + pnl,
    updatedBlock: event.block.number,
    updatedTimestamp: event.block.timestamp,
  });
  await db.insert(positionChanges).values({
    id: event.id,
    account: address,
    marketId,
    kind: "settlement_claim",
    delta: -before.size,
    price: 0n,
    fee: 0n,
    realizedPnl: pnl,
    size: 0n,
    openNotional: 0n,
    collateral,
    ...eventColumns(event),
  });
  await db.update(settlements, { marketId }).set((row: typeof settlements.$inferSelect) => ({
    claims: row.claims + 1,
    claimedPnl: row.claimedPnl + pnl,
    updatedBlock: event.block.number,
    updatedTimestamp: event.block.timestamp,
  }));
  await settlementEvent(db, event, marketId, "claimed", { size, pnl, collateral }, address);
});

ponder.on("ClearingHouse:FeesCollected", async ({ event, context }) => {
  await movePool(context.db, event, "collected", "fees", "fees_collected", -event.args.amount, null);
});

/* Covered shorts: capacity posted as cover (custody per account and market, audit log). */

ponder.on("ClearingHouse:CoverParamsSet", async ({ event, context }) => {
  const { marketId, haircutBps, imBps, mmBps } = event.args;
  await touchMarket(context.db, marketId, event, { coverHaircutBps: haircutBps, coverImBps: imBps, coverMmBps: mmBps });
});

async function cover(
  db: Db,
  accountAddress: Hex,
  marketId: bigint,
  tokenId: bigint,
  event: EventMeta,
  change: (row: typeof capacityCollateral.$inferSelect) => Partial<typeof capacityCollateral.$inferSelect>,
) {
  const key = { account: accountAddress, marketId };
  const found = (await db.find(capacityCollateral, key)) as typeof capacityCollateral.$inferSelect | null;
  const row = found ?? {
    ...key,
    tokenId,
    units: 0n,
    posted: 0n,
    withdrawn: 0n,
    seized: 0n,
    seizedValue: 0n,
    updatedBlock: event.block.number,
    updatedTimestamp: event.block.timestamp,
  };
  const next = {
    ...row,
    tokenId,
    ...change(row),
    updatedBlock: event.block.number,
    updatedTimestamp: event.block.timestamp,
  };
  if (found) await db.update(capacityCollateral, key).set(next);
  else await db.insert(capacityCollateral).values(next);
}

async function coverLog(db: Db, event: EventMeta, kind: string, tokenId: bigint, args: Record<string, unknown>) {
  await db.insert(capacityEvents).values({ id: event.id, tokenId, kind, data: jsonArgs(args), ...eventColumns(event) });
}

ponder.on("ClearingHouse:CapacityCollateralPosted", async ({ event, context }) => {
  const { account: address, marketId, tokenId, units, posted } = event.args;
  await account(context.db, address, event); // an account of the clearing house from its first post
  await cover(context.db, address, marketId, tokenId, event, (row) => ({ units: posted, posted: row.posted + units }));
  await coverLog(context.db, event, "collateralPosted", tokenId, event.args);
});

ponder.on("ClearingHouse:CapacityCollateralWithdrawn", async ({ event, context }) => {
  const { account: address, marketId, tokenId, units, posted } = event.args;
  await cover(context.db, address, marketId, tokenId, event, (row) => ({
    units: posted,
    withdrawn: row.withdrawn + units,
  }));
  await coverLog(context.db, event, "collateralWithdrawn", tokenId, event.args);
});

/** The liquidator bought the units at `value`: collateral moves from it to the account. */
ponder.on("ClearingHouse:CapacityCollateralSeized", async ({ event, context }) => {
  const { account: address, marketId, liquidator, tokenId, units, value } = event.args;
  await cover(context.db, address, marketId, tokenId, event, (row) => ({
    units: 0n,
    seized: row.seized + units,
    seizedValue: row.seizedValue + value,
  }));
  for (const [who, delta] of [
    [address, value],
    [liquidator, -value],
  ] as const) {
    const acc = await account(context.db, who, event);
    await context.db.update(accounts, { address: who }).set({
      collateral: acc.collateral + delta,
      updatedBlock: event.block.number,
      updatedTimestamp: event.block.timestamp,
    });
  }
  await coverLog(context.db, event, "collateralSeized", tokenId, event.args);
});

/* ------------------------------------------------------------------------------------------------
 * Order books. A resting order's row is created by `OrderPlaced`; its fills are the `Fill` events
 * above (which lower the remaining size); `OrderCancelled` closes it with the reason;
 * `AllCancelled` marks every open order of the owner in the market `dead` (the chain keeps them
 * in its queues until a taker or their owner clears them, with an `OrderCancelled` of reason
 * `stale_order` or `user`).
 * --------------------------------------------------------------------------------------------- */

const CANCEL_REASONS = ["user", "expired", "stale_order", "self_trade", "reduce_only", "max_position", "margin"];
const ORDER_KINDS = ["limit", "post_only", "ioc", "fok", "market"];

ponder.on("ClearingHouse:OrderPlaced", async ({ event, context }) => {
  const { orderId, owner, size, expiry, reduceOnly } = event.args;
  const { marketId, isBid, tick } = decodeOrderId(orderId);
  const market = await context.db.find(markets, { id: marketId });
  if (!market) throw new Error(`OrderPlaced in unknown market ${marketId}`);
  await context.db.insert(orders).values({
    id: orderId,
    marketId,
    owner,
    isBid,
    price: tick * market.tickSize,
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

ponder.on("ClearingHouse:OrderCancelled", async ({ event, context }) => {
  const { orderId, reason } = event.args;
  await context.db.update(orders, { id: orderId }).set({
    status: "cancelled",
    cancelReason: CANCEL_REASONS[reason] ?? String(reason),
    updatedBlock: event.block.number,
    updatedTimestamp: event.block.timestamp,
  });
});

ponder.on("ClearingHouse:AllCancelled", async ({ event, context }) => {
  const { marketId, owner } = event.args;
  await context.db.sql
    .update(orders)
    .set({ status: "dead", updatedBlock: event.block.number, updatedTimestamp: event.block.timestamp })
    .where(and(eq(orders.marketId, marketId), eq(orders.owner, owner), eq(orders.status, "open")));
});

ponder.on("ClearingHouse:TakerOrder", async ({ event, context }) => {
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
