/**
 * Oracle publisher bot: provider quotes → index (`computeIndex`) → signed observation
 * (`signObservation`) → a coordinator gathers several publishers' observations for one fixing and
 * submits the round (`submitRound`: simulated first). Safe to run twice at once: a round someone
 * else published first is reported as `already-published`, never thrown.
 */
import {
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hash,
  type Hex,
  isAddressEqual,
  type Transport,
} from "viem";
import { getBlock } from "viem/actions";
import { getAction } from "viem/utils";
import { getIndexParams } from "../actions/public/getIndexParams.js";
import { getLatestRound } from "../actions/public/getLatestRound.js";
import { waitForRound } from "../actions/public/waitForRound.js";
import { signObservation } from "../actions/wallet/signObservation.js";
import { submitRound } from "../actions/wallet/submitRound.js";
import { AccountRequiredError } from "../errors/account.js";
import { ComputusContractError, ComputusError } from "../errors/base.js";
import { TimestampNotIncreasingError } from "../errors/oracle.js";
import { TransactionRevertedError } from "../errors/transaction.js";
import {
  type ComputeIndexOptions,
  computeIndex,
  type IndexComputation,
  type ProviderQuote,
} from "../math/indexMethod.js";
import type { PublisherObservation } from "../oracle/buildRound.js";
import { recoverObservationSigner } from "../oracle/compactSignature.js";
import { formatIndexId, toIndexId } from "../oracle/indexId.js";

/** Where a publisher gets raw provider quotes (an API, a scraper, a file; scripted in tests). */
export interface QuoteSource {
  /** The quotes for `indexName` as known at `now` (Unix seconds): the fixing time. */
  fetchQuotes(indexName: string, now: bigint): Promise<readonly ProviderQuote[]> | readonly ProviderQuote[];
}

/** One fixing to observe: an index and the round's time. */
export type ObservationRequest = {
  readonly indexName: string;
  readonly indexId: Hex;
  /** The round's fixing time, Unix seconds. */
  readonly timestamp: number;
};

/** What a publisher hands the coordinator: its signed observation, and how it got the price. */
export type ObservationReport = {
  readonly observation: PublisherObservation;
  /** The index computation behind the price (absent when the observation came from elsewhere). */
  readonly computation?: IndexComputation | undefined;
};

/**
 * A publisher as the coordinator sees it: something that returns a signed observation for a
 * fixing. `createPublisher` makes a local one; a remote publisher can be wrapped the same way
 * (fetch its JSON and `parseObservation` it).
 */
export interface ObservationProvider {
  /** A label for reports (the publisher's address for local ones). */
  readonly name: string;
  observe(request: ObservationRequest): Promise<ObservationReport>;
}

export type CreatePublisherParameters = {
  /** The oracle the observations are for. */
  oracle: Address;
  /** The oracle's chain id (signatures bind it). */
  chainId: number;
  /** The publisher's quotes. */
  source: QuoteSource;
  /** The index method's options (`computeIndex`), apart from `now`, which is the fixing time. */
  method: Omit<ComputeIndexOptions, "now">;
  /** The publisher's account; default the client's. */
  account?: Account | undefined;
};

/**
 * A local publisher: for each fixing, fetches quotes, computes the index at the fixing time and
 * signs the observation with its key. Needs no chain access (keys can stay on an offline host).
 * @throws {InsufficientQuotesError} from `observe` when too few quotes survive the filters.
 */
export function createPublisher<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  { oracle, chainId, source, method, account = client.account }: CreatePublisherParameters,
): ObservationProvider & { readonly address: Address } {
  if (!account) throw new AccountRequiredError({ action: "createPublisher" });
  return {
    name: account.address,
    address: account.address,
    async observe({ indexName, indexId, timestamp }) {
      const now = BigInt(timestamp);
      const quotes = await source.fetchQuotes(indexName, now);
      const computation = computeIndex(quotes, { ...method, now });
      const observation = await signObservation(client, {
        account,
        oracle,
        chainId,
        indexId,
        timestamp,
        price: computation.price,
      });
      return { observation, computation };
    },
  };
}

/** A publisher whose observation did not make the round, and why. */
export type ObservationFailure = { readonly publisher: string; readonly error: Error };

type Common = {
  readonly indexId: Hex;
  readonly indexName: string;
  readonly timestamp: number;
  /** Publishers that gave no usable observation (quotes too thin, a bad signature, offline …). */
  readonly failures: readonly ObservationFailure[];
};

