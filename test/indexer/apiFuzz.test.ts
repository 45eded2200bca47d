/**
 * The indexer's HTTP API fed malformed requests: every REST route declared in indexer/src/api
 * (read from the source, so new routes are fuzzed too) with random, huge, negative, unicode,
 * percent-garbled, path-traversing and SQL-ish path segments and query values, repeated and
 * missing query parameters and other methods; GraphQL and SQL-over-HTTP with garbage bodies.
 * Never a 500, never a crash: a 4xx under /api carries a JSON `{ error }` message, and the process
 * keeps answering. Requests go out raw (node:http) so that `..` and bad escapes reach the server
 * as typed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_INDEXES } from "../../scripts/deploy/indexes.js";
import { toIndexId } from "../../sdk/src/oracle/indexId.js";
import { ACTIVITY_INDEX, generateActivity } from "../support/activity.js";
import { type LocalChain, startLocalChain } from "../support/localChain.js";
import { deployLocal, type LocalDeployment } from "../support/oracle.js";
import { waitForHead } from "../support/oracleChecks.js";
import { INDEXER_DIR, type PonderProcess, startPonder } from "../support/ponderProcess.js";

const API_DIR = join(INDEXER_DIR, "src/api");

/** `/api/...` route templates (`/api/markets/:id/book`), read from the Hono route tables. */
function restRoutes(): string[] {
  const index = readFileSync(join(API_DIR, "index.ts"), "utf8");
  const mounts = [...index.matchAll(/\.route\("([^"]*)",\s*(\w+)\)/g)].map(([, prefix, name]) => ({
    prefix: prefix === "/" ? "" : (prefix as string),
    name: name as string,
  }));
  const tables = new Map<string, string[]>();
  for (const file of readdirSync(API_DIR).filter((f) => f.endsWith(".ts"))) {
    const source = readFileSync(join(API_DIR, file), "utf8");
    for (const [, name, body] of source.matchAll(/export const (\w+) = new Hono\(\)([\s\S]*?)(?=\nexport |\n\S|$)/g)) {
      const paths = [...(body as string).matchAll(/\.(?:get|post|put|delete|all)\("([^"]*)"/g)].map(
        (m) => m[1] as string,
      );
      tables.set(name as string, paths);
    }
  }
  return mounts.flatMap(({ prefix, name }) =>
    (tables.get(name) ?? []).map((path) => `/api${prefix}${path === "/" ? "" : path}` || "/api"),
  );
}

/** Every query parameter any route reads. */
function queryNames(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(API_DIR).filter((f) => f.endsWith(".ts"))) {
    const source = readFileSync(join(API_DIR, file), "utf8");
    for (const [, name] of source.matchAll(/\.query\("(\w+)"\)/g)) names.add(name as string);
  }
  names.add("rounds"); // verify.ts reads it through a parameter
  return [...names];
}

const ROUTES = restRoutes();
const QUERY_NAMES = queryNames();

let chain: LocalChain;
let local: LocalDeployment;
let ponder: PonderProcess;
let pgliteDir: string;

type Answer = { status: number; contentType: string; body: string };

