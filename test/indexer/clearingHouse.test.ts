/**
 * End to end for the clearing house, order book and their REST routes: a local chain, Computus
 * deployed, deposits, resting orders, fills, cancels, cancel-all, a liquidation into bad debt, a
 * settlement (proposed, disputed, finalised with a write-down) and claims; then the indexer, on
 * PGlite and on PostgreSQL, must agree with the chain's own views (positions, collateral, book,
 * open interest, market aggregates, pools, health) at the block it has indexed, and the solvency
 * report must reconcile with the token balance read at that block. Bad input → 4xx.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@ponder/client";
import {
  type Address,
  erc20Abi,
  getAddress,
  type Hex,
  keccak256,
  parseSignature,
  signatureToCompactSignature,
  stringToHex,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../indexer/ponder.schema.js";
import { DEFAULT_INDEXES } from "../../scripts/deploy/indexes.js";
import { defaultMarketTemplates, listMarket } from "../../scripts/deploy/markets.js";
import { capacityTokenAbi, clearingHouseAbi } from "../../sdk/src/generated/abis.js";
import { toIndexId } from "../../sdk/src/oracle/indexId.js";
import { ORDER_KIND, type Trader, trader } from "../support/clearingHouse.js";
import { type LocalChain, startLocalChain, uniqueChainId } from "../support/localChain.js";
import { deployLocal, type LocalDeployment, submitRound } from "../support/oracle.js";
import { waitForHead } from "../support/oracleChecks.js";
import { type PonderProcess, startPonder, waitFor } from "../support/ponderProcess.js";
import {
  dropSchema,
  forgetLocalChain,
  postgresUnavailableReason,
  releaseSchemaLock,
  TEST_DATABASE_URL,
} from "../support/postgres.js";

const H100 = "H100-SXM-USD-HR";
const P = 2_000_000n;
const HOUR = 3_600n;
const USDC = 1_000_000n;

let chain: LocalChain;
let local: LocalDeployment;
let t: Trader;
let wallets: WalletClient[];
let traders: Address[];
/** A block after the liquidation and before the settlement, for the positions CSV. */
let midBlock: bigint;
let fillCount = 0;
const tempDirs: string[] = [];
const ponders = new Set<PonderProcess>();
const addr = (w: WalletClient | undefined) => w?.account?.address as Address;

async function orderIdsPlaced(block: bigint): Promise<bigint[]> {
  const publicClient = await chain.viem.getPublicClient();
  const logs = await publicClient.getContractEvents({
    address: t.clearingHouse,
    abi: clearingHouseAbi,
    eventName: "OrderPlaced",
    fromBlock: block,
    toBlock: block,
  });
  return logs.map((log) => log.args.orderId as bigint);
}

async function round(timestamp: bigint, price = P) {
  await submitRound(chain, local, { indexName: H100, timestamp: Number(timestamp), prices: [price, price, price] });
}

/** A test-only attestor key (never used outside the in-process chain). */
const ATTESTOR = privateKeyToAccount(`0x${"a7".repeat(32)}`);
let capacityId = 0n;
let capacityHolders: Address[] = [];
let coverMarket = 0n;

/**
 * Capacity tokens: a provider mints 4,000 GPU-hours (attested) to a holder, who passes 500 on
 * and redeems 100 for delivery.
 */
