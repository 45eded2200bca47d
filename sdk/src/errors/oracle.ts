/**
 * Typed errors for every custom error of the index oracle (contracts/interfaces/IIndexOracle.sol),
 * one class each, with a message a trader or an oracle operator understands. The decoder maps a
 * revert to them by error name through `indexOracleErrors` (see `decodeContractError.ts`).
 */
import type { Address, Hex } from "viem";
import type { indexOracleAbi } from "../generated/abis.js";
import { formatBps, formatDuration, formatIndexId, formatTimestamp } from "../utils/format.js";
import { ComputusContractError, type ContractErrorFactories } from "./base.js";
import { openZeppelinErrors } from "./openZeppelin.js";

type Cause = { cause?: Error | undefined };

/** `indexId` was never registered. */
export class UnknownIndexError extends ComputusContractError {
  readonly indexId: Hex;
  constructor({ indexId, cause }: { indexId: Hex } & Cause) {
    super(`Index ${formatIndexId(indexId)} does not exist on this oracle.`, {
      name: "UnknownIndexError",
      errorName: "UnknownIndex",
      args: [indexId],
      cause,
    });
    this.indexId = indexId;
  }
}

/** Every index number (1..65535) is taken: the oracle can register no more indexes. */
export class TooManyIndexesError extends ComputusContractError {
  constructor({ cause }: Cause) {
    super("This oracle has registered 65,535 indexes, as many as index numbers allow.", {
      name: "TooManyIndexesError",
      errorName: "TooManyIndexes",
      args: [],
      cause,
    });
  }
}

/** `indexId` is registered already. */
export class IndexAlreadyRegisteredError extends ComputusContractError {
  readonly indexId: Hex;
  constructor({ indexId, cause }: { indexId: Hex } & Cause) {
    super(`Index ${formatIndexId(indexId)} is registered already.`, {
      name: "IndexAlreadyRegisteredError",
      errorName: "IndexAlreadyRegistered",
      args: [indexId],
      cause,
    });
    this.indexId = indexId;
  }
}

/** Quorum zero, or a guard that cannot hold. */
export class InvalidIndexParamsError extends ComputusContractError {
  readonly quorum: number;
  readonly maxAge: number;
  readonly maxSubmissionDelay: number;
  constructor({ quorum, maxAge, maxSubmissionDelay, cause }: IndexParamsArgs & Cause) {
    super(
      `Invalid index parameters (quorum ${quorum}, maximum age ${formatDuration(maxAge)}, maximum submission ` +
        `delay ${formatDuration(maxSubmissionDelay)}): the quorum must be at least 1 and each guard must be able to hold.`,
      {
        name: "InvalidIndexParamsError",
        errorName: "InvalidIndexParams",
        args: [quorum, maxAge, maxSubmissionDelay],
        cause,
      },
    );
    this.quorum = quorum;
    this.maxAge = maxAge;
    this.maxSubmissionDelay = maxSubmissionDelay;
  }
}
type IndexParamsArgs = { quorum: number; maxAge: number; maxSubmissionDelay: number };

/** Decimals above 18. */
export class InvalidDecimalsError extends ComputusContractError {
  readonly decimals: number;
  constructor({ decimals, cause }: { decimals: number } & Cause) {
    super(`An index price can have at most 18 decimals, not ${decimals}.`, {
      name: "InvalidDecimalsError",
      errorName: "InvalidDecimals",
      args: [decimals],
      cause,
    });
    this.decimals = decimals;
  }
}

/** Ring cardinality zero, or not larger than the current one. */
export class InvalidCardinalityError extends ComputusContractError {
  readonly current: number;
  readonly requested: number;
  constructor({ current, requested, cause }: { current: number; requested: number } & Cause) {
    super(`The ring of rounds can only grow: it holds ${current} round(s) and ${requested} was requested.`, {
      name: "InvalidCardinalityError",
      errorName: "InvalidCardinality",
      args: [current, requested],
      cause,
    });
    this.current = current;
    this.requested = requested;
  }
}

