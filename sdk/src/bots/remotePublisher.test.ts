/**
 * Remote publishers: a publisher served over HTTP (`createPublisherHandler` + `servePublisher`)
 * joins a round the coordinator publishes on the in-process chain; refusals and tampering are
 * reported, not published.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidObservationError } from "../errors/observation.js";
import { computeIndex, type ProviderQuote } from "../math/indexMethod.js";
import { medianDown } from "../math/median.js";
import { servePublisher } from "../node.js";
import { deployLocal, type LocalChain } from "../testing/localChain.js";
import { createPublisher, type ObservationProvider, publishRound, type QuoteSource } from "./publisher.js";
import { createPublisherHandler, RemotePublisherError, remotePublisher } from "./remotePublisher.js";

const H100 = "H100-SXM-USD-HR";
const METHOD = { maxQuoteAge: 86_400n } as const;

/** Publisher p's quotes: four providers a little apart, shifted by p. */
const quotesOf = (p: number, now: bigint): ProviderQuote[] =>
  [0n, 1n, 2n, 3n].map((k) => ({
    provider: `provider-${k}`,
    price: 2_000_000n + BigInt(p) * 7_000n + k * 3_000n,
    weight: 100n,
    timestamp: now - 30n,
  }));
const sourceOf = (p: number): QuoteSource => ({ fetchQuotes: (_name, now) => quotesOf(p, now) });

let local: LocalChain;
let served: Awaited<ReturnType<typeof servePublisher>>;
let publishers: ObservationProvider[];

const chainNow = async () => local.networkHelpers.time.latest();

beforeAll(async () => {
  local = await deployLocal();
  const make = (p: number) =>
    createPublisher(local.publisherClients[p] as LocalChain["publisherClients"][number], {
      oracle: local.deployment.contracts.IndexOracle.address,
      chainId: local.deployment.chainId,
      source: sourceOf(p),
      method: METHOD,
    });
  // Publisher 2 runs on "another host": only reachable over HTTP, with its own clock (the chain's here).
  served = await servePublisher(createPublisherHandler(make(2), { indexNames: [H100], now: chainNow }));
  publishers = [make(0), make(1), remotePublisher({ url: served.url, name: "carol" })];
}, 60_000);

afterAll(async () => {
  await served?.close();
});

describe("remote publishers", () => {
  it("joins a round over HTTP: the recorded median includes the remote publisher's index", async () => {
    const timestamp = (await chainNow()) + 30;
    await local.networkHelpers.time.increaseTo(timestamp);
    const result = await publishRound(local.submitter, {
      oracle: local.deployment.contracts.IndexOracle.address,
      indexName: H100,
      timestamp,
      publishers,
    });
    expect(result.failures).toEqual([]);
    expect(result.status).toBe("published");
    const expected = medianDown(
      [0, 1, 2].map((p) => computeIndex(quotesOf(p, BigInt(timestamp)), { ...METHOD, now: BigInt(timestamp) }).price),
    );
    expect(result.status === "published" && result.price).toBe(expected);
    expect(result.status === "published" && result.signers).toContain(local.publisherClients[2]?.account.address);
  });

  it("refuses fixings ahead of its clock or too old, and indexes it does not sign", async () => {
    const remote = remotePublisher({ url: served.url, name: "carol" });
    const now = await chainNow();
    const ask = (indexName: string, timestamp: number) =>
      remote.observe({ indexName, indexId: "0x", timestamp }).catch((error: unknown) => error);
    const future = await ask(H100, now + 3_600);
    expect(future).toBeInstanceOf(RemotePublisherError);
    expect((future as RemotePublisherError).status).toBe(422);
    expect((future as RemotePublisherError).shortMessage).toContain("ahead of this publisher's clock");
    expect(await ask(H100, now - 7_200)).toMatchObject({ status: 422 });
    expect(await ask("B200-USD-HR", now)).toMatchObject({ status: 404 });
    const unreachable = await remotePublisher({ url: "http://127.0.0.1:9", timeoutMs: 2_000 })
      .observe({ indexName: H100, indexId: "0x", timestamp: now })
      .catch((error: unknown) => error);
    expect(unreachable).toBeInstanceOf(RemotePublisherError);
  });

  it("drops a tampered observation (price changed in transit) and does not publish below the quorum", async () => {
    const tampering: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const body = (await response.json()) as { price: string };
      return new Response(JSON.stringify({ ...body, price: String(BigInt(body.price) + 1n) }), {
        status: response.status,
      });
    };
    const timestamp = (await chainNow()) + 30;
    await local.networkHelpers.time.increaseTo(timestamp);
    const result = await publishRound(local.submitter, {
      oracle: local.deployment.contracts.IndexOracle.address,
      indexName: H100,
      timestamp,
      publishers: [publishers[0], publishers[1], remotePublisher({ url: served.url, fetch: tampering })].filter(
        (p): p is ObservationProvider => p !== undefined,
      ),
    });
    expect(result).toMatchObject({ status: "skipped", reason: "insufficient-observations" });
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]?.error).toBeInstanceOf(InvalidObservationError);
  });
});
