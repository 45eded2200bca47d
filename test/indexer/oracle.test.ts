/**
 * End to end: a local chain, Computus deployed, the oracle fed and administered, the indexer
 * (`ponder start`) as a child process; its tables and REST routes must agree with the chain's
 * own views, on PGlite and on PostgreSQL, through a restart and through a reorg.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@ponder/client";
import { type Address, keccak256, stringToHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../indexer/ponder.schema.js";
import { DEFAULT_INDEXES, type IndexDefinition } from "../../scripts/deploy/indexes.js";
import { indexOracleAbi } from "../../sdk/src/generated/abis.js";
import { averagePriceDown } from "../../sdk/src/math/twap.js";
import { toIndexId } from "../../sdk/src/oracle/indexId.js";
import { type LocalChain, startLocalChain, uniqueChainId } from "../support/localChain.js";
import {
  deployLocal,
  type LocalDeployment,
  publisherAccounts,
  type SubmittedRound,
  submitHourlyRounds,
  submitRound,
} from "../support/oracle.js";
import { allRounds, compareOracle, type IndexView, type RoundView, waitForHead } from "../support/oracleChecks.js";
import { type PonderProcess, startPonder, waitFor } from "../support/ponderProcess.js";
import { dropSchema, forgetLocalChain, postgresUnavailableReason, TEST_DATABASE_URL } from "../support/postgres.js";

const H100 = "H100-SXM-USD-HR";
const H200 = "H200-USD-HR";
const B200 = "B200-USD-HR";
const POWER = "POWER-PJM-USD-MWH";
/** A tiny ring (3, grown to 4) so the test sees the ring wrap: old rounds leave the chain, not the indexer. */
const TINY = "TEST-TINY-RING";
const TINY_INDEX: IndexDefinition = {
  name: TINY,
  description: "test index with a three-round ring",
  methodologyURI: "docs/index-methodology.md",
  quorum: 2,
  maxMoveBps: 0,
  maxAge: 7_200,
  maxSubmissionDelay: 3_600,
  businessDaysOnly: false,
  ringCardinality: 3,
};

const RUN = `${process.pid}_${Date.now().toString(36)}`;
const timings: Record<string, number[]> = {};
const record = (name: string, ms: number) => {
  timings[name] = [...(timings[name] ?? []), ms];
};

let chain: LocalChain;
let local: LocalDeployment;
let h100Rounds: SubmittedRound[] = [];
const watched: Address[] = publisherAccounts.map((account) => account.address);
const tempDirs: string[] = [];
const ponders = new Set<PonderProcess>();

