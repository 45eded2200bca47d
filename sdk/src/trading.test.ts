/**
 * A full trade cycle through the SDK on Hardhat's in-process chain: deposit, place, fill, the
 * mark moves (oracle rounds), the keeper liquidates (two keepers at once), expiry, settlement,
 * claim, withdraw — with viem clients, then the same flow through the ethers adapter. Plus the
 * bad inputs a trader meets, each a typed error that costs no gas.
 */
import { BrowserProvider } from "ethers";
import { type Address, createWalletClient, custom, getAddress, publicActions } from "viem";
import { describe, expect, it } from "vitest";
import { defaultMarketTemplates, listMarket } from "../../scripts/deploy/markets.js";
import { fromEthers } from "./adapters/ethers.js";
import type { KeeperOutcome } from "./bots/keeper.js";
import { computusActions } from "./decorators/computus.js";
import {
  AccountHealthyError,
  InsufficientMarginError,
  MarketNotTradingError,
  NotOrderOwnerError,
  PriceOutsideBandError,
  SettlementNotDueError,
  UnknownMarketError,
} from "./errors/clearingHouse.js";
import { decodeContractError } from "./errors/decodeContractError.js";
import { WrongChainError } from "./errors/deployment.js";
import { InvalidOrderError } from "./errors/order.js";
import { orderBookAbi } from "./generated/abis.js";
import { accountHealth, settlementPnlDown, unrealizedPnl } from "./math/margin.js";
import { deployLocal, publishTestRound, testIndex } from "./testing/localChain.js";

const NAME = "H100-SXM-USD-HR";
const USDC = 1_000_000n;
const HOUR = 3_600;
const MAX_SUBMISSION_DELAY = 3_600; // testIndex's default

type Local = Awaited<ReturnType<typeof deployLocal>>;
type Trader = Local["admin"];

async function setup() {
  const local = await deployLocal({
    indexes: [
      testIndex(NAME, {
        maxAge: 40 * 86_400,
        maxMoveBps: 5_000,
        ringCardinality: 64,
        maxSubmissionDelay: MAX_SUBMISSION_DELAY,
      }),
    ],
  });
  const { viem, networkHelpers, deployment } = local;
  const publish = (price: bigint) => publishTestRound(local, NAME, price);
  await publish(2_000_000n);
  // One H100 market with a short window (an hour of trading, then an hour of averaging) and a
  // 5 % band so that an index move moves the mark.
  const now = await networkHelpers.time.latest();
  const [template] = defaultMarketTemplates(6);
  if (!template) throw new Error("no template");
  const [adminWallet] = await viem.getWalletClients();
  if (!adminWallet) throw new Error("no admin");
  const window = { tradingStart: now, windowStart: now + HOUR, windowEnd: now + 2 * HOUR };
  const { marketId } = await listMarket({
    publicClient: local.publicClient,
    wallet: adminWallet,
    clearingHouse: deployment.contracts.ClearingHouse?.address as Address,
    template: { ...template, bandBps: 500 },
    window,
  });
  const token = await viem.getContractAt("MockERC20", deployment.collateral.address);
  return { local, publish, marketId, window, token };
}

type MakeTrader = (local: Local, index: number) => Promise<Trader>;

/** viem wallet clients on Hardhat's accounts. */
const viemTrader: MakeTrader = async (local, index) => {
  const wallets = await local.viem.getWalletClients();
  const wallet = wallets[index];
  if (!wallet) throw new Error(`no account ${index}`);
  return createWalletClient({ account: wallet.account, chain: local.chain, transport: custom(local.provider) })
    .extend(publicActions)
    .extend(computusActions(local.deployment));
};

/** The same accounts through ethers v6 JSON-RPC signers and the adapter. */
const ethersTrader: MakeTrader = async (local, index) => {
  const provider = new BrowserProvider(local.provider);
  const signer = await provider.getSigner(index);
  const { walletClient } = await fromEthers({ provider, signer, chain: local.chain });
  return walletClient.extend(publicActions).extend(computusActions(local.deployment)) as unknown as Trader;
};