/** `publisher` is the zero address or already a publisher of the index. */
export class InvalidPublisherError extends ComputusContractError {
  readonly indexId: Hex;
  readonly publisher: Address;
  constructor({ indexId, publisher, cause }: { indexId: Hex; publisher: Address } & Cause) {
    super(
      `${publisher} cannot be added as a publisher of ${formatIndexId(indexId)}: it is the zero address or a publisher already.`,
      { name: "InvalidPublisherError", errorName: "InvalidPublisher", args: [indexId, publisher], cause },
    );
    this.indexId = indexId;
    this.publisher = publisher;
  }
}

/** An index cannot have more than 255 publishers. */
export class TooManyPublishersError extends ComputusContractError {
  readonly indexId: Hex;
  constructor({ indexId, cause }: { indexId: Hex } & Cause) {
    super(`Index ${formatIndexId(indexId)} has the maximum of 255 publishers already.`, {
      name: "TooManyPublishersError",
      errorName: "TooManyPublishers",
      args: [indexId],
      cause,
    });
    this.indexId = indexId;
  }
}

/** The guardian paused submissions to `indexId`. */
export class IndexIsPausedError extends ComputusContractError {
  readonly indexId: Hex;
  constructor({ indexId, cause }: { indexId: Hex } & Cause) {
    super(`Index ${formatIndexId(indexId)} is paused by the guardian: no new prices are accepted until it resumes.`, {
      name: "IndexIsPausedError",
      errorName: "IndexIsPaused",
      args: [indexId],
      cause,
    });
    this.indexId = indexId;
  }
}

/** `indexId` is fed from an external feed: publishers cannot submit to it. */
export class IndexFedExternallyError extends ComputusContractError {
  readonly indexId: Hex;
  readonly feed: Address;
  constructor({ indexId, feed, cause }: { indexId: Hex; feed: Address } & Cause) {
    super(`Index ${formatIndexId(indexId)} is fed from the external feed ${feed}: publishers cannot submit to it.`, {
      name: "IndexFedExternallyError",
      errorName: "IndexFedExternally",
      args: [indexId, feed],
      cause,
    });
    this.indexId = indexId;
    this.feed = feed;
  }
}

/** `indexId` has no external feed to pull from. */
export class NoExternalFeedError extends ComputusContractError {
  readonly indexId: Hex;
  constructor({ indexId, cause }: { indexId: Hex } & Cause) {
    super(`Index ${formatIndexId(indexId)} has no external feed to pull a price from.`, {
      name: "NoExternalFeedError",
      errorName: "NoExternalFeed",
      args: [indexId],
      cause,
    });
    this.indexId = indexId;
  }
}

/** Fewer distinct publisher signatures than the quorum. */
export class QuorumNotMetError extends ComputusContractError {
  readonly indexId: Hex;
  readonly provided: bigint;
  readonly quorum: number;
  constructor({ indexId, provided, quorum, cause }: { indexId: Hex; provided: bigint; quorum: number } & Cause) {
    super(
      `The round for ${formatIndexId(indexId)} carries ${provided} publisher signature(s); the index needs at least ${quorum}.`,
      { name: "QuorumNotMetError", errorName: "QuorumNotMet", args: [indexId, provided, quorum], cause },
    );
    this.indexId = indexId;
    this.provided = provided;
    this.quorum = quorum;
  }
}

/** The signature at `position` does not recover to an address (malformed or malleable). */
export class InvalidSignatureError extends ComputusContractError {
  readonly position: bigint;
  constructor({ position, cause }: { position: bigint } & Cause) {
    super(`The signature of observation #${position} is malformed: it does not recover to an address.`, {
      name: "InvalidSignatureError",
      errorName: "InvalidSignature",
      args: [position],
      cause,
    });
    this.position = position;
  }
}

/** `signer` is not a publisher of `indexId`. */
export class NotPublisherError extends ComputusContractError {
  readonly indexId: Hex;
  readonly signer: Address;
  constructor({ indexId, signer, cause }: { indexId: Hex; signer: Address } & Cause) {
    super(
      `${signer} is not a publisher of ${formatIndexId(indexId)}: its observation was signed for another ` +
        "index, oracle, chain, time or price, or the address is not allowed to publish.",
      { name: "NotPublisherError", errorName: "NotPublisher", args: [indexId, signer], cause },
    );
    this.indexId = indexId;
    this.signer = signer;
  }
}

