/**
 * The indexer's tables: snake_case names, camelCase exports. State tables (`indexes`,
 * `publishers`) are upserted; event tables (`index_rounds`, `index_changes`) are append-only,
 * one row per event. Amounts and prices are in the collateral's smallest unit (bigint).
 */
import { index, onchainEnum, onchainTable, primaryKey, relations } from "ponder";

/* ------------------------------------------------------------------ */
/*                            Index oracle                            */
/* ------------------------------------------------------------------ */

/** One row per registered index: metadata, guards, state, and its newest round. */
export const indexes = onchainTable(
  "indexes",
  (t) => ({
    /** The bytes32 id (the name's ASCII, zero-padded). */
    id: t.hex().primaryKey(),
    /** The oracle contract that registered it. */
    oracle: t.hex().notNull(),
    /** The id as text (`H100-SXM-USD-HR`), or the hex when it is not printable ASCII. */
    name: t.text().notNull(),
    description: t.text().notNull(),
    methodologyUri: t.text().notNull(),
    methodologyHash: t.hex().notNull(),
    decimals: t.integer().notNull(),
    quorum: t.integer().notNull(),
    maxMoveBps: t.integer().notNull(),
    /** Seconds (uint32: numeric, like every uint32 but round ids, so no value can overflow a column). */
    maxAge: t.bigint().notNull(),
    maxSubmissionDelay: t.bigint().notNull(),
    businessDaysOnly: t.boolean().notNull(),
    ringCardinality: t.integer().notNull(),
    ringCardinalityNext: t.integer().notNull(),
    /** The ring slot of the newest round (null before the first), mirrored from the oracle. */
    latestRingIndex: t.integer(),
    paused: t.boolean().notNull(),
    /** The external Chainlink-style feed, null when fed by publishers. */
    externalFeed: t.hex(),
    publisherCount: t.integer().notNull(),
    roundCount: t.integer().notNull(),
    /** The newest round (null before the first). */
    latestRoundId: t.integer(),
    latestTimestamp: t.bigint(),
    latestPrice: t.bigint(),
    latestCumulative: t.bigint(),
    registeredBlock: t.bigint().notNull(),
    registeredTimestamp: t.bigint().notNull(),
    updatedBlock: t.bigint().notNull(),
    updatedTimestamp: t.bigint().notNull(),
  }),
  (table) => ({
    nameIdx: index().on(table.name),
  }),
);

/** Every round the oracle recorded, append-only, keyed by (index, round id). */
export const indexRounds = onchainTable(
  "index_rounds",
  (t) => ({
    indexId: t.hex().notNull(),
    /** Sequential from 1 (a uint32 on-chain; 2^31 rounds will never be reached). */
    roundId: t.integer().notNull(),
    /** The fixing time the publishers signed (Unix seconds). */
    timestamp: t.bigint().notNull(),
    /** The median of the signed prices. */
    price: t.bigint().notNull(),
    /** The oracle's accumulator (price × seconds, wrapping at 2^112) at `timestamp`. */
    cumulative: t.bigint().notNull(),
    /** Publishers whose observations made the round, ascending; empty when pulled from a feed. */
    signers: t.hex().array().notNull(),
    /** Their prices, in the signers' order. */
    prices: t.bigint().array().notNull(),
    guardianConfirmed: t.boolean().notNull(),
    /** Ponder's event id (`event.id`): unique across the chain's logs. */
    eventId: t.text().notNull(),
    blockNumber: t.bigint().notNull(),
    blockTimestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.indexId, table.roundId] }),
    timestampIdx: index().on(table.indexId, table.timestamp),
    blockIdx: index().on(table.blockNumber),
    eventIdx: index().on(table.eventId),
  }),
);

/** The current publishers of each index (a row is deleted when the publisher is removed). */
export const publishers = onchainTable(
  "publishers",
  (t) => ({
    indexId: t.hex().notNull(),
    address: t.hex().notNull(),
    addedBlock: t.bigint().notNull(),
    addedTimestamp: t.bigint().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.indexId, table.address] }),
    addressIdx: index().on(table.address),
  }),
);

/** What an `index_changes` row records. */
export const indexChangeKind = onchainEnum("index_change_kind", [
  "registered",
  "params_set",
  "methodology_set",
  "publisher_added",
  "publisher_removed",
  "pause_set",
  "ring_grown",
  "external_feed_set",
]);

