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
/*                     Clearing house, order book                     */
/* ------------------------------------------------------------------ */

// TODO(clearing house): the contracts are being written on another branch and their events are
// not known yet, so no table is defined for them here. Once merged, add (same conventions:
// state tables upserted, event tables append-only keyed by `event.id`, block number and timestamp
// on every row, indexes on the foreign keys, relations below):
//   markets            (state)   index, window, tick, lot, margins, fees, caps, mode, status, final price
//   accounts           (state)   collateral, realized PnL, unclaimed settlement
//   positions          (state)   (market, account): size, open notional
//   position_changes   (events)  one row per position change, with block number and timestamp
//   orders             (state)   side, price, size, remaining, flags, status
//   trades             (events)  maker, taker, price, size, fees
//   candles            (state)   (market, interval 1m/1h/1d, bucket start): OHLCV, upserted per trade
//   liquidations       (events)
//   settlements        (events)  final price set, replaced in dispute, finalised, claims
//   insurance_fund     (events)  deposits, fee shares, bad-debt cover
// The auditor routes of src/api/ (positions at a block as CSV, solvency) read these.