/** Signers must be strictly ascending by address; equal means a duplicate. */
export class SignersNotAscendingError extends ComputusContractError {
  readonly previous: Address;
  readonly signer: Address;
  constructor({ previous, signer, cause }: { previous: Address; signer: Address } & Cause) {
    super(
      previous.toLowerCase() === signer.toLowerCase()
        ? `Publisher ${signer} signed the round twice: each publisher counts once.`
        : `Observations must be ordered by signer address, ascending: ${signer} comes after ${previous}.`,
      { name: "SignersNotAscendingError", errorName: "SignersNotAscending", args: [previous, signer], cause },
    );
    this.previous = previous;
    this.signer = signer;
  }
}

/** A price of zero. */
export class ZeroPriceError extends ComputusContractError {
  readonly position: bigint;
  constructor({ position, cause }: { position: bigint } & Cause) {
    super(`Observation #${position} has a price of zero.`, {
      name: "ZeroPriceError",
      errorName: "ZeroPrice",
      args: [position],
      cause,
    });
    this.position = position;
  }
}

/** The round's timestamp is after the block's. */
export class FutureTimestampError extends ComputusContractError {
  readonly timestamp: number;
  readonly blockTimestamp: bigint;
  constructor({ timestamp, blockTimestamp, cause }: { timestamp: number; blockTimestamp: bigint } & Cause) {
    super(
      `The round is timed ${formatTimestamp(timestamp)}, after the chain's current time ${formatTimestamp(blockTimestamp)}.`,
      { name: "FutureTimestampError", errorName: "FutureTimestamp", args: [timestamp, blockTimestamp], cause },
    );
    this.timestamp = timestamp;
    this.blockTimestamp = blockTimestamp;
  }
}

/** The round's timestamp is older than `maxSubmissionDelay` allows. */
export class StaleTimestampError extends ComputusContractError {
  readonly timestamp: number;
  readonly oldestAllowed: bigint;
  constructor({ timestamp, oldestAllowed, cause }: { timestamp: number; oldestAllowed: bigint } & Cause) {
    super(
      `The round is timed ${formatTimestamp(timestamp)}, too long ago: the oldest time accepted now is ` +
        `${formatTimestamp(oldestAllowed)}. Sign a fresh round.`,
      { name: "StaleTimestampError", errorName: "StaleTimestamp", args: [timestamp, oldestAllowed], cause },
    );
    this.timestamp = timestamp;
    this.oldestAllowed = oldestAllowed;
  }
}

/** Round timestamps of an index must strictly increase. */
export class TimestampNotIncreasingError extends ComputusContractError {
  readonly timestamp: number;
  readonly lastTimestamp: number;
  constructor({ timestamp, lastTimestamp, cause }: { timestamp: number; lastTimestamp: number } & Cause) {
    super(
      `The round is timed ${formatTimestamp(timestamp)}, not after the index's last round at ` +
        `${formatTimestamp(lastTimestamp)}: it was published already or is out of order.`,
      {
        name: "TimestampNotIncreasingError",
        errorName: "TimestampNotIncreasing",
        args: [timestamp, lastTimestamp],
        cause,
      },
    );
    this.timestamp = timestamp;
    this.lastTimestamp = lastTimestamp;
  }
}

/** The price moved beyond `maxMoveBps` and needs the guardian's confirmation. */
export class MoveTooLargeError extends ComputusContractError {
  readonly lastPrice: bigint;
  readonly price: bigint;
  readonly maxMoveBps: number;
  constructor({
    lastPrice,
    price,
    maxMoveBps,
    cause,
  }: { lastPrice: bigint; price: bigint; maxMoveBps: number } & Cause) {
    const move = lastPrice === 0n ? undefined : ((price - lastPrice) * 10_000n) / lastPrice;
    super(
      `The price moved from ${lastPrice} to ${price}${move === undefined ? "" : ` (${move > 0n ? "+" : ""}${formatBps(move)})`}, ` +
        `more than the ${formatBps(maxMoveBps)} a round may move without the guardian's confirmation.`,
      { name: "MoveTooLargeError", errorName: "MoveTooLarge", args: [lastPrice, price, maxMoveBps], cause },
    );
    this.lastPrice = lastPrice;
    this.price = price;
    this.maxMoveBps = maxMoveBps;
  }
}