async function capacity() {
  const [admin, , , , , , , , , , , , provider, holder, other] = wallets;
  if (!admin || !provider || !holder || !other) throw new Error("wallets");
  const address = local.deployment.contracts.CapacityToken?.address as Address;
  const publicClient = await chain.viem.getPublicClient();
  const role = await publicClient.readContract({ address, abi: capacityTokenAbi, functionName: "ATTESTOR_ROLE" });
  await t.send(admin, address, capacityTokenAbi, "grantRole", [role, ATTESTOR.address]);
  await t.send(admin, address, capacityTokenAbi, "setBondRate", [toIndexId(H100), 2n * P]);
  const mockAbi = [
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
  ] as const;
  await t.send(provider, t.collateral, mockAbi, "mint", [addr(provider), 1_000_000n * USDC]);
  await t.send(provider, t.collateral, erc20Abi, "approve", [address, 2n ** 255n]);
  const now = Number((await chain.head()).timestamp);
  const start = Math.ceil((now + 7 * 86_400) / 3_600) * 3_600;
  const attestation = {
    provider: addr(provider),
    start,
    end: start + 30 * 86_400,
    gpuCount: 8,
    units: 4_000n,
    expiry: now + 86_400,
    indexId: toIndexId(H100),
    evidenceHash: keccak256(stringToHex("hardware evidence")),
    nonce: 0n,
  };
  const signature = await ATTESTOR.signTypedData({
    domain: { name: "Computus Capacity", version: "1", chainId: chain.chainId, verifyingContract: address },
    types: {
      CapacityAttestation: [
        { name: "provider", type: "address" },
        { name: "start", type: "uint32" },
        { name: "end", type: "uint32" },
        { name: "gpuCount", type: "uint32" },
        { name: "units", type: "uint64" },
        { name: "expiry", type: "uint32" },
        { name: "indexId", type: "bytes32" },
        { name: "evidenceHash", type: "bytes32" },
        { name: "nonce", type: "uint256" },
      ],
    },
    primaryType: "CapacityAttestation",
    message: attestation,
  });
  const { r, yParityAndS } = signatureToCompactSignature(parseSignature(signature));
  await t.send(provider, address, capacityTokenAbi, "mint", [attestation, addr(holder), r, yParityAndS]);
  capacityId = await publicClient.readContract({
    address,
    abi: capacityTokenAbi,
    functionName: "idOf",
    args: [addr(provider), toIndexId(H100), start, start + 30 * 86_400],
  });
  await t.send(holder, address, capacityTokenAbi, "safeTransferFrom", [
    addr(holder),
    addr(other),
    capacityId,
    500n,
    "0x",
  ]);
  await t.send(holder, address, capacityTokenAbi, "redeem", [
    capacityId,
    100n,
    keccak256(stringToHex("ssh-ed25519 lab")) as Hex,
  ]);
  capacityHolders = [holder, other, provider].map((w) => getAddress(addr(w)));
  // Covered shorts: a market on the capacity's window (the H100 template enables cover); the
  // holder posts 1,000 units, takes 200 back.
  const template = defaultMarketTemplates(6).find((m) => m.indexName === H100);
  if (!template) throw new Error("template");
  const { marketId } = await listMarket({
    publicClient,
    wallet: admin,
    clearingHouse: t.clearingHouse,
    template,
    window: { tradingStart: now, windowStart: start, windowEnd: start + 30 * 86_400 },
  });
  coverMarket = marketId;
  await t.send(holder, address, capacityTokenAbi, "setApprovalForAll", [t.clearingHouse, true]);
  await t.ch(holder, "postCapacityCollateral", [marketId, capacityId, 1_000n]);
  await t.ch(holder, "withdrawCapacityCollateral", [marketId, capacityId, 200n]);
}

