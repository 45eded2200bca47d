/**
 * The local market simulation behind `npm start`: six weeks of the index series replayed hour by
 * hour through three oracle publishers, four monthly contracts whose delivery window is the last
 * four weeks, and the actors of a compute futures market: two market makers, an AI lab hedging
 * its rental costs (long), a GPU owner hedging its rental income (short), speculators, a trader
 * who over-leverages before a price drop and is liquidated by the keeper; then the window closes,
 * every market settles on the index's average over the window and every account claims.
 * Chain time is driven by the simulation, so the six weeks take minutes.
 */
import { type Address, createPublicClient, createWalletClient, formatUnits, http, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { getIndexParams } from "../../sdk/src/actions/public/getIndexParams.js";
import { createPublisher, publishRound } from "../../sdk/src/bots/publisher.js";
import type { Deployment } from "../../sdk/src/deployment/deployment.js";
import { averagePriceDown, type PriceRound } from "../../sdk/src/math/twap.js";
import type { LocalChain } from "../../test/support/localChain.js";
import { PUBLISHER_KEYS } from "../../test/support/oracle.js";
import { defaultMarketTemplates, listMarket } from "../deploy/markets.js";
import { type OwnerCover, postOwnerCover } from "./coveredShort.js";
import { type IndexSeries, loadIndexSeries, SERIES_HOURS } from "./indexSeries.js";
import { seriesQuoteSource } from "./quotes.js";
import { venue, type Wallet } from "./venue.js";

const HOUR = 3600;
const WEEK = 7 * 24 * HOUR;
/** The delivery window: the series' last four weeks. */
export const WINDOW_START_HOUR = 14 * 24;
export const WINDOW_END_HOUR = SERIES_HOURS;
/** The B200 index drops 8 % at this hour (see indexSeries.ts); the over-leveraged trader buys just before. */
const B200_DROP_HOUR = 33 * 24 + 10;
const LEVERAGE_HOUR = 33 * 24;

export type SimulationOptions = {
  readonly chain: LocalChain;
  readonly deployment: Deployment;
  /** Actors act every this many simulated hours. */
  readonly actEvery: number;
  /** Real milliseconds to wait per simulated hour (0: as fast as the chain goes). */
  readonly pacing: number;
  /** Notable events (liquidations, refused actions of the leveraged trader), for the log. */
  readonly log?: (message: string) => void;
  /** Called once per simulated day, and at each stage. */
  readonly onProgress?: (progress: SimulationProgress) => void;
};

export type SimulationProgress = {
  readonly stage: "trading" | "settling" | "claiming" | "done";
  readonly hour: number;
  readonly rounds: number;
  readonly trades: number;
  readonly liquidations: number;
};

export type MarketResult = {
  readonly marketId: bigint;
  readonly indexName: string;
  readonly finalPrice: bigint;
  /** The series' own time-weighted average over the window, computed off-chain. */
  readonly seriesAverage: bigint;
  readonly openInterestAtExpiry: bigint;
};

export type ActorResult = {
  readonly name: string;
  readonly address: Address;
  readonly deposited: bigint;
  readonly finalCollateral: bigint;
};

export type SimulationResult = {
  readonly seriesStart: number;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly rounds: number;
  readonly trades: number;
  readonly liquidations: { readonly account: Address; readonly marketId: bigint }[];
  readonly markets: readonly MarketResult[];
  readonly actors: readonly ActorResult[];
  /** The GPU owner's capacity posted as cover on the H100 market (absent without that market). */
  readonly cover?: OwnerCover & { readonly marketId: bigint };
};

/** A small seeded PRNG (mulberry32), so every run trades the same way. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const { chain, deployment } = options;
  const viemChain = (await chain.viem.getPublicClient()).chain;
  const publicClient = createPublicClient({ chain: viemChain, transport: http(chain.url) }) as PublicClient;
  const wallets = (await chain.viem.getWalletClients()) as unknown as Wallet[];
  if (wallets.length < 17) throw new Error("the local chain needs 17 funded accounts");
  const admin = wallets[0] as Wallet;
  const others = wallets.slice(1);
  const v = venue(publicClient, deployment, chain.url);
  const decimals = deployment.collateral.decimals;
  const unit = 10n ** BigInt(decimals);
  const oracle = deployment.contracts.IndexOracle.address;

  // Series hour 0 is a Monday 00:00 UTC: start at the chain's next Monday.
  const now = Number((await publicClient.getBlock()).timestamp);
  const seriesStart = Math.ceil((now + 3 * 24 * HOUR + 1) / WEEK) * WEEK - 3 * 24 * HOUR;
  const at = (hour: number) => seriesStart + hour * HOUR;
  const series = await loadIndexSeries();

  // Markets: one per index, trading from now, delivering over the series' last four weeks.
  const templates = defaultMarketTemplates(decimals);
  const markets: { marketId: bigint; indexName: string; tick: bigint; lot: bigint; series: IndexSeries }[] = [];
  for (const template of templates) {
    const indexSeries = series.find((s) => s.name === template.indexName);
    if (!indexSeries) continue;
    const { marketId } = await listMarket({
      publicClient,
      wallet: admin,
      clearingHouse: v.clearingHouse,
      template,
      window: { tradingStart: now, windowStart: at(WINDOW_START_HOUR), windowEnd: at(WINDOW_END_HOUR) },
    });
    markets.push({
      marketId,
      indexName: template.indexName,
      tick: template.tickSize,
      lot: BigInt(template.lotSize),
      series: indexSeries,
    });
  }

  // Oracle publishers: each computes the index from provider quotes with the SDK and signs it.
  const source = seriesQuoteSource(series, BigInt(seriesStart));
  const publishers = PUBLISHER_KEYS.slice(0, 3).map((key) =>
    createPublisher(createWalletClient({ account: privateKeyToAccount(key), transport: http(chain.url) }), {
      oracle,
      chainId: deployment.chainId,
      source,
      method: { maxQuoteAge: BigInt(24 * HOUR) },
    }),
  );
  const keeper = admin;
  const roundSender = createWalletClient({ account: admin.account, chain: viemChain, transport: http(chain.url) });

  // Actors and their collateral.
  const [mm1, mm2, lab, owner, spec1, spec2, spec3, doomed] = others.slice(8) as Wallet[];
  const actors: { name: string; wallet: Wallet; deposit: bigint }[] = [
    { name: "market maker A", wallet: mm1 as Wallet, deposit: 5_000_000n * unit },
    { name: "market maker B", wallet: mm2 as Wallet, deposit: 5_000_000n * unit },
    { name: "AI lab (long hedge)", wallet: lab as Wallet, deposit: 1_000_000n * unit },
    { name: "GPU owner (short hedge)", wallet: owner as Wallet, deposit: 1_000_000n * unit },
    { name: "speculator 1", wallet: spec1 as Wallet, deposit: 250_000n * unit },
    { name: "speculator 2", wallet: spec2 as Wallet, deposit: 250_000n * unit },
    { name: "speculator 3", wallet: spec3 as Wallet, deposit: 250_000n * unit },
    { name: "keeper", wallet: keeper, deposit: 2_000_000n * unit },
  ];
  const doomedDeposit = 6_000n * unit;
  for (const actor of [...actors, { name: "leveraged trader", wallet: doomed as Wallet, deposit: doomedDeposit }]) {
    await mint(actor.wallet.account.address, actor.deposit);
  }
  for (const actor of actors) await v.deposit(actor.wallet, actor.deposit);

  // The GPU owner posts its 40 H100s over the delivery window as capacity tokens: its short hedge
  // below is then margined at the market's covered rates. Bond: twice the first fixing per hour.
  let cover: SimulationResult["cover"];
  const coveredMarket = markets.find((m) => m.indexName === "H100-SXM-USD-HR");
  const firstFixing = coveredMarket?.series.prices.find((price) => price !== undefined);
  if (coveredMarket && firstFixing && templates.find((t) => t.indexName === coveredMarket.indexName)?.cover) {
    const gpuCount = 40;
    const bondRate = 2n * firstFixing;
    await mint((owner as Wallet).account.address, BigInt(gpuCount * (WINDOW_END_HOUR - WINDOW_START_HOUR)) * bondRate);
    const posted = await postOwnerCover({
      publicClient,
      deployment,
      venue: v,
      admin,
      owner: owner as Wallet,
      marketId: coveredMarket.marketId,
      indexName: coveredMarket.indexName,
      gpuCount,
      windowStart: at(WINDOW_START_HOUR),
      windowEnd: at(WINDOW_END_HOUR),
      bondRate,
      now,
    });
    cover = { ...posted, marketId: coveredMarket.marketId };
    options.log?.(
      `GPU owner: ${posted.units} GPU-hours of ${coveredMarket.indexName} capacity minted (bond ${formatUnits(posted.bond, decimals)}) and posted as cover on market #${coveredMarket.marketId}.`,
    );
  }

  async function mint(to: Address, amount: bigint) {
    const hash = await admin.writeContract({
      address: deployment.collateral.address,
      abi: [
        {
          type: "function",
          name: "mint",
          stateMutability: "nonpayable",
          inputs: [
            { name: "to", type: "address" },
            { name: "amount", type: "uint256" },
          ],
          outputs: [],
        },
      ] as const,
      functionName: "mint",
      args: [to, amount],
    });
    await publicClient.waitForTransactionReceipt({ hash });
  }

  const next = random(42);
  let rounds = 0;
  let trades = 0;
  const liquidations: { account: Address; marketId: bigint }[] = [];
  const fixing = (market: (typeof markets)[number], hour: number): bigint | undefined => {
    for (let h = hour; h >= 0; h--) {
      const price = market.series.prices[h];
      if (price !== undefined) return price;
    }
    return undefined;
  };
  const onTick = (price: bigint, tick: bigint) => (price / tick) * tick;
  const lots = (size: number, lot: bigint) => (BigInt(Math.max(1, Math.round(size))) / lot) * lot || lot;

  async function quote(hour: number) {
    for (const market of markets) {
      const fair = fixing(market, hour);
      if (fair === undefined) continue;
      const scale = market.indexName.startsWith("POWER") ? 0.02 : 1;
      for (const [maker, spreadBps] of [
        [mm1, 15n],
        [mm2, 25n],
      ] as const) {
        const levels = [1n, 2n, 3n];
        const bids = levels.map(
          (k) =>
            [
              onTick((fair * (10_000n - spreadBps * k)) / 10_000n, market.tick),
              lots(2_000 * Number(k) * scale, market.lot),
            ] as [bigint, bigint],
        );
        const asks = levels.map(
          (k) =>
            [
              onTick((fair * (10_000n + spreadBps * k)) / 10_000n + market.tick, market.tick),
              lots(2_000 * Number(k) * scale, market.lot),
            ] as [bigint, bigint],
        );
        await v.requote(maker as Wallet, market.marketId, bids, asks);
      }
    }
  }

  async function take(wallet: Wallet, market: (typeof markets)[number], isBid: boolean, size: bigint, hour: number) {
    const fair = fixing(market, hour) ?? 0n;
    const limit = onTick(isBid ? (fair * 10_200n) / 10_000n : (fair * 9_800n) / 10_000n, market.tick);
    const result = await v.marketOrder(wallet, market.marketId, isBid, size, limit);
    if (result.ok) trades++;
    return result.ok;
  }

  async function actorsAct(hour: number) {
    await quote(hour);
    const h100 = markets.find((m) => m.indexName === "H100-SXM-USD-HR");
    const b200 = markets.find((m) => m.indexName === "B200-USD-HR");
    // Hedgers build a 40-GPU month (28,800 GPU-hours) in steps while the contract trades.
    if (h100 && hour >= 24 && hour < WINDOW_START_HOUR + 7 * 24) {
      for (const [wallet, isBid] of [
        [lab, true],
        [owner, false],
      ] as const) {
        const { size } = await v.positionOf((wallet as Wallet).account.address, h100.marketId);
        if ((size < 0n ? -size : size) < 28_800n) await take(wallet as Wallet, h100, isBid, 2_000n, hour);
      }
    }
    // Speculators trade every market once a step, leaning back when their position grows.
    for (const market of markets) {
      const wallet = [spec1, spec2, spec3][Math.floor(next() * 3)] as Wallet;
      const { size } = await v.positionOf(wallet.account.address, market.marketId);
      const limit = market.indexName.startsWith("POWER") ? 200n : 8_000n;
      const isBid = size > limit ? false : size < -limit ? true : next() < 0.5;
      const scale = market.indexName.startsWith("POWER") ? 0.02 : 1;
      await take(wallet, market, isBid, lots((200 + next() * 800) * scale, market.lot), hour);
    }
    // The over-leveraged trader goes long B200 at about 9x, 12,000 GPU-hours on 6,000 of collateral,
    // just before its 8 % drop.
    if (b200 && hour >= LEVERAGE_HOUR && hour < B200_DROP_HOUR) {
      if (hour === LEVERAGE_HOUR) await v.deposit(doomed as Wallet, doomedDeposit);
      for (let order = 0; order < 6; order++) {
        const { size } = await v.positionOf((doomed as Wallet).account.address, b200.marketId);
        if (size >= 12_000n) break;
        const result = await v.marketOrder(
          doomed as Wallet,
          b200.marketId,
          true,
          2_000n,
          onTick(((fixing(b200, hour) ?? 0n) * 10_200n) / 10_000n, b200.tick),
        );
        if (!result.ok) {
          options.log?.(`hour ${hour}: leveraged trader's order refused: ${result.reason}`);
          break;
        }
        trades++;
      }
    }
    await keep(hour);
  }

  /** The keeper: liquidates any account below maintenance margin. */
  async function keep(hour: number) {
    for (const wallet of [lab, owner, spec1, spec2, spec3, doomed] as Wallet[]) {
      const health = await v.health(wallet.account.address);
      if (wallet === doomed && hour >= LEVERAGE_HOUR && hour < LEVERAGE_HOUR + 48) {
        options.log?.(
          `hour ${hour}: leveraged trader equity ${health.equity} maintenance ${health.maintenanceMargin} positions ${health.openPositions}`,
        );
      }
      if (health.openPositions === 0n || health.equity >= BigInt(health.maintenanceMargin)) continue;
      for (const market of markets) {
        const { size } = await v.positionOf(wallet.account.address, market.marketId);
        if (size === 0n) continue;
        const result = await v.liquidate(keeper, wallet.account.address, market.marketId);
        if (result.ok) liquidations.push({ account: wallet.account.address, marketId: market.marketId });
        options.log?.(
          `hour ${hour}: liquidation of ${wallet.account.address} in market ${market.marketId}: ${result.ok ? "done" : result.reason}`,
        );
        break;
      }
    }
  }

  const progress = (stage: SimulationProgress["stage"], hour: number) =>
    options.onProgress?.({ stage, hour, rounds, trades, liquidations: liquidations.length });

  for (let hour = 0; hour < SERIES_HOURS; hour++) {
    const startedAt = Date.now();
    await chain.rpc("evm_setNextBlockTimestamp", [at(hour)]);
    await chain.mine();
    for (const index of series) {
      if (index.prices[hour] === undefined) continue;
      const result = await publishRound(roundSender, {
        oracle,
        indexName: index.name,
        timestamp: at(hour),
        publishers,
      });
      if (result.status === "published") rounds++;
      else throw new Error(`round ${index.name} at hour ${hour} not published: ${result.message}`);
    }
    if (hour % options.actEvery === 0) await actorsAct(hour);
    if (hour % 24 === 0) progress("trading", hour);
    const wait = options.pacing - (Date.now() - startedAt);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  // The window closes: settle every market on the index's average over it, once that average is
  // final: the window's end plus its index's maxSubmissionDelay (rounds inside the window may
  // still arrive until then, finding S-1). Hourly rounds at the last fixing keep every index
  // fresh meanwhile; rounds at or after the window's end leave its average unchanged.
  progress("settling", SERIES_HOURS);
  const pending: { market: (typeof markets)[number]; opensAt: number }[] = [];
  for (const market of markets) {
    const [indexId] = await v.market(market.marketId);
    const { maxSubmissionDelay } = await getIndexParams(publicClient, { oracle, indexId });
    pending.push({ market, opensAt: at(WINDOW_END_HOUR) + maxSubmissionDelay });
  }
  const openInterest = new Map<bigint, bigint>();
  let settleAt = at(WINDOW_END_HOUR);
  for (let hour = WINDOW_END_HOUR; pending.length > 0; hour++) {
    settleAt = at(hour);
    await chain.rpc("evm_setNextBlockTimestamp", [settleAt]);
    await chain.mine();
    for (const index of series) {
      const result = await publishRound(roundSender, {
        oracle,
        indexName: index.name,
        timestamp: settleAt,
        publishers,
      });
      if (result.status !== "published") throw new Error(`round ${index.name} at ${settleAt}: ${result.message}`);
    }
    for (const { market } of pending.filter((p) => p.opensAt <= settleAt)) {
      const [, , , trading] = await v.market(market.marketId);
      openInterest.set(market.marketId, trading.openInterest);
      const proposed = await v.proposeSettlement(keeper, market.marketId);
      if (!proposed.ok) throw new Error(`proposeSettlement(${market.marketId}): ${proposed.reason}`);
    }
    pending.splice(0, pending.length, ...pending.filter((p) => p.opensAt > settleAt));
  }
  const day = 24 * HOUR;
  await chain.rpc("evm_setNextBlockTimestamp", [settleAt + day + 60]);
  await chain.mine();
  for (const market of markets) {
    const finalized = await v.finalizeSettlement(keeper, market.marketId);
    if (!finalized.ok) throw new Error(`finalizeSettlement(${market.marketId}): ${finalized.reason}`);
  }

  progress("claiming", SERIES_HOURS);
  const everyone = [...actors.map((a) => a.wallet), doomed as Wallet];
  for (const market of markets) {
    for (const wallet of everyone) {
      const { size } = await v.positionOf(wallet.account.address, market.marketId);
      if (size !== 0n) await v.claimSettlement(keeper, wallet.account.address, market.marketId);
    }
  }

  const marketResults: MarketResult[] = [];
  for (const market of markets) {
    const [, , risk] = await v.market(market.marketId);
    const fixings: PriceRound[] = [];
    for (const [hour, price] of market.series.prices.entries()) {
      if (price !== undefined) fixings.push({ timestamp: BigInt(at(hour)), price });
    }
    marketResults.push({
      marketId: market.marketId,
      indexName: market.indexName,
      finalPrice: BigInt(risk.finalPrice),
      seriesAverage: averagePriceDown(fixings, BigInt(at(WINDOW_START_HOUR)), BigInt(at(WINDOW_END_HOUR))),
      openInterestAtExpiry: openInterest.get(market.marketId) ?? 0n,
    });
  }
  const actorResults: ActorResult[] = [];
  for (const actor of [...actors, { name: "leveraged trader", wallet: doomed as Wallet, deposit: doomedDeposit }]) {
    actorResults.push({
      name: actor.name,
      address: actor.wallet.account.address,
      deposited: actor.deposit,
      finalCollateral: await v.collateralOf(actor.wallet.account.address),
    });
  }
  progress("done", SERIES_HOURS);
  return {
    seriesStart,
    windowStart: at(WINDOW_START_HOUR),
    windowEnd: at(WINDOW_END_HOUR),
    rounds,
    trades,
    liquidations,
    markets: marketResults,
    actors: actorResults,
    ...(cover ? { cover } : {}),
  };
}