/** The external feed answered a non-positive or oversized price. */
export class InvalidFeedAnswerError extends ComputusContractError {
  readonly answer: bigint;
  constructor({ answer, cause }: { answer: bigint } & Cause) {
    super(`The external feed answered ${answer}, which is not a usable price.`, {
      name: "InvalidFeedAnswerError",
      errorName: "InvalidFeedAnswer",
      args: [answer],
      cause,
    });
    this.answer = answer;
  }
}

/** The index has no round yet. */
export class NoRoundsError extends ComputusContractError {
  readonly indexId: Hex;
  constructor({ indexId, cause }: { indexId: Hex } & Cause) {
    super(`Index ${formatIndexId(indexId)} has no price yet.`, {
      name: "NoRoundsError",
      errorName: "NoRounds",
      args: [indexId],
      cause,
    });
    this.indexId = indexId;
  }
}

/** The index's last round is older than its `maxAge` allows. */
export class StaleIndexError extends ComputusContractError {
  readonly indexId: Hex;
  readonly lastTimestamp: number;
  readonly age: bigint;
  readonly maxAge: number;
  constructor({
    indexId,
    lastTimestamp,
    age,
    maxAge,
    cause,
  }: { indexId: Hex; lastTimestamp: number; age: bigint; maxAge: number } & Cause) {
    super(
      `Index ${formatIndexId(indexId)} is stale: its last price, at ${formatTimestamp(lastTimestamp)}, is ` +
        `${formatDuration(age)} old and the limit is ${formatDuration(maxAge)}.`,
      { name: "StaleIndexError", errorName: "StaleIndex", args: [indexId, lastTimestamp, age, maxAge], cause },
    );
    this.indexId = indexId;
    this.lastTimestamp = lastTimestamp;
    this.age = age;
    this.maxAge = maxAge;
  }
}

/** `time` is after the block's timestamp: the future has no price yet. */
export class TimeInFutureError extends ComputusContractError {
  readonly time: bigint;
  readonly blockTimestamp: bigint;
  constructor({ time, blockTimestamp, cause }: { time: bigint; blockTimestamp: bigint } & Cause) {
    super(`No price exists yet for ${formatTimestamp(time)}: the chain's time is ${formatTimestamp(blockTimestamp)}.`, {
      name: "TimeInFutureError",
      errorName: "TimeInFuture",
      args: [time, blockTimestamp],
      cause,
    });
    this.time = time;
    this.blockTimestamp = blockTimestamp;
  }
}

/** Averaging windows need `start < end`. */
export class InvalidWindowError extends ComputusContractError {
  readonly start: bigint;
  readonly end: bigint;
  constructor({ start, end, cause }: { start: bigint; end: bigint } & Cause) {
    super(
      `Cannot average over ${formatTimestamp(start)} to ${formatTimestamp(end)}: a window must start before it ends.`,
      { name: "InvalidWindowError", errorName: "InvalidWindow", args: [start, end], cause },
    );
    this.start = start;
    this.end = end;
  }
}

/** `time` is before the oldest round still held in the ring. */
export class BeforeOldestRoundError extends ComputusContractError {
  readonly indexId: Hex;
  readonly time: bigint;
  readonly oldestTimestamp: number;
  constructor({
    indexId,
    time,
    oldestTimestamp,
    cause,
  }: { indexId: Hex; time: bigint; oldestTimestamp: number } & Cause) {
    super(
      `Index ${formatIndexId(indexId)} no longer holds prices from ${formatTimestamp(time)}: its oldest round ` +
        `held is at ${formatTimestamp(oldestTimestamp)}.`,
      { name: "BeforeOldestRoundError", errorName: "BeforeOldestRound", args: [indexId, time, oldestTimestamp], cause },
    );
    this.indexId = indexId;
    this.time = time;
    this.oldestTimestamp = oldestTimestamp;
  }
}