/**
 * The audit log of every administrative event of an index, append-only, keyed by event id;
 * `data` holds the event's arguments (bigints as decimal strings).
 */
export const indexChanges = onchainTable(
  "index_changes",
  (t) => ({
    id: t.text().primaryKey(),
    indexId: t.hex().notNull(),
    kind: indexChangeKind("kind").notNull(),
    data: t.json().$type<Record<string, unknown>>().notNull(),
    blockNumber: t.bigint().notNull(),
    blockTimestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({
    indexIdx: index().on(table.indexId, table.blockNumber),
  }),
);

export const indexesRelations = relations(indexes, ({ many }) => ({
  rounds: many(indexRounds),
  publishers: many(publishers),
  changes: many(indexChanges),
}));

export const indexRoundsRelations = relations(indexRounds, ({ one }) => ({
  index: one(indexes, { fields: [indexRounds.indexId], references: [indexes.id] }),
}));

export const publishersRelations = relations(publishers, ({ one }) => ({
  index: one(indexes, { fields: [publishers.indexId], references: [indexes.id] }),
}));

export const indexChangesRelations = relations(indexChanges, ({ one }) => ({
  index: one(indexes, { fields: [indexChanges.indexId], references: [indexes.id] }),
}));

/* ------------------------------------------------------------------ */
/*                Clearing house, order book, capacity                */
/* ------------------------------------------------------------------ */

// Every row below is rebuilt from events alone: positions and collateral between the events
// that carry them follow MarginLib.applyFillDown (the SDK's mirror, sdk/src/math/margin.ts: the
// fee of a fill that opens or adds goes into the open notional, that of one that reduces or flips
// out of collateral); market aggregates follow ClearingHouse._aggregate. Fills and placed orders
// take their market, side and price from the order id and the market's tick size. uint256 ids (markets, orders, capacity ids)
// are numeric (`bigint`).

/** Columns every append-only event row carries. */
// biome-ignore lint/suspicious/noExplicitAny: the column builders' type is internal to Ponder
type ColumnBuilders = Parameters<Extract<Parameters<typeof onchainTable>[1], (...args: any) => any>>[0];
const eventCols = (t: ColumnBuilders) => ({
  blockNumber: t.bigint().notNull(),
  blockTimestamp: t.bigint().notNull(),
  transactionHash: t.hex().notNull(),
  logIndex: t.integer().notNull(),
});

/** One row per market: parameters, mode, settlement stage, and trading aggregates. */
export const markets = onchainTable(
  "markets",
  (t) => ({
    id: t.bigint().primaryKey(),
    indexId: t.hex().notNull(),
    tradingStart: t.bigint().notNull(),
    windowStart: t.bigint().notNull(),
    windowEnd: t.bigint().notNull(),
    tickSize: t.bigint().notNull(),
    lotSize: t.bigint().notNull(),
    imBps: t.integer().notNull(),
    mmBps: t.integer().notNull(),
    makerFeeBps: t.integer().notNull(),
    takerFeeBps: t.integer().notNull(),
    oiCap: t.bigint().notNull(),
    maxPosition: t.bigint().notNull(),
    bandBps: t.integer().notNull(),
    /** `active`, `reduce_only` or `paused`. */
    mode: t.text().notNull(),
    /** Settlement stage: `none`, `proposed`, `settled`. */
    stage: t.text().notNull(),
    /** Proposed (stage proposed) or final (settled) price; null before. */
    finalPrice: t.bigint(),
    proposedAt: t.bigint(),
    fallbackUsed: t.boolean(),
    winnerIsLong: t.boolean(),
    /** Write-down per GPU-hour of the winning side (set at finalisation). */
    haircut: t.bigint().notNull(),
    /** Bad debt not covered by insurance, waiting to be written down at settlement. */
    badDebt: t.bigint().notNull(),
    /** Σ long sizes (= −Σ short sizes). */
    openInterest: t.bigint().notNull(),
    longOpenNotional: t.bigint().notNull(),
    shortOpenNotional: t.bigint().notNull(),
    /** Covered shorts (`CoverParamsSet`): seizure haircut and covered IM/MM; null: not enabled. */
    coverHaircutBps: t.integer(),
    coverImBps: t.integer(),
    coverMmBps: t.integer(),
    /** Traded-price moving average (MarginLib.emaDown), 0 before the first trade. */
    ema: t.bigint().notNull(),
    lastTradeAt: t.bigint().notNull(),
    lastPrice: t.bigint(),
    volume: t.bigint().notNull(),
    tradeCount: t.integer().notNull(),
    createdBlock: t.bigint().notNull(),
    createdTimestamp: t.bigint().notNull(),
    updatedBlock: t.bigint().notNull(),
    updatedTimestamp: t.bigint().notNull(),
  }),
  (table) => ({ indexIdx: index().on(table.indexId) }),
);

/** One row per account: collateral (exact after every event) and running totals. */
export const accounts = onchainTable(
  "accounts",
  (t) => ({
    address: t.hex().primaryKey(),
    collateral: t.bigint().notNull(),
    deposited: t.bigint().notNull(),
    withdrawn: t.bigint().notNull(),
    /** Σ PnL realized by trades and liquidations: net of the opening fees in the closed cost, before closing fees. */
    realizedPnl: t.bigint().notNull(),
    /** Σ fees of every fill, those paid into open notionals included. */
    feesPaid: t.bigint().notNull(),
    settlementPnl: t.bigint().notNull(),
    tradeCount: t.integer().notNull(),
    firstBlock: t.bigint().notNull(),
    updatedBlock: t.bigint().notNull(),
    updatedTimestamp: t.bigint().notNull(),
  }),
  (table) => ({ collateralIdx: index().on(table.collateral) }),
);

/** Current position of an account in a market (the chain's `positionOf` size and open notional). */
export const positions = onchainTable(
  "positions",
  (t) => ({
    account: t.hex().notNull(),
    marketId: t.bigint().notNull(),
    size: t.bigint().notNull(),
    /** The position's cost, opening fees included (MarginLib.applyFillDown): entry price = openNotional / size. */
    openNotional: t.bigint().notNull(),
    realizedPnl: t.bigint().notNull(),
    /** Settlement PnL paid by `claimSettlement` (null until claimed). */
    settlementPnl: t.bigint(),
    updatedBlock: t.bigint().notNull(),
    updatedTimestamp: t.bigint().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.account, table.marketId] }),
    marketIdx: index().on(table.marketId),
  }),
);