async function write(functionName: string, args: readonly unknown[]): Promise<void> {
  const [admin] = await chain.viem.getWalletClients();
  const client = await chain.viem.getPublicClient();
  const hash = await admin?.writeContract({
    address: local.oracle,
    abi: indexOracleAbi,
    // biome-ignore lint/suspicious/noExplicitAny: admin calls of every kind
    functionName: functionName as any,
    // biome-ignore lint/suspicious/noExplicitAny: as above
    args: args as any,
  });
  if (hash === undefined) throw new Error("no admin wallet");
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${functionName} reverted`);
}

/** Every kind of administrative event, so every handler runs. */
async function administer(): Promise<void> {
  const id = (name: string) => toIndexId(name);
  const [, , , fourth, fifth] = watched;
  await write("addPublisher", [id(H100), fourth]);
  await write("addPublisher", [id(H100), fifth]);
  await write("removePublisher", [id(H100), fourth]);
  await write("setIndexParams", [
    id(H200),
    { quorum: 2, maxMoveBps: 2_000, maxAge: 7_200, maxSubmissionDelay: 3_600, businessDaysOnly: false },
  ]);
  await write("setMethodology", [id(B200), "ipfs://b200-methodology-v2", keccak256(stringToHex("v2"))]);
  await write("setPaused", [id(B200), true]);
  await write("setPaused", [id(B200), false]);
  await write("setPaused", [id(B200), true]);
  // The power index is fed from an external Chainlink-style feed: its round has no signers.
  const feed = await chain.viem.deployContract("MockAggregatorV3", [8, "PJM West day-ahead"]);
  const now = (await chain.head()).timestamp;
  await feed.write.setAnswer([4_512_345_678n, now]);
  await write("setExternalFeed", [id(POWER), feed.address]);
  await write("pullFromFeed", [id(POWER)]);
}

async function startIndexer(backend: "pglite" | "postgres", schemaName: string, pgliteDir?: string) {
  const ponder = await startPonder({
    schema: schemaName,
    rpcUrl: chain.url,
    chainId: chain.chainId,
    deploymentsDir: local.deploymentsDir,
    databaseUrl: backend === "postgres" ? TEST_DATABASE_URL : undefined,
    pgliteDir,
  });
  ponders.add(ponder);
  return ponder;
}

async function expectInSync(ponder: PonderProcess): Promise<void> {
  const { block } = await waitForHead(ponder, chain);
  // The head is processed; the rows must now equal the chain's views at that block.
  const mismatches = await compareOracle(ponder, chain, local.oracle, watched, block);
  const shown = JSON.stringify(mismatches.slice(0, 5), (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  expect(mismatches, shown).toEqual([]);
}

beforeAll(async () => {
  const started = Date.now();
  chain = await startLocalChain({ chainId: uniqueChainId() });
  local = await deployLocal(chain, { indexes: [...DEFAULT_INDEXES, TINY_INDEX] });
  await administer();
  h100Rounds = await submitHourlyRounds(chain, local, H100, 6);
  // A 20 % move needs the guardian's confirmation.
  const last = h100Rounds[h100Rounds.length - 1] as SubmittedRound;
  const jump = (last.price * 120n) / 100n;
  h100Rounds.push(await submitRound(chain, local, { indexName: H100, prices: [jump, jump, jump], confirmed: true }));
  await submitHourlyRounds(chain, local, H200, 3, 3_050_000n, 7);
  // TINY: two rounds, grow the ring to 4, three more: the ring grows at its end, then wraps.
  await submitHourlyRounds(chain, local, TINY, 2, 1_000_000n, 3);
  await write("growRing", [toIndexId(TINY), 4]);
  await submitHourlyRounds(chain, local, TINY, 3, 1_000_000n, 4);
  record("chain setup", Date.now() - started);
}, 60_000);

afterAll(async () => {
  for (const ponder of ponders) await ponder.stop();
  await chain?.close();
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
  if (local !== undefined) await rm(local.deploymentsDir, { recursive: true, force: true });
  const lines = Object.entries(timings).map(([name, values]) => `  ${name.padEnd(28)} ${values.join(", ")} ms`);
  console.log(`indexer e2e timings:\n${lines.join("\n")}`);
});

const postgresSkip = await postgresUnavailableReason();
if (postgresSkip !== undefined) console.warn(`Skipping the PostgreSQL indexer tests: ${postgresSkip}`);

describe.each([
  { backend: "pglite" as const, skip: undefined },
  { backend: "postgres" as const, skip: postgresSkip },
])("indexer on $backend", ({ backend, skip }) => {
  const schemaName = `computus_e2e_${backend}_${RUN}`.slice(0, 45);
  let pgliteDir: string | undefined;
  let ponder: PonderProcess;

  beforeAll(async () => {
    if (skip !== undefined) return;
    if (backend === "pglite") {
      pgliteDir = await mkdtemp(join(tmpdir(), "computus-pglite-"));
      tempDirs.push(pgliteDir);
    }
    ponder = await startIndexer(backend, schemaName, pgliteDir);
    record(`${backend}: ready`, await ponder.waitReady());
  }, 90_000);

  afterAll(async () => {
    if (skip !== undefined) return;
    await ponder?.stop();
    if (backend === "postgres") {
      await dropSchema(schemaName);
      await forgetLocalChain(chain.chainId);
    }
  });

  it.skipIf(skip !== undefined)(
    "indexes every oracle event and agrees with the chain's views",
    async () => {
      const { ms } = await waitForHead(ponder, chain);
      record(`${backend}: head after ready`, ms);
      await expectInSync(ponder);

      const { body } = await ponder.get<{ indexes: IndexView[] }>("/api/indexes");
      const byName = new Map(body.indexes.map((index) => [index.name, index]));
      expect([...byName.keys()].sort()).toEqual([B200, H100, H200, POWER, TINY].sort());
      expect(byName.get(B200)).toMatchObject({ paused: true, methodologyUri: "ipfs://b200-methodology-v2" });
      expect(byName.get(H200)).toMatchObject({ quorum: 2, maxMoveBps: 2_000, maxAge: "7200" });
      expect(byName.get(POWER)?.externalFeed).not.toBeNull();
      expect(byName.get(TINY)).toMatchObject({ ringCardinality: 4, ringCardinalityNext: 4, latestRingIndex: 0 });

      const h100 = await allRounds(ponder, H100);
      expect(h100.map((r) => r.price)).toEqual(h100Rounds.map((r) => r.price.toString()));
      expect(h100.slice(0, 7).map((r) => r.guardianConfirmed)).toEqual([
        false,
        false,
        false,
        false,
        false,
        false,
        true,
      ]);
      const first = h100[0] as RoundView;
      expect(first.signers).toHaveLength(3);
      expect([...first.signers].sort()).toEqual(first.signers);
      const power = await allRounds(ponder, POWER);
      expect(power).toMatchObject([{ roundId: 1, price: "45123456", signers: [], prices: [] }]);

      // The ring of TINY no longer holds round 1; the indexer still serves it.
      const tiny = await allRounds(ponder, TINY);
      expect(tiny.map((r) => r.roundId)).toEqual([1, 2, 3, 4, 5]);

      const changes = await ponder.get<{ changes: { kind: string }[] }>(`/api/indexes/${H100}/changes?limit=1000`);
      expect(changes.body.changes.map((c) => c.kind).reverse()).toEqual([
        "registered",
        "ring_grown",
        "publisher_added",
        "publisher_added",
        "publisher_added",
        "publisher_added",
        "publisher_added",
        "publisher_removed",
      ]);
    },
    30_000,
  );

  it.skipIf(skip !== undefined)(
    "computes averages equal to the oracle's averagePrice at the indexed block",
    async () => {
      const { block } = await waitForHead(ponder, chain);
      const head = await chain.head();
      const t = h100Rounds.map((r) => r.timestamp);
      const [t0, t1, t2, t3] = t as [number, number, number, number];
      const tLast = t[t.length - 1] as number;
      const windows: [number, number][] = [
        [t0, Number(head.timestamp)],
        [t0 + 1_800, t3 + 10],
        [t1, t1 + 1],
        [t0, tLast],
        [t2 - 1, tLast + 5],
        [tLast, Number(head.timestamp)],
      ];
      const client = await chain.viem.getPublicClient();
      for (const [from, to] of windows) {
        const { status, body } = await ponder.get<{ average: string; asOf: { blockNumber: string } }>(
          `/api/indexes/${H100}/average?from=${from}&to=${to}`,
        );
        expect(status, JSON.stringify(body)).toBe(200);
        expect(BigInt(body.asOf.blockNumber)).toBeGreaterThanOrEqual(block);
        const onChain = await client.readContract({
          address: local.oracle,
          abi: indexOracleAbi,
          functionName: "averagePrice",
          args: [toIndexId(H100), BigInt(from), BigInt(to)],
          blockNumber: BigInt(body.asOf.blockNumber),
        });
        expect(body.average, `window [${from}, ${to}]`).toBe(onChain.toString());
      }

      // Before the oldest round the ring holds, the chain cannot answer; the indexer can.
      const tiny = await allRounds(ponder, TINY);
      const [r1, r2] = tiny as [RoundView, RoundView];
      await expect(
        client.readContract({
          address: local.oracle,
          abi: indexOracleAbi,
          functionName: "averagePrice",
          args: [toIndexId(TINY), BigInt(r1.timestamp), BigInt(r2.timestamp) + 60n],
        }),
      ).rejects.toThrow(/BeforeOldestRound/);
      const { status, body } = await ponder.get<{ average: string }>(
        `/api/indexes/${TINY}/average?from=${r1.timestamp}&to=${BigInt(r2.timestamp) + 60n}`,
      );
      expect(status).toBe(200);
      const expected = averagePriceDown(
        tiny.map((r) => ({ timestamp: BigInt(r.timestamp), price: BigInt(r.price) })),
        BigInt(r1.timestamp),
        BigInt(r2.timestamp) + 60n,
      );
      expect(body.average).toBe(expected.toString());
    },
    30_000,
  );

  it.skipIf(skip !== undefined)(
    "answers GraphQL and SQL over HTTP (@ponder/client)",
    async () => {
      const response = await fetch(`${ponder.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `{ indexRoundss(where: { indexId: "${toIndexId(H100)}" }, orderBy: "roundId", orderDirection: "asc") { items { roundId price signers } } }`,
        }),
      });
      const graph = (await response.json()) as {
        data?: { indexRoundss: { items: { roundId: number; price: string }[] } };
        errors?: unknown;
      };
      expect(graph.errors).toBeUndefined();
      expect(graph.data?.indexRoundss.items.slice(0, h100Rounds.length).map((r) => r.price)).toEqual(
        h100Rounds.map((r) => r.price.toString()),
      );

      const client = createClient(`${ponder.url}/sql`, { schema });
      const rows = await client.db.select().from(schema.indexes);
      expect(rows.map((row) => row.name).sort()).toEqual([B200, H100, H200, POWER, TINY].sort());
      const h100 = rows.find((row) => row.name === H100);
      expect(typeof h100?.latestPrice).toBe("bigint");
    },
    30_000,
  );

  it.skipIf(skip !== undefined)(
    "lists what a publisher may sign and what it signed",
    async () => {
      const [first, , , fourth, fifth] = watched as [Address, Address, Address, Address, Address];
      type Publisher = { publishes: { name: string }[]; signed: { name: string; rounds: number }[] };
      const one = await ponder.get<Publisher>(`/api/publishers/${first}`);
      expect(one.status).toBe(200);
      expect(one.body.publishes.map((p) => p.name)).toEqual([B200, H100, H200, POWER, TINY].sort());
      const h100 = await allRounds(ponder, H100);
      expect(one.body.signed.find((s) => s.name === H100)?.rounds).toBe(h100.length);
      expect(one.body.signed.find((s) => s.name === POWER)).toBeUndefined();
      const removed = await ponder.get<Publisher>(`/api/publishers/${fourth.toLowerCase()}`);
      expect(removed.body).toMatchObject({ publishes: [], signed: [] });
      const added = await ponder.get<Publisher>(`/api/publishers/${fifth}`);
      expect(added.body.publishes.map((p) => p.name)).toEqual([H100]);
    },
    30_000,
  );

  it.skipIf(skip !== undefined)(
    "refuses bad input with a 4xx and a JSON message, never a 500",
    async () => {
      const { timestamp } = await chain.head();
      const first = h100Rounds[0] as SubmittedRound;
      const cases: [string, number][] = [
        ["/api/indexes/0x1234", 400],
        [`/api/indexes/0x${"zz".repeat(32)}`, 400],
        [`/api/indexes/${"A".repeat(33)}`, 400],
        ["/api/indexes/%0Abad", 400],
        ["/api/indexes/NO-SUCH-INDEX", 404],
        [`/api/indexes/0x${"00".repeat(32)}`, 404],
        [`/api/indexes/${H100}/rounds?limit=0`, 400],
        [`/api/indexes/${H100}/rounds?limit=1001`, 400],
        [`/api/indexes/${H100}/rounds?limit=abc`, 400],
        [`/api/indexes/${H100}/rounds?limit=-5`, 400],
        [`/api/indexes/${H100}/rounds?limit=1e3`, 400],
        [`/api/indexes/${H100}/rounds?limit=${"9".repeat(100)}`, 400],
        [`/api/indexes/${H100}/rounds?before=0`, 400],
        [`/api/indexes/${H100}/rounds?before=4294967296`, 400],
        [`/api/indexes/${H100}/rounds/0`, 400],
        [`/api/indexes/${H100}/rounds/x1`, 400],
        [`/api/indexes/${H100}/rounds/2147483647`, 404],
        [`/api/indexes/${H100}/rounds/2147483648`, 400],
        [`/api/indexes/${H100}/changes?before=123`, 400],
        [`/api/indexes/${H100}/average`, 400],
        [`/api/indexes/${H100}/average?from=10`, 400],
        [`/api/indexes/${H100}/average?from=${first.timestamp}&to=${first.timestamp}`, 400],
        [`/api/indexes/${H100}/average?from=${first.timestamp}&to=4294967296`, 400],
        [`/api/indexes/${H100}/average?from=${first.timestamp}&to=${Number(timestamp) + 86_400}`, 422],
        [`/api/indexes/${H100}/average?from=${first.timestamp - 1}&to=${first.timestamp + 10}`, 422],
        [`/api/indexes/NO-SUCH-INDEX/average?from=1&to=2`, 404],
        ["/api/publishers/0x1234", 400],
        ["/api/publishers/0x70997970c51812dc3A010C7d01b50e0d17dc79C8", 400],
        ["/api/no-such-route", 404],
      ];
      for (const [path, expected] of cases) {
        const { status, body } = await ponder.get<{ error?: unknown }>(path);
        expect(status, `${path} → ${JSON.stringify(body)}`).toBe(expected);
        expect(typeof body.error, `${path} has a JSON error message`).toBe("string");
      }
    },
    30_000,
  );

  it.skipIf(skip !== undefined)(
    "indexes a new round shortly after it is mined",
    async () => {
      for (let i = 0; i < 3; i++) {
        const [round] = await submitHourlyRounds(chain, local, H200, 1, 3_050_000n, 11 + i);
        const mined = Date.now();
        const roundId = round?.roundId;
        await waitFor(
          async () => {
            const { status } = await ponder.get(`/api/indexes/${H200}/rounds/${roundId}`);
            return status === 200 || undefined;
          },
          { timeoutMs: 10_000, intervalMs: 10, describe: () => `round ${roundId} (${round?.transactionHash})` },
        );
        record(`${backend}: indexing latency`, Date.now() - mined);
      }
      await expectInSync(ponder);
    },
    30_000,
  );

  it.skipIf(skip !== undefined)(
    "survives a restart on the same database: no lost or doubled rows",
    async () => {
      await waitForHead(ponder, chain);
      const before = await allRounds(ponder, H100);
      await ponder.stop();
      ponders.delete(ponder);
      // Mined while the indexer is down.
      const more = await submitHourlyRounds(chain, local, H100, 3, BigInt(before[before.length - 1]?.price ?? 0), 21);
      h100Rounds.push(...more);
      ponder = await startIndexer(backend, schemaName, pgliteDir);
      record(`${backend}: ready after restart`, await ponder.waitReady());
      await expectInSync(ponder);
      const after = await allRounds(ponder, H100);
      expect(after).toHaveLength(before.length + 3);
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after.slice(before.length).map((r) => r.transactionHash)).toEqual(more.map((r) => r.transactionHash));
    },
    60_000,
  );

  it.skipIf(skip !== undefined)(
    "follows a reorg (evm_snapshot, evm_revert, a different branch)",
    async () => {
      await waitForHead(ponder, chain);
      const base = await allRounds(ponder, H100);
      const snapshot = await chain.snapshot();
      const baseHead = (await chain.head()).number;
      const last = BigInt(base[base.length - 1]?.price ?? 0);
      const orphaned = await submitHourlyRounds(chain, local, H100, 2, last, 31);
      await chain.mine(2);
      await waitForHead(ponder, chain);
      expect((await allRounds(ponder, H100)).length).toBe(base.length + 2);
      const orphanHead = (await chain.head()).number;

      await chain.revert(snapshot);
      // The other branch: one round at other prices, then enough blocks to outgrow the old head.
      const replacement = await submitRound(chain, local, {
        indexName: H100,
        prices: [last + 1_000n, last + 2_000n, last + 3_000n],
      });
      const branchHead = (await chain.head()).number;
      await chain.mine(Number(orphanHead - branchHead) + 2);
      expect((await chain.head()).number).toBeGreaterThan(orphanHead);
      expect(replacement.blockNumber).toBe(baseHead + 1n);

      const started = Date.now();
      await waitFor(
        async () => {
          const rounds = await allRounds(ponder, H100);
          const tail = rounds[rounds.length - 1];
          return rounds.length === base.length + 1 && tail?.transactionHash === replacement.transactionHash
            ? true
            : undefined;
        },
        { timeoutMs: 20_000, describe: () => "the indexer did not drop the orphaned rounds" },
      );
      record(`${backend}: reorg handled`, Date.now() - started);
      await expectInSync(ponder);
      const rounds = await allRounds(ponder, H100);
      const hashes = new Set(rounds.map((r) => r.transactionHash));
      for (const orphan of orphaned) expect(hashes.has(orphan.transactionHash)).toBe(false);
      expect(ponder.logs()).toMatch(/reorg/i);
      h100Rounds.push(replacement);
    },
    60_000,
  );
});