/** The whole trading scenario (see the file's comment). */
async function trade() {
  const publicClient = await chain.viem.getPublicClient();
  wallets = await t.wallets();
  const [admin, , , , , , maker, taker, levered, liquidator, buyer, seller] = wallets;
  if (!admin || !maker || !taker || !levered || !liquidator || !buyer || !seller) throw new Error("wallets");
  traders = [maker, taker, levered, liquidator, buyer, seller].map((w) => getAddress(addr(w)));
  const t0 = (await chain.head()).timestamp;
  const template = defaultMarketTemplates(6).find((m) => m.indexName === H100);
  if (!template) throw new Error("template");
  // Market 2: a short "month" (window 4 h to 6 h from now), so the test can settle it.
  const { marketId } = await listMarket({
    publicClient,
    wallet: admin,
    clearingHouse: t.clearingHouse,
    template,
    window: { tradingStart: Number(t0), windowStart: Number(t0 + 4n * HOUR), windowEnd: Number(t0 + 6n * HOUR) },
  });
  expect(marketId).toBe(2n);
  await round(t0 + 60n);

  await t.fund(maker, 1_000_000n * USDC);
  for (const w of [taker, liquidator, buyer, seller]) await t.fund(w, 100_000n * USDC);
  await t.fund(levered, 220n * USDC);

  // Maker: a 1,000 ask for the levered buyer first (FIFO), then a ladder.
  await t.place(maker, { marketId: 2n, isBid: false, price: P, size: 1_000n });
  const ladder = await t.batch(
    maker,
    [],
    [
      { marketId: 2n, isBid: false, price: P, size: 100n },
      { marketId: 2n, isBid: false, price: P + 1_000n, size: 100n },
      { marketId: 2n, isBid: false, price: P + 2_000n, size: 100n },
      { marketId: 2n, isBid: true, price: P - 1_000n, size: 100n },
      { marketId: 2n, isBid: true, price: P - 2_000n, size: 100n },
    ],
  );
  const ladderIds = await orderIdsPlaced(ladder);
  await t.place(levered, { marketId: 2n, isBid: true, kind: ORDER_KIND.IOC, price: P, size: 1_000n });
  await t.place(taker, { marketId: 2n, isBid: true, kind: ORDER_KIND.IOC, price: P + 1_000n, size: 150n });
  await t.place(taker, { marketId: 2n, isBid: false, kind: ORDER_KIND.Market, price: P - 2_000n, size: 50n });
  fillCount = 1 + 2 + 1;
  // The maker pulls its bids (one partly filled), quotes the monthly market, then cancels it all.
  await t.batch(maker, [ladderIds[3] as bigint, ladderIds[4] as bigint], []);
  await t.batch(
    maker,
    [],
    [
      { marketId: 1n, isBid: true, price: P - 10_000n, size: 10n },
      { marketId: 1n, isBid: true, price: P - 10_000n, size: 20n },
      { marketId: 1n, isBid: false, price: P + 10_000n, size: 30n },
    ],
  );
  await t.ch(maker, "cancelAll", [1n]);
  // The traded average falls to 1.78 (a trade 700 s later moves it fully) and the index with it:
  // the levered long is underwater and is liquidated into bad debt. (A liquidation values a long
  // at the higher of mark and index, so a traded price alone would not do: docs/threat-model.md
  // F-2.) The index then returns to P.
  await t.place(buyer, { marketId: 2n, isBid: true, price: 1_780_000n, size: 10n });
  await t.setNextTimestamp((await chain.head()).timestamp + 700n);
  await t.place(seller, { marketId: 2n, isBid: false, kind: ORDER_KIND.Market, price: 1_780_000n, size: 10n });
  fillCount += 1;
  await round((await chain.head()).timestamp + 1n, 1_780_000n);
  await t.ch(liquidator, "liquidate", [addr(levered), 2n, 2n ** 255n]);
  await round((await chain.head()).timestamp + 1n);
  // A resting order left in the book, partly filled.
  await t.place(buyer, { marketId: 2n, isBid: true, price: 1_990_000n, size: 40n });
  await t.place(seller, { marketId: 2n, isBid: false, kind: ORDER_KIND.IOC, price: 1_990_000n, size: 10n });
  fillCount += 1;
  midBlock = (await chain.head()).number;

  // Rounds through the window, then settlement: proposed, disputed, finalised, two claims.
  for (let h = 1n; h <= 7n; h++) await round(t0 + h * HOUR, P + h * 1_000n);
  try {
    await t.ch(admin, "proposeSettlement", [2n]);
  } catch {
    await t.setNextTimestamp((await chain.head()).timestamp + 3n * 86_400n + 10n);
    await t.ch(admin, "proposeSettlement", [2n]);
  }
  await t.ch(admin, "disputeSettlement", [2n, 2_010_000n, "test: the guardian corrects the average"]);
  await t.setNextTimestamp((await chain.head()).timestamp + 86_401n);
  await t.ch(admin, "finalizeSettlement", [2n]);
  await t.ch(admin, "claimSettlement", [addr(taker), 2n]);
  await t.ch(taker, "claimSettlement", [addr(maker), 2n]);
  await t.ch(taker, "withdraw", [1_000n * USDC, addr(taker)]);
  await t.ch(admin, "collectFees", [addr(admin), 1n]);
  await capacity();
}