export type PublishRoundResult =
  | (Common & {
      readonly status: "published";
      readonly roundId: number;
      /** The round's price (median of the observations, as recorded). */
      readonly price: bigint;
      readonly signers: readonly Address[];
      readonly hash: Hash;
    })
  | (Common & {
      readonly status: "skipped";
      /**
       * `already-published`: the index has a round at or after this time (someone else published
       * it, perhaps in a race just lost). `insufficient-observations`: fewer valid observations than
       * the quorum. `refused`: the oracle would refuse the round (move too large, paused, stale …),
       * see `error`.
       */
      readonly reason: "already-published" | "insufficient-observations" | "refused";
      /** A sentence for the log. */
      readonly message: string;
      readonly error?: Error | undefined;
    });

export type PublishRoundParameters = {
  oracle: Address;
  /** The index's name (its id is `toIndexId(name)`). */
  indexName: string;
  /** The fixing time, Unix seconds. */
  timestamp: number;
  publishers: readonly ObservationProvider[];
  /** Send as the guardian, accepting a move beyond `maxMoveBps`. */
  confirmed?: boolean | undefined;
  /** Wait for the transaction's receipt (and report a revert). Default true. */
  wait?: boolean | undefined;
  /**
   * The block the round is simulated against. Default `"pending"`: the round lands in the next
   * block, whose timestamp the oracle compares the fixing with (with `"latest"`, a fixing newer than
   * an idle chain's last block is refused as a future timestamp).
   */
  simulateAt?: "pending" | "latest" | undefined;
};

/**
 * The coordinator for one fixing: skips when the round exists already, gathers the publishers'
 * observations (checking each: same round, signature recovers to the signer, one per signer),
 * skips below the quorum, then simulates and sends the round. A round the oracle would refuse is
 * reported as skipped with its typed error (`MoveTooLargeError`, `IndexIsPausedError` …) and
 * costs no gas; a lost race (`TimestampNotIncreasing`, at simulation or on-chain) is
 * `already-published`. Only transport failures throw.
 */
export async function publishRound<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  {
    oracle,
    indexName,
    timestamp,
    publishers,
    confirmed = false,
    wait = true,
    simulateAt = "pending",
  }: PublishRoundParameters,
): Promise<PublishRoundResult> {
  const indexId = toIndexId(indexName);
  const failures: ObservationFailure[] = [];
  const common = () => ({ indexId, indexName, timestamp, failures });
  const skip = (
    reason: "already-published" | "insufficient-observations" | "refused",
    message: string,
    error?: Error,
  ) => ({ ...common(), status: "skipped", reason, message, error }) as const;
  const alreadyPublished = async (error?: Error) => {
    const latest = await getLatestRound(client, { oracle, indexId });
    if (latest === null || latest.timestamp < timestamp) return undefined;
    return skip(
      "already-published",
      `${indexName} already has round #${latest.roundId} at ${latest.timestamp} (≥ ${timestamp}).`,
      error,
    );
  };

  const [before, params] = await Promise.all([alreadyPublished(), getIndexParams(client, { oracle, indexId })]);
  if (before) return before;

  const request: ObservationRequest = { indexName, indexId, timestamp };
  const settled = await Promise.allSettled(publishers.map((publisher) => publisher.observe(request)));
  const observations: PublisherObservation[] = [];
  for (const [i, outcome] of settled.entries()) {
    const publisher = (publishers[i] as ObservationProvider).name;
    if (outcome.status === "rejected") {
      failures.push({ publisher, error: toError(outcome.reason) });
      continue;
    }
    const problem = await checkObservation(outcome.value.observation, { oracle, indexId, timestamp }, observations);
    if (problem) failures.push({ publisher, error: new Error(problem) });
    else observations.push(outcome.value.observation);
  }
  if (observations.length < params.quorum) {
    return skip(
      "insufficient-observations",
      `${indexName} at ${timestamp}: ${observations.length} valid observation(s), the quorum is ${params.quorum}.`,
    );
  }

  let submitted: Awaited<ReturnType<typeof submitRound>>;
  try {
    submitted = await submitRound(client, {
      oracle,
      indexId,
      timestamp,
      observations,
      confirmed,
      blockTag: simulateAt,
    });
  } catch (error) {
    if (error instanceof TimestampNotIncreasingError) {
      return (await alreadyPublished(error)) ?? skip("refused", error.shortMessage, error);
    }
    if (error instanceof ComputusContractError) return skip("refused", error.shortMessage, error);
    throw error;
  }
  let recorded = { roundId: submitted.roundId, price: submitted.round.price, signers: submitted.round.signers };
  if (wait) {
    try {
      recorded = (await waitForRound(client, { oracle, hash: submitted.hash })).round;
    } catch (error) {
      if (!(error instanceof TransactionRevertedError)) throw error;
      return (await alreadyPublished(error)) ?? skip("refused", error.shortMessage, error);
    }
  }
  return {
    ...common(),
    status: "published",
    roundId: recorded.roundId,
    price: recorded.price,
    signers: recorded.signers,
    hash: submitted.hash,
  };
}

