/**
 * The keeper under a hostile RPC and a reorganising chain (Hardhat's in-process chain):
 *  - a transport that fails, times out, answers garbage, or loses the answer after the node
 *    acted, on random requests (fast-check plans the faults): every tick resolves (never
 *    throws), and once the RPC heals the underwater account has been liquidated exactly once;
 *  - a reorg that drops the block holding the keeper's liquidation: the keeper liquidates again;
 *  - a reorg whose new branch brings an account the keeper has not seen (in blocks it had
 *    already scanned on the old branch): the keeper rescans and liquidates it too.
 */
import fc from "fast-check";
import { type Address, custom, getAddress, TimeoutError } from "viem";
import { describe, expect, it } from "vitest";
import { clearingHouseAbi } from "../generated/abis.js";
import { deployLocal, listTestMarket, publishTestRound, testIndex } from "../testing/localChain.js";
import { createKeeper, type KeeperTickReport } from "./keeper.js";

const NAME = "H100-SXM-USD-HR";
const P = 2_000_000n;

/** Computus on a fresh chain; Alice sells 1,000 to Bob, who holds 250 USDC (levered). */
async function fixture() {
  const local = await deployLocal({
    indexes: [testIndex(NAME, { maxAge: 40 * 86_400, maxMoveBps: 5_000, ringCardinality: 64 })],
  });
  const { viem, networkHelpers, deployment, bind } = local;
  const publish = async (price: bigint) => {
    await networkHelpers.time.increase(60);
    await publishTestRound(local, NAME, price);
  };
  await publish(P);
  const { marketId, clearingHouse } = await listTestMarket(local, { bandBps: 500 });
  const wallets = await viem.getWalletClients();
  const [, , alice, bob, keeperWallet, carol] = wallets;
  if (!alice || !bob || !keeperWallet || !carol) throw new Error("accounts");
  const token = await viem.getContractAt("MockERC20", deployment.collateral.address);
  const fund = async (c: ReturnType<typeof bind>, amount: bigint) => {
    await token.write.mint([c.account.address, amount]);
    await c.waitForTransactionReceipt({ hash: (await c.deposit({ amount })).hash });
  };
  const [a, b, k, c] = [alice, bob, keeperWallet, carol].map((w) => bind(w.account)) as [
    ReturnType<typeof bind>,
    ReturnType<typeof bind>,
    ReturnType<typeof bind>,
    ReturnType<typeof bind>,
  ];
  await fund(a, 10_000_000_000n);
  await fund(b, 250_000_000n);
  await fund(k, 50_000_000_000n);
  await (await a.placeOrder({ marketId, side: "sell", price: P, size: 1_000n })).wait();
  await (await b.placeOrder({ marketId, side: "buy", price: P, size: 1_000n, type: "ioc" })).wait();
  /** Liquidations of `owner` in blocks from `fromBlock` on the current chain. */
  const liquidationsOf = async (owner: Address, fromBlock: bigint) => {
    const logs = await local.publicClient.getContractEvents({
      address: clearingHouse,
      abi: clearingHouseAbi,
      eventName: "Liquidated",
      fromBlock,
    });
    return logs.filter((log) => getAddress(log.args.account as Address) === getAddress(owner)).length;
  };
  return {
    local,
    publish,
    bind,
    fund,
    clearingHouse,
    marketId,
    keeperWallet,
    alice,
    bob,
    carol,
    a,
    b,
    k,
    c,
    liquidationsOf,
  };
}

type Fault = "ok" | "error" | "timeout" | "garbage" | "lost-answer" | "future-head";
const GARBAGE = [null, "", "0xzz", "0x", {}, [], [{}], 42, "not json", { jsonrpc: "2.0" }, [null]];

/** A transport over `provider` that applies `plan` to its requests in turn (then answers honestly). */
function faulty(provider: { request: (args: never) => Promise<unknown> }, plan: Fault[], log: string[]) {
  let i = 0;
  return custom(
    {
      request: async (args: { method: string; params?: unknown }) => {
        const fault = plan[i++] ?? "ok";
        log.push(`${args.method}:${fault}`);
        switch (fault) {
          case "error":
            throw new Error(`RPC unavailable (${args.method})`);
          case "timeout":
            await new Promise((r) => setTimeout(r, 20));
            throw new TimeoutError({ body: { method: args.method }, url: "http://flaky.invalid" });
          case "garbage":
            return GARBAGE[i % GARBAGE.length];
          case "lost-answer":
            // The node acted (a transaction may be sent), the answer never came back.
            await provider.request(args as never);
            throw new TimeoutError({ body: { method: args.method }, url: "http://flaky.invalid" });
          case "future-head":
            // A node that lies about its head (a lagging load balancer's other side).
            if (args.method === "eth_blockNumber") return "0xffffffff";
            return provider.request(args as never);
          default:
            return provider.request(args as never);
        }
      },
    },
    { retryCount: 0 },
  );
}