async function readCh<T>(functionName: string, args: readonly unknown[], blockNumber: bigint): Promise<T> {
  const publicClient = await chain.viem.getPublicClient();
  // biome-ignore lint/suspicious/noExplicitAny: every view of the clearing house (order books included)
  return (await (publicClient as any).readContract({
    address: t.clearingHouse,
    abi: clearingHouseAbi,
    functionName,
    args,
    blockNumber,
  })) as T;
}

type Json = Record<string, unknown>;
const ok = async <T = Json>(ponder: PonderProcess, path: string): Promise<T> => {
  const { status, body } = await ponder.get<T>(path);
  expect(status, `${path}: ${JSON.stringify(body)}`).toBe(200);
  return body;
};

/** Every comparison with the chain, at the block the indexer has reached. */
async function compareWithChain(ponder: PonderProcess) {
  await waitForHead(ponder, chain);
  // Wait for the last transaction's rows (the head is indexed, the API sees them).
  const block = await waitFor(
    async () => {
      const s = await ponder.get<Json>("/api/solvency");
      return s.status === 200 && BigInt(s.body.blockNumber as string) >= (await chain.head()).number
        ? s.body
        : undefined;
    },
    { timeoutMs: 30_000, describe: () => "solvency at the head" },
  );
  const solvency = block.value as Json;
  const at = BigInt(solvency.blockNumber as string);

  // Solvency: the balance read independently, the pools, and the identity.
  const publicClient = await chain.viem.getPublicClient();
  const balance = await publicClient.readContract({
    address: t.collateral,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [t.clearingHouse],
    blockNumber: at,
  });
  expect(BigInt(solvency.tokenBalance as string)).toBe(balance);
  const [fees, insurance, deficit] = await readCh<[bigint, bigint, bigint]>("pools", [], at);
  expect([solvency.fees, solvency.insurance, solvency.deficit]).toEqual([fees, insurance, deficit].map(String));
  expect(solvency.matches, JSON.stringify(solvency)).toBe(true);
  expect(BigInt(solvency.difference as string)).toBe(
    -(BigInt(solvency.pendingBadDebt as string) + BigInt(solvency.deficit as string)),
  );

  // Markets: aggregates, settlement and write-down.
  for (const id of [1n, 2n]) {
    const m = await ok<Json>(ponder, `/api/markets/${id}`);
    const [, , risk, trading, tail] = await readCh<[unknown, unknown, Json, Json, Json]>("market", [id], at);
    expect(m.openInterest).toBe(String(trading.openInterest));
    expect(m.longOpenNotional).toBe(String(trading.longOpenNotional));
    expect(m.shortOpenNotional).toBe(String(tail.shortOpenNotional));
    expect(m.ema).toBe(String(trading.ema));
    expect(m.badDebt).toBe(String(tail.badDebt));
    expect(m.writeDownPerUnit).toBe(String(tail.haircut));
    if (m.stage !== "none") expect(m.finalPrice).toBe(String(risk.finalPrice));
    const oi = await ok<Json>(ponder, `/api/markets/${id}/open-interest`);
    expect(oi.openInterest).toBe(String(trading.openInterest));
    const state = await readCh<number>("marketState", [id], at);
    expect(m.state).toBe(["Listed", "Trading", "Averaging", "Expired", "Settled"][state]);
  }

  // Accounts: collateral, every position, equity and maintenance margin.
  for (const account of traders) {
    const a = await ok<Json>(ponder, `/api/accounts/${account}`);
    expect(a.collateral).toBe(String(await readCh<bigint>("collateralOf", [account], at)));
    for (const id of [1n, 2n]) {
      const [size, openNotional] = await readCh<[bigint, bigint]>("positionOf", [account, id], at);
      const p = (a.positions as Json[]).find((x) => x.marketId === String(id));
      expect([p?.size ?? "0", p?.openNotional ?? "0"], `${account} in ${id}`).toEqual([
        String(size),
        String(openNotional),
      ]);
    }
    const health = await readCh<Json>("health", [account], at);
    expect(a.equity).toBe(String(health.equity));
    expect(a.maintenanceMargin).toBe(String(health.maintenanceMargin));
  }

  // The book: each level's live orders, each open order's remaining size, the best prices.
  const book = await ok<{ bids: Json[]; asks: Json[] }>(ponder, "/api/markets/2/book");
  for (const [side, isBid] of [
    [book.bids, true],
    [book.asks, false],
  ] as const) {
    for (const level of side) {
      const [, , count] = await readCh<[bigint, bigint, bigint]>(
        "levelOf",
        [2n, isBid, BigInt(level.price as string)],
        at,
      );
      expect(level.orders).toBe(Number(count));
    }
  }
  const [bestBid, bestAsk] = await readCh<[bigint, bigint]>("bestPrices", [2n], at);
  expect(book.bids[0]?.price ?? "0").toBe(String(bestBid));
  expect(book.asks[0]?.price ?? "0").toBe(String(bestAsk));
  const open = await ok<{ orders: Json[] }>(ponder, "/api/markets/2/orders");
  expect(open.orders.length).toBeGreaterThan(0);
  for (const order of open.orders) {
    const onChain = await readCh<Json>("orderOf", [BigInt(order.id as string)], at);
    expect(order.remaining).toBe(String(onChain.size));
    expect(getAddress(order.owner as string)).toBe(getAddress(onChain.owner as string));
    // Side and price: from the order id and the market's tick size (the event carries neither).
    expect([order.isBid, order.price]).toEqual([onChain.isBid, String(onChain.price)]);
  }
  const dead = await ok<{ orders: Json[] }>(ponder, "/api/markets/1/orders?status=dead");
  expect(dead.orders).toHaveLength(3);

  // Trades, candles, liquidations, settlements.
  const trades = await ok<{ trades: Json[] }>(ponder, "/api/trades?limit=100");
  expect(trades.trades).toHaveLength(fillCount);
  expect(Object.keys(trades.trades[0] ?? {})).toEqual(
    expect.arrayContaining(["marketId", "price", "size", "takerIsBuy", "taker", "maker", "timestamp", "blockNumber"]),
  );
  // Market 2's fills, oldest first: market, taker side and price come from each Fill's order id
  // (the maker took its order's side), the fees are 1 and 5 bps of the notional (rounded up).
  const m2Trades = (await ok<{ trades: Json[] }>(ponder, "/api/markets/2/trades?limit=100")).trades.reverse();
  const fee = (size: bigint, price: bigint, bps: bigint) => (size * price * bps + 9_999n) / 10_000n;
  expect(
    m2Trades.map((x) => [
      x.marketId,
      x.takerIsBuy,
      x.price,
      x.size,
      x.makerFee,
      x.takerFee,
      getAddress(x.maker as string),
    ]),
  ).toEqual(
    (
      [
        [true, P, 1_000n, 0], // the levered buyer lifts the maker's first ask
        [true, P, 100n, 0], // the taker's IOC buy: the rest of the level at P …
        [true, P + 1_000n, 50n, 0], // … then the next ask
        [false, P - 1_000n, 50n, 0], // the taker's market sell hits the best bid
        [false, 1_780_000n, 10n, 4], // the seller hits the buyer's bid
        [false, 1_990_000n, 10n, 4], // and again, at 1.99
      ] as const
    ).map(([buy, price, size, maker]) => [
      "2",
      buy,
      String(price),
      String(size),
      String(fee(size, price, 1n)),
      String(fee(size, price, 5n)),
      traders[maker],
    ]),
  );
  const candles = await ok<{ candles: Json[] }>(ponder, "/api/markets/2/candles?interval=1h");
  const m2 = await ok<Json>(ponder, "/api/markets/2");
  expect(candles.candles.reduce((s, c) => s + BigInt(c.volume as string), 0n)).toBe(BigInt(m2.volume as string));
  const liquidations = await ok<{ liquidations: Json[] }>(ponder, "/api/liquidations");
  expect(liquidations.liquidations).toHaveLength(1);
  expect(getAddress(liquidations.liquidations[0]?.account as string)).toBe(traders[2]);
  const settlements = await ok<{ settlements: Json[] }>(ponder, "/api/settlements");
  expect(settlements.settlements).toHaveLength(1);
  expect(settlements.settlements[0]).toMatchObject({
    marketId: "2",
    status: "settled",
    finalPrice: "2010000",
    claims: 2,
  });
  const markets = await ok<{ markets: Json[] }>(ponder, "/api/markets");
  expect(markets.markets.map((m) => m.marketId)).toEqual(["1", "2", "3"]);
  const accounts = await ok<{ accounts: Json[] }>(ponder, "/api/accounts?limit=50");
  expect(accounts.accounts.length).toBeGreaterThanOrEqual(traders.length);

  // Positions at a past block, as CSV, against positionOf at that block.
  const csv = await ponder.get<string>(`/api/markets/2/positions.csv?block=${midBlock}`);
  expect(csv.status).toBe(200);
  const lines = String(csv.body).trim().split("\r\n").slice(1);
  const csvRows = new Map(lines.map((l) => l.split(",")).map((f) => [getAddress(f[2] as string), f]));
  for (const account of traders) {
    const [size, openNotional] = await readCh<[bigint, bigint]>("positionOf", [account, 2n], midBlock);
    const row = csvRows.get(account);
    expect([row?.[3] ?? "0", row?.[4] ?? "0"], `${account} at ${midBlock}`).toEqual([
      String(size),
      String(openNotional),
    ]);
  }
  // Capacity tokens (SQL over HTTP): ledger, terms, balances and the redemption request.
  const capacityAddress = local.deployment.contracts.CapacityToken?.address as Address;
  const client = createClient(`${ponder.url}/sql`, { schema });
  const [token] = await client.db.select().from(schema.capacityTokens);
  expect(token?.id).toBe(capacityId);
  const ledger = (await publicClient.readContract({
    address: capacityAddress,
    abi: capacityTokenAbi,
    functionName: "ledger",
    args: [capacityId],
    blockNumber: at,
  })) as { outstanding: bigint; pending: bigint; bondPerHour: bigint };
  expect([token?.outstanding, token?.redeemed, token?.bondPerHour]).toEqual([
    ledger.outstanding,
    ledger.pending,
    ledger.bondPerHour,
  ]);
  const bond = await publicClient.readContract({
    address: capacityAddress,
    abi: capacityTokenAbi,
    functionName: "bondOf",
    args: [capacityId],
    blockNumber: at,
  });
  expect(token?.bond).toBe(bond);
  const balances = await client.db.select().from(schema.capacityBalances);
  for (const holder of capacityHolders) {
    const onChain = await publicClient.readContract({
      address: capacityAddress,
      abi: capacityTokenAbi,
      functionName: "balanceOf",
      args: [holder, capacityId],
      blockNumber: at,
    });
    const row = balances.find((b) => getAddress(b.holder) === holder);
    expect(row?.balance ?? 0n, holder).toBe(onChain);
  }
  const requests = await client.db.select().from(schema.deliveries);
  expect(requests.map((d) => [d.requestIndex, d.units, d.status])).toEqual([[0, 100n, "pending"]]);
  // Capacity posted as cover: the indexer's table and REST routes against the clearing house's
  // custody on the chain (coverOf itself values the units, so it needs a fresh index).
  const coverOwner = capacityHolders[0] as Address;
  const postedUnits = await publicClient.readContract({
    address: capacityAddress,
    abi: capacityTokenAbi,
    functionName: "balanceOf",
    args: [t.clearingHouse, capacityId],
    blockNumber: at,
  });
  expect(postedUnits).toBe(800n);
  const cover = await ok<{ collateral: Json[] }>(ponder, `/api/capacity/collateral?account=${coverOwner}`);
  expect(cover.collateral.map((c) => [c.marketId, c.tokenId, c.units, c.posted, c.withdrawn])).toEqual([
    [String(coverMarket), String(capacityId), String(postedUnits), "1000", "200"],
  ]);
  const totals = await ok<Json>(ponder, "/api/capacity");
  expect([totals.ids, totals.minted, totals.bonds]).toEqual([1, "4000", String(bond)]);
  expect((totals.collateral as Json).units).toBe("800");
  const owner = await ok<Json>(ponder, `/api/accounts/${coverOwner}`);
  expect((owner.capacityCollateral as Json[]).length).toBe(1);
  return { at, solvency };
}

