/**
 * The indexer killed (SIGKILL, no chance to clean up) at random points of its backfill, one in
 * each third of an uninterrupted run's, and restarted on the same schema each time; once it
 * finishes, every table must hold exactly what the uninterrupted run holds: no row lost, none
 * doubled, none different (row count and an md5 digest of each table's rows, in a stable order).
 * On the local PostgreSQL (each run its own schema); skipped with the reason when it is not there.
 */
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_INDEXES } from "../../scripts/deploy/indexes.js";
import { ACTIVITY_INDEX, generateActivity } from "../support/activity.js";
import { type LocalChain, startLocalChain, uniqueChainId } from "../support/localChain.js";
import { deployLocal, type LocalDeployment, submitHourlyRounds } from "../support/oracle.js";
import { waitForHead } from "../support/oracleChecks.js";
import { type PonderProcess, startPonder } from "../support/ponderProcess.js";
import {
  dropSchema,
  forgetLocalChain,
  postgresUnavailableReason,
  releaseSchemaLock,
  TEST_DATABASE_URL,
} from "../support/postgres.js";

/** Kills, one in each third of the uninterrupted run's backfill (from its HTTP server up to ready). */
const KILL_POINTS = 3;

let chain: LocalChain | undefined;
let local: LocalDeployment | undefined;
let skipReason: string | undefined;
const schemas: string[] = [];
const ponders = new Set<PonderProcess>();

function psql(sql: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("psql", [TEST_DATABASE_URL, "-X", "-q", "-A", "-t", "-c", sql], { timeout: 30_000 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout.trim()),
    );
  });
}

/** Every user table of `schema` (Ponder's own start with an underscore): row count and digest. */
async function digest(schema: string): Promise<Record<string, string>> {
  const tables = (
    await psql(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_%' ORDER BY 1`,
    )
  )
    .split("\n")
    .filter(Boolean);
  const result: Record<string, string> = {};
  for (const table of tables) {
    result[table] = await psql(
      `SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '-') FROM "${schema}"."${table}" t`,
    );
  }
  return result;
}

function start(schema: string): Promise<PonderProcess> {
  if (!chain || !local) throw new Error("no chain");
  return startPonder({
    schema,
    rpcUrl: chain.url,
    chainId: chain.chainId,
    deploymentsDir: local.deploymentsDir,
    databaseUrl: TEST_DATABASE_URL,
  }).then((ponder) => {
    ponders.add(ponder);
    return ponder;
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The last thing Ponder logged (its phase when killed). */
function lastMessage(ponder: PonderProcess): string {
  const lines = ponder.logs().trim().split("\n").reverse();
  for (const line of lines) {
    try {
      const { msg } = JSON.parse(line) as { msg?: string };
      if (msg) return msg.slice(0, 120);
    } catch {
      // not JSON
    }
  }
  return "(nothing logged)";
}

beforeAll(async () => {
  skipReason = await postgresUnavailableReason();
  if (skipReason) {
    console.log(`skipping: ${skipReason}`);
    return;
  }
  // A unique chain id: Ponder's raw-data cache in the shared database is keyed by it.
  chain = await startLocalChain({ chainId: uniqueChainId() });
  local = await deployLocal(chain, { indexes: DEFAULT_INDEXES.filter((index) => index.name === ACTIVITY_INDEX) });
  const started = Date.now();
  // Events for the backfill: hourly rounds, then trading.
  await submitHourlyRounds(chain, local, ACTIVITY_INDEX, 40, 2_000_000n);
  await generateActivity(chain, local, { rounds: 6 });
  console.log(`chain: head ${(await chain.head()).number} after ${Date.now() - started} ms of activity`);
}, 180_000);

afterAll(async () => {
  for (const ponder of ponders) await ponder.stop().catch(() => {});
  if (!skipReason && chain) {
    for (const schema of schemas) await dropSchema(schema).catch(() => {});
    await forgetLocalChain(chain.chainId).catch(() => {});
  }
  await chain?.close();
  if (local) await rm(local.deploymentsDir, { recursive: true, force: true });
});

describe("indexer killed during backfill", () => {
  it("restarts after every SIGKILL and ends with the same rows as an uninterrupted run", async (ctx) => {
    if (skipReason || !chain) return ctx.skip();
    const tag = `${process.pid}_${Date.now().toString(36)}`;

    // The reference: one uninterrupted run.
    const referenceSchema = `kr_ref_${tag}`;
    schemas.push(referenceSchema);
    const spawned = Date.now();
    const reference = await start(referenceSchema);
    const serverMs = Date.now() - spawned;
    const readyMs = await reference.waitReady(90_000);
    const backfillMs = Math.max(300, readyMs - serverMs);
    await waitForHead(reference, chain);
    await sleep(500);
    const expected = await digest(referenceSchema);
    await reference.stop();
    ponders.delete(reference);
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(10);
    const rows = Object.values(expected).reduce((sum, d) => sum + Number(d.split(" ")[0]), 0);
    console.log(
      `reference: listening after ${serverMs} ms, ready after ${readyMs} ms, ${Object.keys(expected).length} tables, ${rows} rows`,
    );
    expect(rows).toBeGreaterThan(100);

    // The same chain into a second schema, killed at random points along the way.
    const schema = `kr_kill_${tag}`;
    schemas.push(schema);
    const kills: string[] = [];
    let killedBackfilling = 0;
    for (let i = 0; i < KILL_POINTS; i++) {
      const ponder = await start(schema);
      // A random point in the i-th part of the backfill window (Ponder listens before it backfills).
      const delay = Math.floor((backfillMs * (i + Math.random())) / KILL_POINTS);
      await sleep(delay);
      const phase = lastMessage(ponder);
      const ready = (await ponder.get("/ready").catch(() => ({ status: 0 }))).status === 200;
      process.kill(ponder.pid, "SIGKILL");
      await ponder.stop();
      ponders.delete(ponder);
      expect(ponder.exitStatus()?.signal).toBe("SIGKILL");
      kills.push(`${delay} ms (${ready ? "ready" : "backfilling"}: ${phase})`);
      if (!ready) killedBackfilling++;
      // Ponder holds a lock on the schema with a heartbeat: a killed process never releases it.
      await releaseSchemaLock(schema).catch(() => {});
    }
    console.log(`killed at: ${kills.join("; ")}`);
    // At least one kill must have caught it mid-backfill (not ready yet), or the test proves little.
    expect(killedBackfilling, kills.join("; ")).toBeGreaterThan(0);

    const last = await start(schema);
    await last.waitReady(90_000);
    await waitForHead(last, chain);
    await sleep(500);
    const actual = await digest(schema);
    await last.stop();
    ponders.delete(last);
    expect(actual).toEqual(expected);
  }, 300_000);
});
