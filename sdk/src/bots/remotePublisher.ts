/**
 * Publishers on other hosts: each publisher serves its signed observation over HTTP
 * (`createPublisherHandler`, a web-standard `Request → Response` handler; `servePublisher` in
 * `@computus/sdk/node` runs it on Node's http server), and the coordinator reaches it with
 * `remotePublisher(url)`, an `ObservationProvider` like a local one.
 *
 *   GET <url>/observation?index=H100-SXM-USD-HR&timestamp=1796212800
 *   200 → the observation as JSON (`observationToJson`); 4xx/5xx → { "error": { "name", "message" } }
 */
import { ComputusError } from "../errors/base.js";
import { InsufficientQuotesError } from "../math/errors.js";
import { toIndexId } from "../oracle/indexId.js";
import { observationToJson, parseObservation } from "../oracle/observationJson.js";
import type { ObservationProvider } from "./publisher.js";

/** A remote publisher refused, failed or could not be reached. */
export class RemotePublisherError extends ComputusError {
  readonly publisher: string;
  readonly status: number | undefined;
  constructor({
    publisher,
    status,
    reason,
    cause,
  }: { publisher: string; status?: number | undefined; reason: string; cause?: Error | undefined }) {
    super(`Publisher ${publisher}${status === undefined ? "" : ` (HTTP ${status})`}: ${reason}`, {
      name: "RemotePublisherError",
      cause,
    });
    this.publisher = publisher;
    this.status = status;
  }
}

export type RemotePublisherParameters = {
  /** The publisher's base URL (`https://publisher.example/computus`). */
  url: string;
  /** A label for reports. Default: the URL. */
  name?: string | undefined;
  /** Give up after this long. Default 10 s. */
  timeoutMs?: number | undefined;
  /** The fetch to use (a proxy, auth headers …). Default: the global one. */
  fetch?: typeof fetch | undefined;
};

/**
 * A publisher on another host, for `publishRound`: asks it for its observation of the fixing and
 * checks it (`parseObservation`: fields, and that the signature recovers to the claimed signer).
 */
export function remotePublisher({
  url,
  name = url,
  timeoutMs = 10_000,
  fetch: fetch_ = globalThis.fetch,
}: RemotePublisherParameters): ObservationProvider {
  const base = url.replace(/\/+$/, "");
  return {
    name,
    async observe({ indexName, timestamp }) {
      const query = new URLSearchParams({ index: indexName, timestamp: String(timestamp) });
      let response: Response;
      try {
        response = await fetch_(`${base}/observation?${query}`, { signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw new RemotePublisherError({ publisher: name, reason: "unreachable", cause: error as Error });
      }
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) {
        const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
        throw new RemotePublisherError({
          publisher: name,
          status: response.status,
          reason: typeof message === "string" ? message : response.statusText || "request failed",
        });
      }
      return { observation: await parseObservation(body) };
    },
  };
}

export type PublisherHandlerParameters = {
  /** The indexes this publisher signs, by name. Others are refused (404). */
  indexNames: readonly string[];
  /** The publisher's clock, Unix seconds. Default: the system clock. */
  now?: (() => number | Promise<number>) | undefined;
  /** Refuse fixings later than now + this (a coordinator must not get tomorrow's signature today). Default 60 s. */
  maxFutureSkew?: number | undefined;
  /** Refuse fixings older than this. Default 3 600 s. */
  maxAge?: number | undefined;
  /** Fixings must be multiples of this many seconds (3 600 for hourly). Default 1: any second. */
  interval?: number | undefined;
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const refuse = (status: number, name: string, message: string) => json(status, { error: { name, message } });

/**
 * A web-standard HTTP handler (`Request → Response`, for Node via `servePublisher`, Bun, Deno,
 * workers) serving `publisher`'s observations at `GET /observation?index=…&timestamp=…`. It signs
 * only its own indexes, and only fixings near its own clock: a coordinator cannot collect a
 * signature for a future fixing in advance, or re-price an old one.
 */
export function createPublisherHandler(
  publisher: ObservationProvider,
  {
    indexNames,
    now = () => Math.floor(Date.now() / 1000),
    maxFutureSkew = 60,
    maxAge = 3_600,
    interval = 1,
  }: PublisherHandlerParameters,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (request.method !== "GET" || url.pathname.replace(/\/+$/, "").split("/").pop() !== "observation") {
      return refuse(404, "NotFound", "only GET /observation?index=…&timestamp=… is served");
    }
    const indexName = url.searchParams.get("index") ?? "";
    const timestampText = url.searchParams.get("timestamp") ?? "";
    if (!indexNames.includes(indexName))
      return refuse(404, "UnknownIndex", `this publisher does not sign ${indexName}`);
    if (!/^\d{1,10}$/.test(timestampText)) return refuse(400, "BadRequest", "timestamp must be Unix seconds");
    const timestamp = Number(timestampText);
    const clock = await now();
    if (timestamp > clock + maxFutureSkew) {
      return refuse(422, "FutureFixing", `fixing ${timestamp} is ahead of this publisher's clock (${clock})`);
    }
    if (timestamp < clock - maxAge) return refuse(422, "OldFixing", `fixing ${timestamp} is older than ${maxAge} s`);
    if (timestamp % interval !== 0) return refuse(422, "NotAFixing", `fixings are every ${interval} s`);
    try {
      const { observation } = await publisher.observe({ indexName, indexId: toIndexId(indexName), timestamp });
      return json(200, observationToJson(observation));
    } catch (error) {
      if (error instanceof InsufficientQuotesError) return refuse(503, error.name, error.message);
      return refuse(
        500,
        "PublisherError",
        error instanceof ComputusError ? error.shortMessage : "the publisher failed",
      );
    }
  };
}
