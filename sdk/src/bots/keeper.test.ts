/**
 * The keeper on its own: it survives RPC errors (the tick reports the error, the next one
 * retries from the last block it fully read) and a liquidation someone else made first is a
 * skip, not a crash or a second liquidation. An account below maintenance at the mark but not at
 * the index (finding F-2: `liquidate` values at the better of the two) is left alone.
 */
import { custom, getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { AccountHealthyError } from "../errors/clearingHouse.js";
import { clearingHouseAbi } from "../generated/abis.js";
import { isLiquidatable } from "../math/margin.js";
import { deployLocal, listTestMarket, publishTestRound, testIndex } from "../testing/localChain.js";
import { createKeeper } from "./keeper.js";

const NAME = "H100-SXM-USD-HR";

/**
 * A local deployment with one H100 market (mark band `bandBps`) and a $2.00 round, and four
 * funded traders: Alice ($10,000), Bob ($250), the keeper's account and another liquidator
 * ($50,000 each). Bob is long 1,000 GPU-hours at $2.00 against Alice.
 */
async function keeperMarket(bandBps: number) {
  const local = await deployLocal({
    indexes: [testIndex(NAME, { maxAge: 40 * 86_400, maxMoveBps: 5_000, ringCardinality: 64 })],
  });
  const { viem, networkHelpers, deployment, provider, bind } = local;
  const publish = (price: bigint) => publishTestRound(local, NAME, price);
  await publish(2_000_000n);
  const { marketId, clearingHouse } = await listTestMarket(local, { bandBps });
  const wallets = await viem.getWalletClients();
  const [, , alice, bob, keeperAccount, other] = wallets;
  if (!alice || !bob || !keeperAccount || !other) throw new Error("accounts");
  const token = await viem.getContractAt("MockERC20", deployment.collateral.address);
  const [a, b, k, o] = [alice, bob, keeperAccount, other].map((w) => bind(w.account));
  if (!a || !b || !k || !o) throw new Error("clients");
  for (const [c, amount] of [
    [a, 10_000_000_000n],
    [b, 250_000_000n],
    [k, 50_000_000_000n],
    [o, 50_000_000_000n],
  ] as const) {
    await token.write.mint([c.account.address, amount]);
    await c.waitForTransactionReceipt({ hash: (await c.deposit({ amount })).hash });
  }
  // Bob: long 1,000 GPU-hours at $2.00 with $250 (maintenance $100 at $2.00).
  await (await a.placeOrder({ marketId, side: "sell", price: 2_000_000n, size: 1_000n })).wait();
  await (await b.placeOrder({ marketId, side: "buy", price: 2_000_000n, size: 1_000n, type: "ioc" })).wait();
  return { networkHelpers, provider, publish, marketId, clearingHouse, bind, alice, bob, keeperAccount, a, k, o };
}

describe("keeper", () => {
  it("survives RPC errors and skips a liquidation someone else made first", async () => {
    const { networkHelpers, provider, publish, marketId, clearingHouse, bind, alice, bob, keeperAccount, k, o } =
      await keeperMarket(500);
    let failures = 0;
    const flaky = custom(
      {
        request: async (args) => {
          if (failures > 0) {
            failures--;
            throw new Error("RPC unavailable");
          }
          return provider.request(args);
        },
      },
      { retryCount: 0 },
    ); // viem would otherwise retry a failed request itself

    const keeper = createKeeper(bind(keeperAccount.account, flaky), { clearingHouse, logRange: 5n });
    failures = 1;
    const broken = await keeper.tick();
    expect(broken.error).toBeInstanceOf(Error);
    expect(broken.outcomes).toEqual([]);
    const healed = await keeper.tick();
    expect(healed.error).toBeUndefined();
    expect(keeper.accounts.has(getAddress(bob.account.address))).toBe(true);
    expect(keeper.accounts.has(getAddress(alice.account.address))).toBe(true);

    // Bob falls below maintenance; another liquidator gets there first.
    await networkHelpers.time.increase(60);
    await publish(1_700_000n);
    // The RPC fails again: the tick ends with the error, nothing sent.
    failures = 1;
    const down = await keeper.tick();
    expect(down.error).toBeInstanceOf(Error);
    expect(down.outcomes).toEqual([]);
    failures = 0;
    const first = await o.liquidate({ owner: bob.account.address, marketId });
    await o.waitForTransactionReceipt({ hash: first.hash });
    expect(first.size).toBeGreaterThan(0n);
    const after = await keeper.tick();
    expect(after.error).toBeUndefined();
    const attempts = after.outcomes.filter((x) => x.action.kind === "liquidate");
    expect(attempts.every((x) => x.status === "skipped")).toBe(true);
    // The keeper only tries accounts the SDK's math says are liquidatable: Bob is healthy again.
    expect(attempts).toEqual([]);
    await expect(k.liquidate({ owner: bob.account.address, marketId })).rejects.toThrow(AccountHealthyError);
  }, 120_000);

  it("does not attempt an account unhealthy at the mark but healthy at the index (F-2)", async () => {
    const { networkHelpers, publish, marketId, clearingHouse, bob, keeperAccount, a, k, o } = await keeperMarket(2_000);
    const keeper = createKeeper(k, { clearingHouse, settle: false, claim: false });
    await keeper.tick();

    // A wash trade after an idle period sets the mark to $1.70; the index stays at $2.00.
    await networkHelpers.time.increase(700);
    await (await o.placeOrder({ marketId, side: "buy", price: 1_700_000n, size: 10n })).wait();
    await (await a.placeOrder({ marketId, side: "sell", price: 1_700_000n, size: 10n, type: "ioc" })).wait();
    const atMark = await k.readContract({
      address: clearingHouse,
      abi: clearingHouseAbi,
      functionName: "health",
      args: [bob.account.address],
    });
    expect(isLiquidatable(atMark)).toBe(true); // below maintenance at the mark
    const account = await k.getAccount({ account: bob.account.address, history: false });
    expect(account.liquidatable).toBe(false);
    const blockBefore = await k.getBlockNumber({ cacheTime: 0 });
    const nonceBefore = await k.getTransactionCount({ address: keeperAccount.account.address });
    const report = await keeper.tick();
    expect(report.error).toBeUndefined();
    expect(report.outcomes.filter((x) => x.action.kind === "liquidate")).toEqual([]);
    expect(await k.getTransactionCount({ address: keeperAccount.account.address })).toBe(nonceBefore);
    expect(await k.getBlockNumber({ cacheTime: 0 })).toBe(blockBefore);
    // The contract agrees: valued at the index, Bob is healthy.
    await expect(k.liquidate({ owner: bob.account.address, marketId })).rejects.toThrow(AccountHealthyError);

    // Once the index confirms the loss, the keeper liquidates.
    await publish(1_700_000n);
    const confirmed = await keeper.tick();
    expect(confirmed.error).toBeUndefined();
    expect(confirmed.outcomes.map((x) => [x.action.kind, x.status])).toContainEqual(["liquidate", "done"]);
  }, 120_000);
});