async function badInput(ponder: PonderProcess) {
  const unknownAddress = "0x000000000000000000000000000000000000dEaD";
  const cases: [string, number][] = [
    ["/api/markets/abc", 400],
    ["/api/markets/0", 400],
    ["/api/markets/-1", 400],
    ["/api/markets/99999999999999999999999999", 400],
    ["/api/markets/999", 404],
    ["/api/markets/999/book", 404],
    ["/api/markets/2/trades?limit=5000", 400],
    ["/api/markets/2/trades?limit=0", 400],
    ["/api/markets/2/trades?before=12ab", 400],
    ["/api/trades?limit=abc", 400],
    ["/api/markets/2/candles?interval=5m", 400],
    ["/api/markets/2/candles?from=99999999999", 400],
    ["/api/markets/2/positions.csv?block=999999999", 422],
    ["/api/markets/2/positions.csv?block=-3", 400],
    ["/api/markets/2/positions.csv?block=1e3", 400],
    ["/api/markets/2/orders?status=weird", 400],
    ["/api/markets/2/orders?owner=0x12", 400],
    ["/api/accounts/0x1234", 400],
    ["/api/accounts/not-an-address", 400],
    [`/api/accounts/${unknownAddress.replace("dEaD", "DeAd")}`, 400],
    [`/api/accounts/${unknownAddress}`, 404],
    ["/api/accounts?limit=1001", 400],
    ["/api/liquidations?market=x", 400],
    ["/api/liquidations?before=1", 400],
    ["/api/capacity/collateral?account=0x12", 400],
    ["/api/capacity/collateral?market=0", 400],
    ["/api/nothing-here", 404],
  ];
  for (const [path, status] of cases) {
    const response = await ponder.get<Json>(path);
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(status);
    expect(typeof response.body.error, path).toBe("string");
  }
  return cases.length;
}