/** One row per change of a position (fill, liquidation, settlement claim), with the state after it. */
export const positionChanges = onchainTable(
  "position_changes",
  (t) => ({
    /** The event id, with `:maker`/`:taker`/`:account`/`:liquidator` when one event moves two positions. */
    id: t.text().primaryKey(),
    account: t.hex().notNull(),
    marketId: t.bigint().notNull(),
    /** `fill_maker`, `fill_taker`, `liquidated`, `liquidator`, `settlement_claim`. */
    kind: t.text().notNull(),
    delta: t.bigint().notNull(),
    price: t.bigint().notNull(),
    fee: t.bigint().notNull(),
    realizedPnl: t.bigint().notNull(),
    size: t.bigint().notNull(),
    openNotional: t.bigint().notNull(),
    collateral: t.bigint().notNull(),
    ...eventCols(t),
  }),
  (table) => ({
    marketBlockIdx: index().on(table.marketId, table.blockNumber),
    accountIdx: index().on(table.account, table.blockNumber),
  }),
);

/** Deposits and withdrawals (both carry the resulting collateral). */
export const collateralMovements = onchainTable(
  "collateral_movements",
  (t) => ({
    id: t.text().primaryKey(),
    account: t.hex().notNull(),
    /** `deposit` or `withdrawal`. */
    kind: t.text().notNull(),
    /** The payer (deposit) or recipient (withdrawal). */
    counterparty: t.hex().notNull(),
    amount: t.bigint().notNull(),
    collateral: t.bigint().notNull(),
    ...eventCols(t),
  }),
  (table) => ({ accountIdx: index().on(table.account) }),
);