/** One raw HTTP request: the path is sent exactly as given. */
function send(method: string, path: string, body?: string, contentType = "application/json"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: ponder.port,
        method,
        path,
        headers: body === undefined ? {} : { "content-type": contentType, "content-length": Buffer.byteLength(body) },
        timeout: 15_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, contentType: String(res.headers["content-type"] ?? ""), body: text }),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${path}: no answer within 15 s`)));
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A valid-looking value sometimes (so routes get past their first check), else garbage. */
const NASTY = [
  "",
  "0",
  "-1",
  "-0",
  "1.5",
  "1e3",
  "0x10",
  " 1",
  "1 ",
  "+1",
  "00001",
  "NaN",
  "Infinity",
  "9".repeat(20),
  "9".repeat(79),
  "18446744073709551616",
  "4294967296",
  "2147483648",
  "65536",
  "9".repeat(75),
  "1".repeat(75),
  `0x${"0".repeat(64)}`,
  `0x${"f".repeat(64)}`,
  `0X${"A".repeat(64)}`,
  "0x000000000000000000000000000000000000dEaD",
  "0x000000000000000000000000000000000000DeAd",
  `0x${"g".repeat(40)}`,
  "..",
  "../..",
  "..%2f..%2f..%2fetc%2fpasswd",
  "%2e%2e",
  "%00",
  "%",
  "%zz",
  "%E0%A4%A",
  "%C0%AF",
  "%FF",
  "'; DROP TABLE markets; --",
  "1 OR 1=1",
  "1' OR '1'='1",
  "$1",
  "\\x00",
  "💥",
  "Ω≈ç√",
  "\u202e",
  "ＨＸ",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "1m",
  "1h",
  "1d",
  "open",
  "filled",
  "x".repeat(3_000),
];

function validFor(param: string, maker: string): string[] {
  switch (param) {
    case "index":
      return [ACTIVITY_INDEX, toIndexId(ACTIVITY_INDEX), "H200-USD-HR"];
    case "id":
      return ["1", "2", "65535"];
    case "roundId":
      return ["1", "2", "3"];
    case "address":
      return [maker, "0x0000000000000000000000000000000000000001"];
    default:
      return ["1"];
  }
}

/** A value as it goes into a URL: percent-encoded, or raw (then only characters Node sends). */
const urlValue = (candidates: readonly string[]) =>
  fc
    .tuple(
      fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(...candidates) },
        { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
        { weight: 2, arbitrary: fc.string({ maxLength: 30, unit: "grapheme" }) },
        { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 300n), max: 2n ** 300n }).map(String) },
      ),
      fc.boolean(),
    )
    .map(([v, raw]) => (raw && /^[\x21-\x7e]*$/.test(v) && !/[?#]/.test(v) ? v : encodeURIComponent(v)));

let maker = "";

/** A query as `@ponder/client` sends it (superjson's envelope). */
const sqlEnvelope = (sql: string, params: unknown[] = []) => JSON.stringify({ json: { sql, params } });

function pathArbitrary() {
  return fc
    .constantFrom(...ROUTES)
    .chain((template) => {
      const params = [...template.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
      return fc.tuple(
        fc.constant(template),
        fc.tuple(...params.map((p) => urlValue(validFor(p, maker)))),
        fc.array(fc.tuple(fc.constantFrom(...QUERY_NAMES, "x", "limit[]", ""), urlValue(["1", "10", "1000"])), {
          maxLength: 5,
        }),
      );
    })
    .map(([template, values, query]) => {
      let i = 0;
      const path = template.replace(/:(\w+)/g, () => values[i++] ?? "");
      const search = query.map(([k, v]) => `${k}=${v}`).join("&");
      return search === "" ? path : `${path}?${search}`;
    });
}

function check(method: string, path: string, answer: Answer) {
  const label = `${method} ${path.slice(0, 200)} → ${answer.status} ${answer.body.slice(0, 300)}`;
  expect(answer.status, label).toBeGreaterThanOrEqual(200);
  expect(answer.status, label).toBeLessThan(500);
  if (answer.status >= 400 && method !== "HEAD") {
    expect(answer.contentType, label).toMatch(/application\/json/);
    const parsed = JSON.parse(answer.body) as { error?: unknown };
    expect(typeof parsed.error, label).toBe("string");
    expect((parsed.error as string).length, label).toBeGreaterThan(0);
    // Echoed input is cut short: a 3,000-character value does not come back whole.
    expect(answer.body.length, label).toBeLessThan(2_000);
  }
}

beforeAll(async () => {
  chain = await startLocalChain();
  local = await deployLocal(chain, { indexes: DEFAULT_INDEXES.filter((index) => index.name === ACTIVITY_INDEX) });
  await generateActivity(chain, local, { rounds: 3 });
  const wallets = await chain.viem.getWalletClients();
  maker = (wallets[6]?.account?.address ?? "").toLowerCase();
  pgliteDir = await mkdtemp(join(tmpdir(), "computus-fuzz-pglite-"));
  ponder = await startPonder({
    schema: `fuzz_${process.pid}`,
    rpcUrl: chain.url,
    chainId: chain.chainId,
    deploymentsDir: local.deploymentsDir,
    pgliteDir,
  });
  await ponder.waitReady(90_000);
  await waitForHead(ponder, chain);
}, 150_000);

afterAll(async () => {
  await ponder?.stop();
  await chain?.close();
  if (pgliteDir) await rm(pgliteDir, { recursive: true, force: true });
  if (local) await rm(local.deploymentsDir, { recursive: true, force: true });
});

describe("indexer API under malformed input", () => {
  it("reads every REST route from the source", () => {
    expect(ROUTES).toContain("/api/markets/:id/book");
    expect(ROUTES).toContain("/api/indexes/:index/rounds/:roundId");
    expect(ROUTES.length).toBeGreaterThanOrEqual(20);
    console.log(`fuzzing ${ROUTES.length} routes, query parameters ${QUERY_NAMES.join(", ")}`);
  });

  it("GET on every route with malformed segments and query: never a 500, a 4xx has a JSON message", async () => {
    const started = Date.now();
    let count = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(pathArbitrary(), async (path) => {
        const answer = await send("GET", path);
        count++;
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        check("GET", path, answer);
      }),
      { numRuns: 400 },
    );
    console.log(`${count} requests in ${Date.now() - started} ms: ${JSON.stringify(Object.fromEntries(statuses))}`);
  }, 120_000);

  it("raw traversal, bad escapes, odd methods and bodies under /api: a 4xx with a JSON message", async () => {
    const fixed: [string, string][] = [
      ["GET", "/api/indexes/../../../../etc/passwd"],
      ["GET", "/api/indexes/..%2f..%2f..%2fetc%2fpasswd"],
      ["GET", "/api/markets/%FF"],
      ["GET", "/api/markets/%"],
      ["GET", "/api/accounts/%E0%A4%A"],
      ["GET", "/api/indexes/%00/rounds"],
      ["GET", "/api/markets/1/orders?owner=%ZZ"],
      ["GET", "/api/markets/1/trades?limit=1&limit=2&limit=abc"],
      ["GET", "/api/trades?before=%FF"],
      ["GET", "/api//markets//1//book"],
      ["GET", "/api/markets/1/book?depth"],
      ["GET", "/api/markets/1?__proto__[x]=1"],
      ["GET", `/api/indexes/${"A".repeat(8_000)}`],
      ["GET", `/api/markets/1/candles?${"from=1&".repeat(500)}`],
    ];
    for (const [method, path] of fixed) check(method, path, await send(method, path));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND"),
        pathArbitrary(),
        fc.option(fc.oneof(fc.json(), fc.string({ maxLength: 200 })), { nil: undefined }),
        async (method, path, body) => {
          const answer = await send(method, path, method === "HEAD" || method === "TRACE" ? undefined : body);
          check(method, path, answer);
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);

  it("GraphQL with garbage: never a 500", async () => {
    const bodies = fc.oneof(
      fc.json(),
      fc.string({ maxLength: 300 }),
      fc.constantFrom(
        '{"query":"{ __typename"}',
        '{"query":"{ markets(limit: -1) { items { id } } }"}',
        '{"query":"{ markets(limit: 99999999999) { items { id } } }"}',
        '{"query":"{ markets(where: {id: \\"abc\\"}) { items { id } } }"}',
        '{"query":"{ nothing }"}',
        '{"query": 5}',
        `{"query":"{ ${"a { ".repeat(200)}"}`,
      ),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const answer = await send("POST", "/graphql", body);
        const label = `POST /graphql ${body.slice(0, 200)} → ${answer.status} ${answer.body.slice(0, 300)}`;
        expect(answer.status, label).toBeLessThan(500);
      }),
      { numRuns: 80 },
    );
  }, 60_000);

  it("SQL over HTTP with garbage: a 4xx with a JSON message, never a 500", async () => {
    const sqlPaths = fc.oneof(
      fc.constantFrom(
        "/sql/db?sql=%7B%7D",
        "/sql/db?sql=0",
        "/sql/db?sql=not-json",
        `/sql/db?sql=${encodeURIComponent(sqlEnvelope("DROP TABLE markets"))}`,
        `/sql/db?sql=${encodeURIComponent(sqlEnvelope("SELECT * FROM no_such_table"))}`,
        `/sql/db?sql=${encodeURIComponent(sqlEnvelope("SELECT 1; SELECT 2"))}`,
        `/sql/db?sql=${encodeURIComponent(sqlEnvelope("SELECT pg_sleep(1)"))}`,
        `/sql/db?sql=${encodeURIComponent(sqlEnvelope("SELECT $1::int", ["x"]))}`,
        `/sql/db?sql=${encodeURIComponent(JSON.stringify({ json: { sql: "select 1" }, meta: { values: { sql: ["Date"] } } }))}`,
        `/sql/live?sql=${encodeURIComponent(sqlEnvelope("DELETE FROM markets"))}`,
        "/sql/db",
        "/sql/live",
        "/sql/nothing",
        "/sql/%FF",
      ),
      urlValue(["db"]).map((v) => `/sql/db?sql=${v}`),
      fc.json().map((v) => `/sql/db?sql=${encodeURIComponent(v)}`),
      fc.string({ maxLength: 60 }).map((v) => `/sql/db?sql=${encodeURIComponent(sqlEnvelope(v))}`),
    );
    await fc.assert(
      fc.asyncProperty(sqlPaths, fc.constantFrom("GET", "GET", "POST"), async (path, method) => {
        const answer = await send(method, path, method === "POST" ? "{}" : undefined);
        if (answer.status !== 200) check(method, path, answer);
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it("refused live queries do not use up the live-query slots (Ponder allows 1,000)", async () => {
    const refused = `/sql/live?sql=${encodeURIComponent(sqlEnvelope("DELETE FROM markets"))}`;
    const started = Date.now();
    const answers: Answer[] = [];
    for (let batch = 0; batch < 1_010; batch += 50) {
      answers.push(...(await Promise.all(Array.from({ length: 50 }, () => send("GET", refused)))));
    }
    console.log(`1,050 refused live queries in ${Date.now() - started} ms`);
    // A valid live query is still served: the event stream opens.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: ponder.port,
          path: `/sql/live?sql=${encodeURIComponent(sqlEnvelope('SELECT count(*) FROM "markets"'))}`,
        },
        (res) => {
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(200);
    for (const answer of answers) check("GET", refused, answer);
  }, 60_000);

  it("still answers, with the same data, after all of it", async () => {
    expect(ponder.exitStatus()).toBeUndefined();
    expect(ponder.logs()).not.toMatch(/"internal error"|Unhandled|uncaught/i);
    const health = await send("GET", "/health");
    expect(health.status).toBe(200);
    const markets = await send("GET", "/api/markets/1/trades");
    expect(markets.status).toBe(200);
    expect((JSON.parse(markets.body) as { trades: unknown[] }).trades.length).toBe(3);
    const table = await send("GET", "/api/indexes");
    expect(table.status).toBe(200);
  });
});