async function tradeCycle(makeTrader: MakeTrader) {
  const { local, publish, marketId, window, token } = await setup();
  const { networkHelpers } = local;
  const [alice, bob, keeperA, keeperB] = await Promise.all([2, 3, 4, 5].map((i) => makeTrader(local, i)));
  if (!alice || !bob || !keeperA || !keeperB) throw new Error("no traders");
  const addr = (c: Trader) => getAddress(c.account.address);
  for (const [c, amount] of [
    [alice, 10_000n * USDC],
    [bob, 250n * USDC],
    [keeperA, 50_000n * USDC],
    [keeperB, 50_000n * USDC],
  ] as const) {
    await token.write.mint([addr(c), amount]);
    const { hash, approveHash } = await c.deposit({ amount });
    expect(approveHash).not.toBeNull();
    expect((await c.waitForTransactionReceipt({ hash })).status).toBe("success");
  }
  expect((await bob.getAccount()).collateral).toBe(250n * USDC);

  // Markets.
  const markets = await alice.getMarkets();
  expect(markets.map((m) => [m.marketId, m.indexName, m.state])).toEqual([[marketId, NAME, "Trading"]]);
  expect(markets[0]?.markPrice).toBe(2_000_000n);

  // Alice rests an ask; the book shows it.
  const ask = await alice.placeOrder({ marketId, side: "sell", price: 2_000_000n, size: 1_000n });
  const placed = await ask.wait();
  expect(placed.orderId).toBe(ask.simulated.orderId);
  expect(placed.orderId).not.toBe(0n);
  expect(placed.fills).toEqual([]);
  const book = await bob.getOrderBook({ marketId });
  expect(book.asks).toEqual([{ price: 2_000_000n, size: 1_000n, orders: 1 }]);
  expect(book.bids).toEqual([]);

  // Bad inputs: typed errors, nothing sent.
  const nonce = await bob.getTransactionCount({ address: addr(bob) });
  await expect(bob.placeOrder({ marketId, side: "buy", price: 2_000_000n, size: 10.5 })).rejects.toThrow(
    InvalidOrderError,
  );
  await expect(bob.placeOrder({ marketId, side: "buy", price: 2_000_000n, size: 15n })).rejects.toMatchObject({
    name: "InvalidOrderError",
    field: "size",
  });
  await expect(bob.placeOrder({ marketId, side: "buy", price: 2_000_500n, size: 10n })).rejects.toMatchObject({
    name: "InvalidOrderError",
    field: "price",
  });
  await expect(bob.placeOrder({ marketId: 99n, side: "buy", price: 2_000_000n, size: 10n })).rejects.toThrow(
    UnknownMarketError,
  );
  const tooBig = await bob.placeOrder({ marketId, side: "buy", price: 1_990_000n, size: 100_000n }).catch((e) => e);
  expect(tooBig).toBeInstanceOf(InsufficientMarginError);
  expect((tooBig as InsufficientMarginError).shortMessage).toMatch(/^Insufficient margin/);
  await expect(bob.placeOrder({ marketId, side: "buy", price: 1_500_000n, size: 10n })).rejects.toThrow(
    PriceOutsideBandError,
  );
  const wrongChain = bob.extend(computusActions({ ...local.deployment, chainId: 1 }));
  await expect(wrongChain.placeOrder({ marketId, side: "buy", price: 2_000_000n, size: 10n })).rejects.toThrow(
    WrongChainError,
  );
  await expect(bob.liquidate({ owner: addr(alice), marketId })).rejects.toThrow(NoPositionOrHealthy);
  expect(await bob.getTransactionCount({ address: addr(bob) })).toBe(nonce);

  // A transaction that reverts (sent without the SDK's simulation, with a fixed gas limit): the
  // node refuses it, and decodeContractError turns that into the typed error.
  const reverted = await bob
    .writeContract({
      address: local.deployment.contracts.ClearingHouse?.address as Address,
      abi: orderBookAbi,
      functionName: "cancel",
      args: [placed.orderId],
      gas: 200_000n,
    })
    .catch((error) => decodeContractError(error));
  expect(reverted).toBeInstanceOf(NotOrderOwnerError);
  expect((reverted as NotOrderOwnerError).owner).toBe(getAddress(addr(alice)));

  // Bob lifts the ask: one fill at 2.000.
  const buy = await bob.placeOrder({ marketId, side: "buy", price: 2_000_000n, size: 1_000n, type: "ioc" });
  const filled = await buy.wait();
  expect(buy.simulated.filled).toBe(1_000n);
  expect(filled.orderId).toBe(0n);
  expect(filled.filled).toBe(1_000n);
  expect(filled.fills).toHaveLength(1);
  // The Fill event carries the order id and the size: market, side and price come from the id.
  expect(filled.fills[0]).toMatchObject({
    marketId,
    makerOrderId: placed.orderId,
    maker: addr(alice),
    taker: addr(bob),
    size: 1_000n,
    takerSize: 1_000n,
    price: 2_000_000n,
  });
  const takerFee = filled.fills[0]?.takerFee ?? 0n;
  expect(takerFee).toBe(1n * USDC); // 5 bps of 2,000 USDC
  expect((await bob.getOrderBook({ marketId })).asks).toEqual([]);

  // Bob's account: the SDK's math over the positions equals the clearing house's health.
  let bobAccount = await bob.getAccount();
  expect(bobAccount.positions).toHaveLength(1);
  const position = bobAccount.positions[0];
  if (!position) throw new Error("no position");
  // The fill opened Bob's position: its fee went into the open notional (MarginLib.applyFillDown),
  // not out of collateral, so the cost is 2,000 USDC + the 1 USDC fee and the entry price, fees
  // included, 2.001.
  const bobCost = 1_000n * 2_000_000n + takerFee;
  expect(position).toMatchObject({ size: 1_000n, openNotional: bobCost, entryPrice: bobCost / 1_000n });
  expect(bobAccount.collateral).toBe(250n * USDC);
  expect(bobAccount.equity).toBe(250n * USDC + unrealizedPnl(1_000n, bobCost, position.markPrice));
  const recomputed = accountHealth(bobAccount.collateral, [
    {
      ...position,
      imBps: BigInt(position.market.config.imBps),
      mmBps: BigInt(position.market.config.mmBps),
    },
  ]);
  expect(recomputed).toEqual(bobAccount.health);
  expect(bobAccount.freeMargin).toBe(bobAccount.equity - bobAccount.marginUsed);
  expect(bobAccount.history).toMatchObject({ realizedPnl: 0n, fees: takerFee, openingFees: takerFee, fills: 1 });
  expect(bobAccount.liquidatable).toBe(false);
  const liqPrice = position.liquidationPrice;
  expect(liqPrice).not.toBeNull();

  // The keepers find nothing to do while Bob is healthy.
  const k1 = keeperA.createKeeper();
  const k2 = keeperB.createKeeper();
  const idle = await k1.tick();
  expect(idle.error).toBeUndefined();
  expect(idle.outcomes).toEqual([]);
  expect(k1.accounts.has(addr(bob))).toBe(true);

  // The index falls: 2.00 → 1.70; the mark is clamped to the band's top (1.785).
  await networkHelpers.time.increase(60);
  await publish(1_700_000n);
  bobAccount = await bob.getAccount();
  const mark = bobAccount.positions[0]?.markPrice ?? 0n;
  expect(mark).toBe(1_785_000n);
  expect(bobAccount.unrealizedPnl).toBe(unrealizedPnl(1_000n, bobCost, mark));
  expect(mark).toBeLessThan(liqPrice ?? 0n);
  expect(bobAccount.liquidatable).toBe(true);
  // The keeper's batched scan (multicall) finds Bob, and only Bob.
  expect(await k1.scan()).toEqual([{ account: addr(bob), markets: [marketId] }]);

  // Two keepers at once: Bob is liquidated once (the other keeper skips or loses the race).
  const [r1, r2] = await Promise.all([k1.tick(), k2.tick()]);
  expect(r1.error).toBeUndefined();
  expect(r2.error).toBeUndefined();
  const liquidations = [...r1.outcomes, ...r2.outcomes].filter((o) => o.action.kind === "liquidate");
  const done = liquidations.filter((o) => o.status === "done");
  expect(done).toHaveLength(1);
  for (const o of liquidations.filter((x) => x.status === "skipped")) {
    expect((o as Extract<KeeperOutcome, { status: "skipped" }>).error).toBeInstanceOf(AccountHealthyError);
  }
  const liquidatedLogs = await local.publicClient.getContractEvents({
    address: local.deployment.contracts.ClearingHouse?.address as Address,
    abi: (await import("./generated/abis.js")).clearingHouseAbi,
    eventName: "Liquidated",
    fromBlock: 0n,
  });
  expect(liquidatedLogs).toHaveLength(1);
  bobAccount = await bob.getAccount();
  expect(bobAccount.liquidatable).toBe(false);
  const liquidatedSize = liquidatedLogs[0]?.args.size ?? 0n;
  expect(bobAccount.positions[0]?.size ?? 0n).toBe(1_000n - liquidatedSize);
  expect((await k1.tick()).outcomes.filter((o) => o.status === "done")).toEqual([]);

  // Orders after expiry are refused with a trader's message.
  await publish(1_750_000n);
  await networkHelpers.time.increaseTo(window.windowStart + 600);
  await publish(1_800_000n);
  await networkHelpers.time.increaseTo(window.windowEnd + 1);
  const late = await alice.placeOrder({ marketId, side: "sell", price: 1_800_000n, size: 10n }).catch((e) => e);
  expect(late).toBeInstanceOf(MarketNotTradingError);
  expect((late as MarketNotTradingError).shortMessage).toContain("expired");

  // Settlement: the keeper waits until the window's average is final (the window's end plus the
  // index's maxSubmissionDelay, finding S-1), proposes, then (after the dispute period)
  // finalises and claims.
  const early = await k1.tick();
  expect(early.outcomes.filter((o) => o.action.kind === "propose")).toEqual([]);
  await expect(alice.proposeSettlement({ marketId })).rejects.toThrow(SettlementNotDueError);
  await networkHelpers.time.increaseTo(window.windowEnd + MAX_SUBMISSION_DELAY);
  const proposed = await k1.tick();
  expect(proposed.outcomes.map((o) => [o.action.kind, o.status])).toContainEqual(["propose", "done"]);
  const market = await alice.getMarket({ marketId });
  expect(market.finalPrice).toBeGreaterThan(0n);
  const aliceBefore = await alice.getAccount();
  const alicePosition = aliceBefore.positions[0];
  if (!alicePosition) throw new Error("alice has no position");
  await networkHelpers.time.increase(86_400 + 1);
  const [s1, s2] = await Promise.all([k1.tick(), k2.tick()]);
  const all = [...s1.outcomes, ...s2.outcomes];
  expect(all.filter((o) => o.action.kind === "finalize" && o.status === "done")).toHaveLength(1);
  const claims = all.filter((o) => o.action.kind === "claim" && o.status === "done");
  const claimed = new Set(claims.map((o) => (o.action as { account: Address }).account));
  expect(claimed.size).toBe(claims.length); // no position claimed twice
  expect(claimed.has(addr(alice))).toBe(true);

  // Alice's claim moved exactly the settlement PnL (the SDK's math) into her collateral.
  const settled = await alice.getMarket({ marketId });
  expect(settled.state).toBe("Settled");
  const aliceAfter = await alice.getAccount();
  expect(aliceAfter.positions).toEqual([]);
  expect(aliceAfter.collateral - aliceBefore.collateral).toBe(
    settlementPnlDown(
      alicePosition.size,
      alicePosition.openNotional,
      settled.finalPrice,
      settled.tail.haircut,
      settled.tail.winnerIsLong,
    ),
  );
  // The replayed history explains every collateral change: deposit + realized PnL − the fees paid
  // out of collateral − penalties. Fees of opening fills went into the open notional instead
  // (MarginLib.applyFillDown), so realized PnL is net of them and they are not charged twice.
  for (const [c, deposited] of [
    [alice, 10_000n * USDC],
    [bob, 250n * USDC],
  ] as const) {
    const a = await c.getAccount();
    expect(a.positions).toEqual([]);
    const h = a.history;
    if (!h) throw new Error("no history");
    expect(h.openingFees).toBeGreaterThan(0n);
    expect(a.collateral).toBe(deposited + h.realizedPnl - (h.fees - h.openingFees) - h.liquidationPenalties);
  }
  expect((await bob.getAccount()).history?.liquidationPenalties).toBeGreaterThan(0n);

  // Claiming again is refused before sending.
  await expect(alice.claimSettlement({ marketId })).rejects.toMatchObject({ name: "NoPositionError" });

  // Alice withdraws everything.
  const balanceBefore = await token.read.balanceOf([addr(alice)]);
  const w = await alice.withdraw({ amount: BigInt(aliceAfter.collateral) });
  expect((await alice.waitForTransactionReceipt({ hash: w.hash })).status).toBe("success");
  expect(await token.read.balanceOf([addr(alice)])).toBe(balanceBefore + BigInt(aliceAfter.collateral));
  expect((await alice.getAccount()).collateral).toBe(0n);
}

