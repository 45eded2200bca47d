/**
 * Handlers for every event of the index oracle (IIndexOracle). The oracle's events carry all the
 * state the tables hold, so no handler reads the chain.
 */
import { ponder } from "ponder:registry";
import { indexChanges, indexes, indexRounds, publishers } from "ponder:schema";
import { type Hex, zeroAddress } from "viem";
import { formatIndexId } from "../../sdk/src/utils/format.js";

type IndexChangeKind = (typeof indexChanges.$inferInsert)["kind"];

type EventMeta = {
  readonly id: string;
  readonly block: { readonly number: bigint; readonly timestamp: bigint };
  readonly log: { readonly logIndex: number };
  readonly transaction: { readonly hash: Hex };
};

/** JSON-safe copy of event arguments (bigints as decimal strings). */
function toJson(args: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(args, (_key, value) => (typeof value === "bigint" ? value.toString() : value)));
}

function changeRow(event: EventMeta, indexId: Hex, kind: IndexChangeKind, data: Record<string, unknown>) {
  return {
    id: event.id,
    indexId,
    kind,
    data: toJson(data),
    blockNumber: event.block.number,
    blockTimestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  };
}

function touched(event: EventMeta) {
  return { updatedBlock: event.block.number, updatedTimestamp: event.block.timestamp };
}

/**
 * The ring slot of a new round, as IndexOracle._record picks it: the next slot; at the ring's end
 * the ring takes its grown size (`cardinalityNext`) if `growRing` made room, else it wraps to 0.
 */
function nextRingSlot(row: typeof indexes.$inferSelect): { latestRingIndex: number; ringCardinality: number } {
  if (row.latestRingIndex === null) return { latestRingIndex: 0, ringCardinality: row.ringCardinality };
  const slot = row.latestRingIndex + 1;
  if (slot < row.ringCardinality) return { latestRingIndex: slot, ringCardinality: row.ringCardinality };
  if (row.ringCardinalityNext > row.ringCardinality) {
    return { latestRingIndex: slot, ringCardinality: row.ringCardinalityNext };
  }
  return { latestRingIndex: 0, ringCardinality: row.ringCardinality };
}

ponder.on("IndexOracle:IndexRegistered", async ({ event, context }) => {
  const { indexId, description, methodologyURI, methodologyHash, decimals, params, ringCardinality } = event.args;
  await context.db.insert(indexes).values({
    id: indexId,
    name: formatIndexId(indexId),
    description,
    methodologyUri: methodologyURI,
    methodologyHash,
    decimals,
    quorum: params.quorum,
    maxMoveBps: params.maxMoveBps,
    maxAge: BigInt(params.maxAge),
    maxSubmissionDelay: BigInt(params.maxSubmissionDelay),
    businessDaysOnly: params.businessDaysOnly,
    ringCardinality,
    ringCardinalityNext: ringCardinality,
    paused: false,
    externalFeed: null,
    publisherCount: 0,
    roundCount: 0,
    registeredBlock: event.block.number,
    registeredTimestamp: event.block.timestamp,
    ...touched(event),
  });
  await context.db.insert(indexChanges).values(changeRow(event, indexId, "registered", event.args));
});

ponder.on("IndexOracle:IndexParamsSet", async ({ event, context }) => {
  const { indexId, params } = event.args;
  await context.db.update(indexes, { id: indexId }).set({
    quorum: params.quorum,
    maxMoveBps: params.maxMoveBps,
    maxAge: BigInt(params.maxAge),
    maxSubmissionDelay: BigInt(params.maxSubmissionDelay),
    businessDaysOnly: params.businessDaysOnly,
    ...touched(event),
  });
  await context.db.insert(indexChanges).values(changeRow(event, indexId, "params_set", event.args));
});

ponder.on("IndexOracle:MethodologySet", async ({ event, context }) => {
  const { indexId, methodologyURI, methodologyHash } = event.args;
  await context.db
    .update(indexes, { id: indexId })
    .set({ methodologyUri: methodologyURI, methodologyHash, ...touched(event) });
  await context.db.insert(indexChanges).values(changeRow(event, indexId, "methodology_set", event.args));
});

ponder.on("IndexOracle:PublisherAdded", async ({ event, context }) => {
  const { indexId, publisher, publisherCount } = event.args;
  await context.db.insert(publishers).values({
    indexId,
    address: publisher,
    addedBlock: event.block.number,
    addedTimestamp: event.block.timestamp,
  });
  await context.db.update(indexes, { id: indexId }).set({ publisherCount, ...touched(event) });
  await context.db.insert(indexChanges).values(changeRow(event, indexId, "publisher_added", event.args));
});

ponder.on("IndexOracle:PublisherRemoved", async ({ event, context }) => {
  const { indexId, publisher, publisherCount } = event.args;
  await context.db.delete(publishers, { indexId, address: publisher });
  await context.db.update(indexes, { id: indexId }).set({ publisherCount, ...touched(event) });
  await context.db.insert(indexChanges).values(changeRow(event, indexId, "publisher_removed", event.args));
});

ponder.on("IndexOracle:IndexPauseSet", async ({ event, context }) => {
  const { indexId, paused } = event.args;
  await context.db.update(indexes, { id: indexId }).set({ paused, ...touched(event) });
  await context.db.insert(indexChanges).values(changeRow(event, indexId, "pause_set", event.args));
});

ponder.on("IndexOracle:RingGrown", async ({ event, context }) => {
  const { indexId, cardinality, cardinalityNext } = event.args;
  await context.db
    .update(indexes, { id: indexId })
    .set({ ringCardinality: cardinality, ringCardinalityNext: cardinalityNext, ...touched(event) });
  await context.db.insert(indexChanges).values(changeRow(event, indexId, "ring_grown", event.args));
});

ponder.on("IndexOracle:ExternalFeedSet", async ({ event, context }) => {
  const { indexId, feed } = event.args;
  await context.db
    .update(indexes, { id: indexId })
    .set({ externalFeed: feed === zeroAddress ? null : feed, ...touched(event) });
  await context.db.insert(indexChanges).values(changeRow(event, indexId, "external_feed_set", event.args));
});

ponder.on("IndexOracle:RoundRecorded", async ({ event, context }) => {
  const { indexId, roundId, timestamp, price, cumulative, signers, prices, guardianConfirmed } = event.args;
  await context.db.insert(indexRounds).values({
    indexId,
    roundId,
    timestamp: BigInt(timestamp),
    price,
    cumulative,
    signers: [...signers],
    prices: [...prices],
    guardianConfirmed,
    eventId: event.id,
    blockNumber: event.block.number,
    blockTimestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  });
  await context.db.update(indexes, { id: indexId }).set((row) => ({
    ...nextRingSlot(row),
    roundCount: row.roundCount + 1,
    latestRoundId: roundId,
    latestTimestamp: BigInt(timestamp),
    latestPrice: price,
    latestCumulative: cumulative,
    ...touched(event),
  }));
});