/** Round `roundId` is not (or no longer) held in the ring. */
export class RoundNotFoundError extends ComputusContractError {
  readonly indexId: Hex;
  readonly roundId: bigint;
  constructor({ indexId, roundId, cause }: { indexId: Hex; roundId: bigint } & Cause) {
    super(`Round ${roundId} of index ${formatIndexId(indexId)} does not exist or is no longer held.`, {
      name: "RoundNotFoundError",
      errorName: "RoundNotFound",
      args: [indexId, roundId],
      cause,
    });
    this.indexId = indexId;
    this.roundId = roundId;
  }
}

/**
 * Every custom error of the index oracle, by name. `satisfies` makes the type check fail when the
 * ABI gains an error that has no entry here.
 */
export const indexOracleErrors = {
  ...openZeppelinErrors,
  UnknownIndex: ([indexId], cause) => new UnknownIndexError({ indexId, cause }),
  TooManyIndexes: (_args, cause) => new TooManyIndexesError({ cause }),
  IndexAlreadyRegistered: ([indexId], cause) => new IndexAlreadyRegisteredError({ indexId, cause }),
  InvalidIndexParams: ([quorum, maxAge, maxSubmissionDelay], cause) =>
    new InvalidIndexParamsError({ quorum, maxAge, maxSubmissionDelay, cause }),
  InvalidDecimals: ([decimals], cause) => new InvalidDecimalsError({ decimals, cause }),
  InvalidCardinality: ([current, requested], cause) => new InvalidCardinalityError({ current, requested, cause }),
  InvalidPublisher: ([indexId, publisher], cause) => new InvalidPublisherError({ indexId, publisher, cause }),
  TooManyPublishers: ([indexId], cause) => new TooManyPublishersError({ indexId, cause }),
  IndexIsPaused: ([indexId], cause) => new IndexIsPausedError({ indexId, cause }),
  IndexFedExternally: ([indexId, feed], cause) => new IndexFedExternallyError({ indexId, feed, cause }),
  NoExternalFeed: ([indexId], cause) => new NoExternalFeedError({ indexId, cause }),
  QuorumNotMet: ([indexId, provided, quorum], cause) => new QuorumNotMetError({ indexId, provided, quorum, cause }),
  InvalidSignature: ([position], cause) => new InvalidSignatureError({ position, cause }),
  NotPublisher: ([indexId, signer], cause) => new NotPublisherError({ indexId, signer, cause }),
  SignersNotAscending: ([previous, signer], cause) => new SignersNotAscendingError({ previous, signer, cause }),
  ZeroPrice: ([position], cause) => new ZeroPriceError({ position, cause }),
  FutureTimestamp: ([timestamp, blockTimestamp], cause) =>
    new FutureTimestampError({ timestamp, blockTimestamp, cause }),
  StaleTimestamp: ([timestamp, oldestAllowed], cause) => new StaleTimestampError({ timestamp, oldestAllowed, cause }),
  TimestampNotIncreasing: ([timestamp, lastTimestamp], cause) =>
    new TimestampNotIncreasingError({ timestamp, lastTimestamp, cause }),
  MoveTooLarge: ([lastPrice, price, maxMoveBps], cause) =>
    new MoveTooLargeError({ lastPrice, price, maxMoveBps, cause }),
  InvalidFeedAnswer: ([answer], cause) => new InvalidFeedAnswerError({ answer, cause }),
  NoRounds: ([indexId], cause) => new NoRoundsError({ indexId, cause }),
  StaleIndex: ([indexId, lastTimestamp, age, maxAge], cause) =>
    new StaleIndexError({ indexId, lastTimestamp, age, maxAge, cause }),
  InvalidWindow: ([start, end], cause) => new InvalidWindowError({ start, end, cause }),
  TimeInFuture: ([time, blockTimestamp], cause) => new TimeInFutureError({ time, blockTimestamp, cause }),
  BeforeOldestRound: ([indexId, time, oldestTimestamp], cause) =>
    new BeforeOldestRoundError({ indexId, time, oldestTimestamp, cause }),
  RoundNotFound: ([indexId, roundId], cause) => new RoundNotFoundError({ indexId, roundId, cause }),
} as const satisfies ContractErrorFactories<typeof indexOracleAbi>;