class NoPositionOrHealthy extends Error {
  static [Symbol.hasInstance](error: unknown) {
    return error instanceof Error && (error.name === "NoPositionError" || error instanceof AccountHealthyError);
  }
}

describe("deployment", () => {
  it("lists the monthly H100, H200, B200 and power markets, each on its own index, and records every contract", async () => {
    const local = await deployLocal({ markets: defaultMarketTemplates(6) });
    const markets = await local.admin.getMarkets();
    expect(markets.map((m) => m.indexName)).toEqual([
      "H100-SXM-USD-HR",
      "H200-USD-HR",
      "B200-USD-HR",
      "POWER-PJM-USD-MWH",
    ]);
    for (const m of markets) {
      expect(m.state).toBe("Trading");
      const start = new Date(m.config.windowStart * 1000);
      const end = new Date(m.config.windowEnd * 1000);
      expect([start.getUTCDate(), start.getUTCHours(), end.getUTCDate(), end.getUTCHours()]).toEqual([1, 0, 1, 0]);
      expect((end.getUTCMonth() - start.getUTCMonth() + 12) % 12).toBe(1);
    }
    const names = Object.keys(local.deployment.contracts).sort();
    expect(names).toEqual([
      "CapacityToken",
      "ClearingHouse",
      "ClearingHouseExtension",
      "ClearingHouseReader",
      "IndexOracle",
    ]);
    await local.admin.verifyDeployment();
  }, 120_000);
});

describe("trade cycle through the SDK", () => {
  it("viem: deposit, place, fill, mark moves, keeper liquidation, expiry, settlement, claim", async () => {
    await tradeCycle(viemTrader);
  }, 180_000);

  it("ethers adapter: the same flow with ethers JSON-RPC signers", async () => {
    await tradeCycle(ethersTrader);
  }, 180_000);
});