/** Orders that rested in the book, with their status and remaining size. */
export const orders = onchainTable(
  "orders",
  (t) => ({
    id: t.bigint().primaryKey(),
    marketId: t.bigint().notNull(),
    owner: t.hex().notNull(),
    isBid: t.boolean().notNull(),
    price: t.bigint().notNull(),
    size: t.bigint().notNull(),
    remaining: t.bigint().notNull(),
    expiry: t.bigint().notNull(),
    reduceOnly: t.boolean().notNull(),
    /** `open`, `filled`, `cancelled`, or `dead` (killed by cancelAll; the book drops it later). */
    status: t.text().notNull(),
    /** Why it left the book unfilled (`user`, `expired`, `stale_order`, `self_trade`, …). */
    cancelReason: t.text(),
    placedBlock: t.bigint().notNull(),
    placedTimestamp: t.bigint().notNull(),
    updatedBlock: t.bigint().notNull(),
    updatedTimestamp: t.bigint().notNull(),
  }),
  (table) => ({
    bookIdx: index().on(table.marketId, table.status, table.isBid, table.price),
    ownerIdx: index().on(table.owner, table.marketId),
  }),
);

/** Incoming orders that matched or did not rest (IOC, FOK, market), from `TakerOrder`. */
export const takerOrders = onchainTable(
  "taker_orders",
  (t) => ({
    id: t.text().primaryKey(),
    marketId: t.bigint().notNull(),
    taker: t.hex().notNull(),
    isBid: t.boolean().notNull(),
    kind: t.text().notNull(),
    price: t.bigint().notNull(),
    size: t.bigint().notNull(),
    filled: t.bigint().notNull(),
    ...eventCols(t),
  }),
  (table) => ({ marketIdx: index().on(table.marketId), takerIdx: index().on(table.taker) }),
);

/** Every fill (`Fill`). */
export const trades = onchainTable(
  "trades",
  (t) => ({
    id: t.text().primaryKey(),
    marketId: t.bigint().notNull(),
    orderId: t.bigint().notNull(),
    maker: t.hex().notNull(),
    taker: t.hex().notNull(),
    takerIsBuy: t.boolean().notNull(),
    size: t.bigint().notNull(),
    price: t.bigint().notNull(),
    makerFee: t.bigint().notNull(),
    takerFee: t.bigint().notNull(),
    ...eventCols(t),
  }),
  (table) => ({
    marketIdx: index().on(table.marketId, table.id),
    makerIdx: index().on(table.maker),
    takerIdx: index().on(table.taker),
  }),
);

/** OHLCV per market and interval (`1m`, `1h`, `1d`), upserted per fill. */
export const candles = onchainTable(
  "candles",
  (t) => ({
    marketId: t.bigint().notNull(),
    interval: t.text().notNull(),
    /** Bucket start (Unix seconds). */
    start: t.bigint().notNull(),
    open: t.bigint().notNull(),
    high: t.bigint().notNull(),
    low: t.bigint().notNull(),
    close: t.bigint().notNull(),
    volume: t.bigint().notNull(),
    notional: t.bigint().notNull(),
    trades: t.integer().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.marketId, table.interval, table.start] }) }),
);

/** Liquidations (`Liquidated`): `size` from the liquidated account's side (its position moved by −size). */
export const liquidations = onchainTable(
  "liquidations",
  (t) => ({
    id: t.text().primaryKey(),
    marketId: t.bigint().notNull(),
    account: t.hex().notNull(),
    liquidator: t.hex().notNull(),
    size: t.bigint().notNull(),
    markPrice: t.bigint().notNull(),
    penalty: t.bigint().notNull(),
    reward: t.bigint().notNull(),
    insuranceShare: t.bigint().notNull(),
    ...eventCols(t),
  }),
  (table) => ({ marketIdx: index().on(table.marketId), accountIdx: index().on(table.account) }),
);

/** Bad debt (`BadDebt`): `marketId` 0 when it joined the global deficit at a settlement claim. */
export const badDebts = onchainTable(
  "bad_debts",
  (t) => ({
    id: t.text().primaryKey(),
    marketId: t.bigint().notNull(),
    account: t.hex().notNull(),
    deficit: t.bigint().notNull(),
    covered: t.bigint().notNull(),
    uncovered: t.bigint().notNull(),
    ...eventCols(t),
  }),
  (table) => ({ marketIdx: index().on(table.marketId) }),
);