async function withinSeconds<T>(seconds: number, promise: Promise<T>, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${seconds} s: ${describe()}`)), seconds * 1_000);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe("keeper resilience", () => {
  it("survives a failing, slow, lying RPC: never throws, liquidates exactly once", async () => {
    const f = await fixture();
    const { networkHelpers } = f.local;
    await f.publish(1_700_000n); // Bob is now below maintenance
    const start = await networkHelpers.takeSnapshot();
    const startBlock = await f.local.publicClient.getBlockNumber();
    let runs = 0;
    const faults = fc.constantFrom<Fault>("ok", "ok", "error", "timeout", "garbage", "lost-answer", "future-head");
    await fc.assert(
      fc.asyncProperty(fc.array(faults, { minLength: 5, maxLength: 60 }), async (plan) => {
        await start.restore();
        runs++;
        const log: string[] = [];
        const keeper = createKeeper(f.bind(f.keeperWallet.account, faulty(f.local.provider, plan, log)), {
          clearingHouse: f.clearingHouse,
          logRange: 7n,
        });
        const reports: KeeperTickReport[] = [];
        // Faulty ticks, then healthy ones: the plan runs out and every request is answered.
        for (let tick = 0; tick < 20; tick++) {
          // Only a tick that started once the plan had run out is wholly honest: one that met the
          // plan's last faults may have been lied to (a garbage head read as block 0, say) and
          // end without error and without finding anything.
          const honest = log.length >= plan.length;
          // A throw fails the property; so does a tick that never ends (a keeper stuck in a loop).
          const report = await withinSeconds(10, keeper.tick(), () => log.slice(-20).join(" "));
          reports.push(report);
          if (honest && report.error === undefined && report.outcomes.length === 0) break;
        }
        const last = reports[reports.length - 1];
        expect(last?.error, log.join(" ")).toBeUndefined();
        expect(keeper.accounts.has(getAddress(f.bob.account.address))).toBe(true);
        expect(await f.liquidationsOf(f.bob.account.address, startBlock + 1n), log.join(" ")).toBe(1);
        const done = reports.flatMap((r) => r.outcomes).filter((o) => o.status === "done");
        expect(done.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 12 },
    );
    console.log(`fault plans: ${runs}`);
  }, 120_000);

  it("liquidates again when a reorg drops the block with its liquidation", async () => {
    const f = await fixture();
    const { networkHelpers } = f.local;
    await f.publish(1_700_000n);
    const keeper = createKeeper(f.k, { clearingHouse: f.clearingHouse });
    const before = await networkHelpers.takeSnapshot();
    const fromBlock = (await f.local.publicClient.getBlockNumber()) + 1n;
    const first = await keeper.tick();
    expect(first.outcomes.filter((o) => o.status === "done").map((o) => o.action.kind)).toEqual(["liquidate"]);
    expect(await f.liquidationsOf(f.bob.account.address, fromBlock)).toBe(1);
    // The block with the liquidation is orphaned; the new branch is longer and holds none.
    await before.restore();
    await networkHelpers.mine(3);
    expect(await f.liquidationsOf(f.bob.account.address, fromBlock)).toBe(0);
    const again = await keeper.tick();
    expect(again.error).toBeUndefined();
    expect(again.outcomes.filter((o) => o.status === "done").map((o) => o.action.kind)).toEqual(["liquidate"]);
    expect(await f.liquidationsOf(f.bob.account.address, fromBlock)).toBe(1);
    // And only once: the next tick finds Bob healthy.
    const idle = await keeper.tick();
    expect(idle.outcomes.filter((o) => o.status === "done")).toEqual([]);
  }, 120_000);

  it("rescans after a reorg: an account that appears only on the new branch is watched and liquidated", async () => {
    const f = await fixture();
    const { networkHelpers } = f.local;
    const keeper = createKeeper(f.k, { clearingHouse: f.clearingHouse });
    const fork = await networkHelpers.takeSnapshot();
    const fromBlock = (await f.local.publicClient.getBlockNumber()) + 1n;
    // The old branch: twelve quiet blocks the keeper reads to the end.
    await networkHelpers.mine(12);
    expect((await keeper.tick()).error).toBeUndefined();
    // The new branch, shorter than the old one: Carol trades in blocks the keeper has "seen".
    await fork.restore();
    await f.fund(f.c, 250_000_000n);
    await (await f.a.placeOrder({ marketId: f.marketId, side: "sell", price: P, size: 1_000n })).wait();
    await (await f.c.placeOrder({ marketId: f.marketId, side: "buy", price: P, size: 1_000n, type: "ioc" })).wait();
    await f.publish(1_700_000n);
    expect(await f.local.publicClient.getBlockNumber()).toBeLessThan(fromBlock + 12n);
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      const report = await keeper.tick();
      expect(report.error).toBeUndefined();
      outcomes.push(...report.outcomes);
    }
    expect(keeper.accounts.has(getAddress(f.carol.account.address))).toBe(true);
    expect(await f.liquidationsOf(f.carol.account.address, fromBlock)).toBe(1);
    expect(await f.liquidationsOf(f.bob.account.address, fromBlock)).toBe(1);
    const done = outcomes.filter((o) => o.status === "done" && o.action.kind === "liquidate");
    expect(done).toHaveLength(2);
  }, 120_000);
});