beforeAll(async () => {
  // A unique chain id: the same chain is indexed into PGlite and into the shared PostgreSQL.
  chain = await startLocalChain({ chainId: uniqueChainId() });
  local = await deployLocal(chain, { indexes: DEFAULT_INDEXES.filter((index) => index.name === H100) });
  t = trader(chain, local);
  const started = Date.now();
  await trade();
  console.log(`clearing house scenario: ${Date.now() - started} ms, head ${(await chain.head()).number}`);
}, 120_000);

afterAll(async () => {
  for (const ponder of ponders) await ponder.stop().catch(() => {});
  await chain?.close();
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
  if (local) await rm(local.deploymentsDir, { recursive: true, force: true });
});

async function start(databaseUrl: string | undefined, schema: string) {
  const pgliteDir = databaseUrl ? undefined : await mkdtemp(join(tmpdir(), "computus-ch-pglite-"));
  if (pgliteDir) tempDirs.push(pgliteDir);
  const ponder = await startPonder({
    schema,
    rpcUrl: chain.url,
    chainId: chain.chainId,
    deploymentsDir: local.deploymentsDir,
    databaseUrl,
    pgliteDir,
  });
  ponders.add(ponder);
  const ms = await ponder.waitReady(90_000);
  console.log(`${databaseUrl ? "PostgreSQL" : "PGlite"}: ready in ${ms} ms`);
  return ponder;
}