/** One row per market that reached settlement: the stage and its figures. */
export const settlements = onchainTable("settlements", (t) => ({
  marketId: t.bigint().primaryKey(),
  /** `proposed`, `disputed` or `settled`. */
  status: t.text().notNull(),
  proposedPrice: t.bigint().notNull(),
  finalPrice: t.bigint().notNull(),
  fallbackUsed: t.boolean().notNull(),
  disputes: t.integer().notNull(),
  winnerIsLong: t.boolean(),
  writeDownPerUnit: t.bigint().notNull(),
  badDebt: t.bigint().notNull(),
  unrecovered: t.bigint().notNull(),
  toInsurance: t.bigint().notNull(),
  claims: t.integer().notNull(),
  claimedPnl: t.bigint().notNull(),
  proposedBlock: t.bigint().notNull(),
  finalizedBlock: t.bigint(),
  updatedBlock: t.bigint().notNull(),
  updatedTimestamp: t.bigint().notNull(),
}));

/** The settlement audit log: `proposed`, `disputed` (with the reason), `finalized`, `claimed`. */
export const settlementEvents = onchainTable(
  "settlement_events",
  (t) => ({
    id: t.text().primaryKey(),
    marketId: t.bigint().notNull(),
    kind: t.text().notNull(),
    account: t.hex(),
    data: t.json().$type<Record<string, unknown>>().notNull(),
    ...eventCols(t),
  }),
  (table) => ({ marketIdx: index().on(table.marketId, table.blockNumber) }),
);

/** The clearing house's pools (one row, id `pools`): fees, insurance fund, global deficit, pending bad debt. */
export const pools = onchainTable("pools", (t) => ({
  id: t.text().primaryKey(),
  fees: t.bigint().notNull(),
  insurance: t.bigint().notNull(),
  deficit: t.bigint().notNull(),
  badDebt: t.bigint().notNull(),
  updatedBlock: t.bigint().notNull(),
}));

/**
 * Insurance-fund and fee movements: `pool` `fees`, `insurance` or `deficit`; `kind` `fill_fee`,
 * `liquidation_penalty`, `bad_debt_cover`, `bad_debt_uncovered`, `settlement_surplus`,
 * `settlement_unrecovered`, `fees_collected`; signed `amount`, `balance` after.
 */
export const poolMovements = onchainTable(
  "pool_movements",
  (t) => ({
    id: t.text().primaryKey(),
    pool: t.text().notNull(),
    kind: t.text().notNull(),
    marketId: t.bigint(),
    amount: t.bigint().notNull(),
    balance: t.bigint().notNull(),
    ...eventCols(t),
  }),
  (table) => ({ poolIdx: index().on(table.pool, table.blockNumber) }),
);

/** Current holders of the clearing house's roles (`RoleSet`). */
export const roles = onchainTable("roles", (t) => ({
  role: t.hex().primaryKey(),
  account: t.hex().notNull(),
  updatedBlock: t.bigint().notNull(),
}));

/** One row per capacity token id: terms, units and bond. */
export const capacityTokens = onchainTable(
  "capacity_tokens",
  (t) => ({
    id: t.bigint().primaryKey(),
    provider: t.hex().notNull(),
    indexId: t.hex().notNull(),
    start: t.bigint().notNull(),
    end: t.bigint().notNull(),
    minted: t.bigint().notNull(),
    outstanding: t.bigint().notNull(),
    redeemed: t.bigint().notNull(),
    delivered: t.bigint().notNull(),
    compensated: t.bigint().notNull(),
    expired: t.bigint().notNull(),
    bondPerHour: t.bigint().notNull(),
    bond: t.bigint().notNull(),
    compensationPrice: t.bigint(),
    updatedBlock: t.bigint().notNull(),
  }),
  (table) => ({ providerIdx: index().on(table.provider), indexIdx: index().on(table.indexId) }),
);

/** Units of a capacity id per holder (ERC-1155 transfers, mints, burns). */
export const capacityBalances = onchainTable(
  "capacity_balances",
  (t) => ({
    id: t.bigint().notNull(),
    holder: t.hex().notNull(),
    balance: t.bigint().notNull(),
    updatedBlock: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.id, table.holder] }), holderIdx: index().on(table.holder) }),
);

