import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { startLocalChain } from "../support/localChain.js";
import { deployLocal, submitHourlyRounds } from "../support/oracle.js";
import { startPonder } from "../support/ponderProcess.js";

it("smoke", async () => {
  const t0 = Date.now();
  const chain = await startLocalChain();
  console.log("chain", chain.url, Date.now() - t0);
  const local = await deployLocal(chain);
  console.log("deployed", Date.now() - t0, await chain.head());
  const rounds = await submitHourlyRounds(chain, local, "H100-SXM-USD-HR", 5);
  console.log("rounds", Date.now() - t0, rounds.map((r) => r.price));
  const ponder = await startPonder({
    schema: `smoke_${Date.now()}`,
    rpcUrl: chain.url,
    chainId: chain.chainId,
    deploymentsDir: local.deploymentsDir,
    pgliteDir: await mkdtemp(join(tmpdir(), "pglite-")),
  });
  try {
    console.log("ponder listening", ponder.url, Date.now() - t0);
    console.log("ready", await ponder.waitReady());
    for (let i = 0; i < 20; i++) {
      const r = await ponder.get("/api/indexes/H100-SXM-USD-HR/rounds");
      console.log(JSON.stringify(r).slice(0, 300));
      if ((r.body as any).rounds?.length === 5) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    console.log(JSON.stringify((await ponder.get("/api/indexes")).body).slice(0, 1500));
    const head = await chain.head();
    console.log(JSON.stringify(await ponder.get(`/api/indexes/H100-SXM-USD-HR/average?from=${rounds[0]!.timestamp}&to=${head.timestamp}`)));
    console.log(JSON.stringify(await ponder.get(`/api/indexes/H100-SXM-USD-HR/changes?limit=2`)));
    console.log(JSON.stringify(await ponder.get(`/api/indexes/nope`)));
    console.log(JSON.stringify(await ponder.get(`/api/nope`)));
    console.log(JSON.stringify(await ponder.get(`/status`)));
  } finally {
    console.log(ponder.logs().slice(-3000));
    await ponder.stop();
    await chain.close();
  }
  expect(1).toBe(1);
}, 120_000);