describe("clearing house indexer on PGlite", () => {
  let ponder: PonderProcess;
  beforeAll(async () => {
    ponder = await start(undefined, `ch_${process.pid}`);
  }, 120_000);
  afterAll(async () => {
    await ponder?.stop();
  });

  it("agrees with the chain's views at the indexed block and reconciles solvency", async () => {
    const { at, solvency } = await compareWithChain(ponder);
    console.log(`PGlite: matched the chain at block ${at}: ${solvency.summary}`);
    console.log(`solvency: ${JSON.stringify(solvency)}`);
    console.log(`book: ${JSON.stringify((await ponder.get("/api/markets/2/book")).body)}`);
  }, 60_000);

  it("answers bad input with a 4xx and a message", async () => {
    console.log(`bad input: ${await badInput(ponder)} cases`);
  }, 30_000);

  it("follows a reorg: the orphaned fill, order fill and candle update disappear", async () => {
    const [, , , , , , maker, taker] = wallets;
    if (!maker || !taker) throw new Error("wallets");
    // Market 1 trades again once the index is fresh (the round is on both branches).
    await round((await chain.head()).timestamp + 60n);
    const snapshot = await chain.snapshot();
    const tradesBefore = (await ok<{ trades: Json[] }>(ponder, "/api/trades?limit=1000")).trades.length;
    await t.place(maker, { marketId: 1n, isBid: false, price: P, size: 20n });
    await t.place(taker, { marketId: 1n, isBid: true, kind: ORDER_KIND.IOC, price: P, size: 10n });
    await waitFor(
      async () =>
        (await ok<{ trades: Json[] }>(ponder, "/api/trades?limit=1000")).trades.length === tradesBefore + 1 ||
        undefined,
      { timeoutMs: 20_000, describe: () => "the fill on the orphaned branch" },
    );
    const orphanedHead = (await chain.head()).number;
    await chain.revert(snapshot);
    // A different, longer branch: a deposit and empty blocks.
    await t.fund(taker, 5n * USDC);
    await chain.mine(Number(orphanedHead - (await chain.head()).number) + 3);
    const started = Date.now();
    await waitFor(
      async () =>
        (await ok<{ trades: Json[] }>(ponder, "/api/trades?limit=1000")).trades.length === tradesBefore || undefined,
      { timeoutMs: 30_000, describe: () => "the orphaned fill removed" },
    );
    console.log(`reorg corrected in ${Date.now() - started} ms`);
    await compareWithChain(ponder);
  }, 90_000);
});