/** Redemption requests and their delivery: `pending`, `confirmed` (maybe partly), `compensated`. */
export const deliveries = onchainTable(
  "deliveries",
  (t) => ({
    tokenId: t.bigint().notNull(),
    requestIndex: t.integer().notNull(),
    holder: t.hex().notNull(),
    units: t.bigint().notNull(),
    commitment: t.hex().notNull(),
    delivered: t.bigint().notNull(),
    undelivered: t.bigint().notNull(),
    compensated: t.bigint().notNull(),
    compensationAmount: t.bigint().notNull(),
    status: t.text().notNull(),
    requestedBlock: t.bigint().notNull(),
    updatedBlock: t.bigint().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.tokenId, table.requestIndex] }),
    holderIdx: index().on(table.holder),
  }),
);

/** Every capacity-token event but transfers, with its arguments (audit log). */
export const capacityEvents = onchainTable(
  "capacity_events",
  (t) => ({
    id: t.text().primaryKey(),
    tokenId: t.bigint(),
    kind: t.text().notNull(),
    data: t.json().$type<Record<string, unknown>>().notNull(),
    ...eventCols(t),
  }),
  (table) => ({ tokenIdx: index().on(table.tokenId) }),
);

/**
 * Capacity an account posted in the clearing house as cover for its short in one market
 * (`CapacityCollateralPosted` / `Withdrawn` / `Seized`): one token id per (account, market).
 */
export const capacityCollateral = onchainTable(
  "capacity_collateral",
  (t) => ({
    account: t.hex().notNull(),
    marketId: t.bigint().notNull(),
    tokenId: t.bigint().notNull(),
    /** Units in custody now. */
    units: t.bigint().notNull(),
    posted: t.bigint().notNull(),
    withdrawn: t.bigint().notNull(),
    seized: t.bigint().notNull(),
    /** Collateral the account received for seized units (paid by liquidators). */
    seizedValue: t.bigint().notNull(),
    updatedBlock: t.bigint().notNull(),
    updatedTimestamp: t.bigint().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.account, table.marketId] }),
    tokenIdx: index().on(table.tokenId),
  }),
);

export const marketsRelations = relations(markets, ({ many, one }) => ({
  index: one(indexes, { fields: [markets.indexId], references: [indexes.id] }),
  positions: many(positions),
  orders: many(orders),
  trades: many(trades),
  candles: many(candles),
  liquidations: many(liquidations),
}));

export const accountsRelations = relations(accounts, ({ many }) => ({
  positions: many(positions),
  changes: many(positionChanges),
  movements: many(collateralMovements),
}));

export const positionsRelations = relations(positions, ({ one }) => ({
  market: one(markets, { fields: [positions.marketId], references: [markets.id] }),
  owner: one(accounts, { fields: [positions.account], references: [accounts.address] }),
}));

export const positionChangesRelations = relations(positionChanges, ({ one }) => ({
  market: one(markets, { fields: [positionChanges.marketId], references: [markets.id] }),
  owner: one(accounts, { fields: [positionChanges.account], references: [accounts.address] }),
}));

export const collateralMovementsRelations = relations(collateralMovements, ({ one }) => ({
  owner: one(accounts, { fields: [collateralMovements.account], references: [accounts.address] }),
}));

export const ordersRelations = relations(orders, ({ one }) => ({
  market: one(markets, { fields: [orders.marketId], references: [markets.id] }),
}));

export const tradesRelations = relations(trades, ({ one }) => ({
  market: one(markets, { fields: [trades.marketId], references: [markets.id] }),
}));

export const candlesRelations = relations(candles, ({ one }) => ({
  market: one(markets, { fields: [candles.marketId], references: [markets.id] }),
}));

export const liquidationsRelations = relations(liquidations, ({ one }) => ({
  market: one(markets, { fields: [liquidations.marketId], references: [markets.id] }),
}));

export const settlementsRelations = relations(settlements, ({ one }) => ({
  market: one(markets, { fields: [settlements.marketId], references: [markets.id] }),
}));

export const capacityTokensRelations = relations(capacityTokens, ({ many }) => ({
  balances: many(capacityBalances),
  deliveries: many(deliveries),
}));

export const capacityBalancesRelations = relations(capacityBalances, ({ one }) => ({
  token: one(capacityTokens, { fields: [capacityBalances.id], references: [capacityTokens.id] }),
}));

export const deliveriesRelations = relations(deliveries, ({ one }) => ({
  token: one(capacityTokens, { fields: [deliveries.tokenId], references: [capacityTokens.id] }),
}));