/** Why an observation cannot be in this round, or undefined when it can. */
async function checkObservation(
  observation: PublisherObservation,
  round: { oracle: Address; indexId: Hex; timestamp: number },
  accepted: readonly PublisherObservation[],
): Promise<string | undefined> {
  if (!isAddressEqual(observation.oracle, round.oracle))
    return `observation for another oracle (${observation.oracle})`;
  if (observation.indexId.toLowerCase() !== round.indexId.toLowerCase()) {
    return `observation for another index (${formatIndexId(observation.indexId)})`;
  }
  if (observation.timestamp !== round.timestamp) return `observation for another time (${observation.timestamp})`;
  const signer = await recoverObservationSigner(observation).catch(() => undefined);
  if (signer === undefined || !isAddressEqual(signer, observation.signer)) {
    return `signature does not recover to ${observation.signer}`;
  }
  if (accepted.some((other) => isAddressEqual(other.signer, signer))) return `second observation from ${signer}`;
  if (accepted.length > 0 && (accepted[0] as PublisherObservation).chainId !== observation.chainId) {
    return `observation for another chain (${observation.chainId})`;
  }
  return undefined;
}

function toError(reason: unknown): Error {
  if (reason instanceof ComputusError) return reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}

/** The latest fixing time at or before `now`: fixings are every `interval` seconds from `offset` (UTC). */
export function latestFixing(now: number, interval: number, offset = 0): number {
  if (!Number.isSafeInteger(interval) || interval <= 0) throw new RangeError("latestFixing: interval must be > 0");
  return Math.floor((now - offset) / interval) * interval + offset;
}

export type RunPublisherBotParameters = Omit<PublishRoundParameters, "indexName" | "timestamp"> & {
  /** The indexes to publish, by name. */
  indexNames: readonly string[];
  /** Seconds between fixings (3 600 for hourly). */
  interval: number;
  /** Fixings are at `offset` + k × `interval`. Default 0. */
  offset?: number | undefined;
  /** Seconds to wait after a fixing before publishing it (let quotes arrive). Default 0. */
  delay?: number | undefined;
  /** Called with each round's result. */
  onResult?: ((result: PublishRoundResult) => void | Promise<void>) | undefined;
  /** Stops the loop. */
  signal?: AbortSignal | undefined;
  /**
   * The current time in Unix seconds. Default: the later of the system clock and the latest
   * block's timestamp (an idle local chain mines no blocks, so its latest block's time stalls; a
   * test chain moved ahead runs ahead of the system clock). On a live chain set `delay` to at least
   * a block time, so that the fixing is not newer than the block the simulation runs against.
   */
  now?: (() => Promise<number>) | undefined;
  /** Waits `seconds` (or until aborted). Default: a timer. */
  sleep?: ((seconds: number, signal?: AbortSignal) => Promise<void>) | undefined;
};

/**
 * Runs the coordinator for each fixing until `signal` aborts: publishes every index at the latest
 * fixing once `delay` has passed, then sleeps until the next. A round that fails to publish is
 * reported through `onResult` (never thrown); a failing RPC throws out of the loop.
 */
export async function runPublisherBot<chain extends Chain | undefined, account extends Account | undefined>(
  client: Client<Transport, chain, account>,
  parameters: RunPublisherBotParameters,
): Promise<void> {
  const { indexNames, interval, offset = 0, delay = 0, onResult, signal, ...round } = parameters;
  const now =
    parameters.now ??
    (async () =>
      Math.max(Math.floor(Date.now() / 1000), Number((await getAction(client, getBlock, "getBlock")({})).timestamp)));
  const sleep = parameters.sleep ?? defaultSleep;
  let done = Number.NEGATIVE_INFINITY;
  while (!signal?.aborted) {
    const fixing = latestFixing((await now()) - delay, interval, offset);
    if (fixing > done) {
      for (const indexName of indexNames) {
        if (signal?.aborted) return;
        const result = await publishRound(client, { ...round, indexName, timestamp: fixing });
        await onResult?.(result);
      }
      done = fixing;
    }
    // From the clock after publishing: publishing takes time, and oversleeping would skip a fixing.
    const after = await now();
    await sleep(Math.max(1, fixing + interval + delay - after), signal);
  }
}

function defaultSleep(seconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, seconds * 1000);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