describe("clearing house indexer on PostgreSQL", () => {
  let ponder: PonderProcess | undefined;
  let skipReason: string | undefined;
  const schema = `ch_pg_${process.pid}_${Date.now().toString(36)}`;
  beforeAll(async () => {
    skipReason = await postgresUnavailableReason();
    if (skipReason) {
      console.log(`skipping the PostgreSQL run: ${skipReason}`);
      return;
    }
    ponder = await start(TEST_DATABASE_URL, schema);
  }, 120_000);
  afterAll(async () => {
    await ponder?.stop();
    if (!skipReason) {
      await dropSchema(schema).catch(() => {});
      await forgetLocalChain(chain.chainId).catch(() => {});
    }
  });

  it("agrees with the chain's views at the indexed block and reconciles solvency", async (ctx) => {
    if (!ponder) return ctx.skip();
    const { at, solvency } = await compareWithChain(ponder);
    console.log(`PostgreSQL: matched the chain at block ${at}: ${solvency.summary}`);
    await badInput(ponder);
  }, 60_000);

  it("restarts on its schema without losing or doubling rows", async (ctx) => {
    if (!ponder) return ctx.skip();
    const [, , , , , , maker, taker] = wallets;
    if (!maker || !taker) throw new Error("wallets");
    const before = (await ok<{ trades: Json[] }>(ponder, "/api/trades?limit=1000")).trades;
    await ponder.stop();
    ponders.delete(ponder);
    await releaseSchemaLock(schema).catch(() => {});
    // Traded while the indexer is down.
    await round((await chain.head()).timestamp + 60n);
    await t.place(maker, { marketId: 1n, isBid: false, price: P + 1_000n, size: 20n });
    await t.place(taker, { marketId: 1n, isBid: true, kind: ORDER_KIND.IOC, price: P + 1_000n, size: 20n });
    fillCount += 1;
    ponder = await start(TEST_DATABASE_URL, schema);
    await compareWithChain(ponder);
    const after = (await ok<{ trades: Json[] }>(ponder, "/api/trades?limit=1000")).trades;
    expect(after).toHaveLength(before.length + 1);
    expect(after.slice(1)).toEqual(before);
  }, 90_000);
});
