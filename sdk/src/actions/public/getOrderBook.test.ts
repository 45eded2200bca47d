/**
 * getOrderBook reads the book's state (`depthOf`): levels best first, equal to the levels rebuilt
 * from the book's `OrderPlaced` events with each order read back, after fills, cancels, a
 * cancel-all and an expiry; `depth` cuts from the far end. The rebuild also checks the SDK's
 * `decodeOrderId` on every placed order's id against the clearing house's `orderOf`.
 */
import { type Address, createWalletClient, custom, hexToBigInt, publicActions } from "viem";
import { describe, expect, it } from "vitest";
import { defaultMarketTemplates, listMarket } from "../../../../scripts/deploy/markets.js";
import { computusActions } from "../../decorators/computus.js";
import { clearingHouseAbi, orderBookAbi } from "../../generated/abis.js";
import { decodeOrderId } from "../../math/orderId.js";
import { toIndexId } from "../../oracle/indexId.js";
import { deployLocal, testIndex } from "../../testing/localChain.js";
import type { BookLevel } from "./getOrderBook.js";

const NAME = "H100-SXM-USD-HR";
const USDC = 1_000_000n;
const P = 2_000_000n;

describe("getOrderBook", () => {
  it("returns the live levels of each side, equal to the book rebuilt from its events", async () => {
    const local = await deployLocal({ indexes: [testIndex(NAME, { maxAge: 40 * 86_400 })] });
    const { viem, networkHelpers, deployment, publicClient } = local;
    const timestamp = await networkHelpers.time.latest();
    const observations = await Promise.all(
      local.publisherClients
        .slice(0, 3)
        .map((p) => p.signObservation({ indexId: toIndexId(NAME), timestamp, price: P })),
    );
    await publicClient.waitForTransactionReceipt({
      hash: (await local.submitter.submitRound({ indexId: toIndexId(NAME), timestamp, observations })).hash,
    });
    const [adminWallet, ...wallets] = await viem.getWalletClients();
    const [template] = defaultMarketTemplates(6);
    if (!adminWallet || !template) throw new Error("setup");
    const now = await networkHelpers.time.latest();
    const { marketId } = await listMarket({
      publicClient,
      wallet: adminWallet,
      clearingHouse: deployment.contracts.ClearingHouse?.address as Address,
      template,
      window: { tradingStart: now, windowStart: now + 86_400, windowEnd: now + 2 * 86_400 },
    });
    const token = await viem.getContractAt("MockERC20", deployment.collateral.address);
    const traders = await Promise.all(
      wallets.slice(1, 5).map(async (wallet) => {
        const client = createWalletClient({
          account: wallet.account,
          chain: local.chain,
          transport: custom(local.provider),
        })
          .extend(publicActions)
          .extend(computusActions(deployment));
        await token.write.mint([wallet.account.address, 100_000n * USDC]);
        await client.waitForTransactionReceipt({ hash: (await client.deposit({ amount: 100_000n * USDC })).hash });
        return client;
      }),
    );
    const [alice, bob, carol, dave] = traders as [
      (typeof traders)[0],
      (typeof traders)[0],
      (typeof traders)[0],
      (typeof traders)[0],
    ];
    const place = async (
      who: typeof alice,
      side: "buy" | "sell",
      ticks: bigint,
      size: bigint,
      extra: { type?: "ioc"; expiry?: bigint } = {},
    ) => (await (await who.placeOrder({ marketId, side, price: P + ticks * 1_000n, size, ...extra })).wait()).orderId;

    expect(await alice.getOrderBook({ marketId })).toEqual({
      marketId,
      bids: [],
      asks: [],
      bestBid: null,
      bestAsk: null,
    });

    await place(alice, "buy", -1n, 100n);
    await place(bob, "buy", -1n, 50n);
    await place(carol, "buy", 0n, 30n);
    const bobLow = await place(bob, "buy", -5n, 20n);
    await place(dave, "buy", -7n, 40n);
    await place(alice, "sell", 1n, 100n);
    await place(bob, "sell", 1n, 60n);
    await place(carol, "sell", 2n, 10n, { expiry: BigInt(now) + 600n });
    await place(dave, "sell", 4n, 70n);
    await place(carol, "sell", 6n, 80n);
    await place(dave, "buy", 1n, 120n, { type: "ioc" }); // alice's ask filled, bob's 20 of 60
    await (await bob.cancelOrder({ orderId: bobLow })).wait();
    await (await carol.cancelAllOrders({ marketId })).wait(); // carol's best bid (at P) and her ask at +6 die
    await networkHelpers.time.increase(601); // carol's ask at +2 expires

    const level = (ticks: bigint, size: bigint, orders: number): BookLevel => ({
      price: P + ticks * 1_000n,
      size,
      orders,
    });
    const book = await alice.getOrderBook({ marketId });
    expect(book).toEqual({
      marketId,
      bids: [level(-1n, 150n, 2), level(-7n, 40n, 1)],
      asks: [level(1n, 40n, 1), level(4n, 70n, 1)],
      bestBid: P - 1_000n,
      bestAsk: P + 1_000n,
    });
    // The cached best bid is still carol's dead level, which the view leaves out.
    const [bestBid] = await publicClient.readContract({
      address: deployment.contracts.ClearingHouse?.address as Address,
      abi: orderBookAbi,
      functionName: "bestPrices",
      args: [marketId],
    });
    expect(bestBid).toBe(P);
    expect(await rebuild(local, marketId)).toEqual({ bids: book.bids, asks: book.asks });
    expect((await alice.getOrderBook({ marketId, depth: 1 })).asks).toEqual([level(1n, 40n, 1)]);
  }, 120_000);
});

/** The reference: every `OrderPlaced` order read back, live at its owner's epoch and unexpired. */
async function rebuild(local: Awaited<ReturnType<typeof deployLocal>>, marketId: bigint) {
  const { publicClient, deployment } = local;
  // The book's ABI (`orderBookAbi`) at the clearing house's address: the books live inside it.
  const clearingHouse = deployment.contracts.ClearingHouse?.address as Address;
  const now = (await publicClient.getBlock()).timestamp;
  const logs = await publicClient.getContractEvents({
    address: clearingHouse,
    abi: orderBookAbi,
    eventName: "OrderPlaced",
    fromBlock: 0n,
  });
  const levels = { bids: [] as BookLevel[], asks: [] as BookLevel[] };
  const [, { tickSize }] = await publicClient.readContract({
    address: clearingHouse,
    abi: clearingHouseAbi,
    functionName: "market",
    args: [marketId],
  });
  for (const log of logs) {
    const orderId = log.args.orderId as bigint;
    const view = await publicClient
      .readContract({ address: clearingHouse, abi: orderBookAbi, functionName: "orderOf", args: [orderId] })
      .catch(() => null);
    if (!view) continue; // filled or cancelled: gone from storage
    // The id says where the order rests: its market, side and price (tick × the market's tick size).
    const decoded = decodeOrderId(orderId);
    expect({ marketId: decoded.marketId, isBid: decoded.isBid }).toEqual({
      marketId: view.marketId,
      isBid: view.isBid,
    });
    if (view.marketId === marketId) expect(decoded.tick * tickSize).toBe(view.price);
    if (view.marketId !== marketId || (view.expiry !== 0n && view.expiry <= now)) continue;
    const raw = await publicClient.readContract({
      address: clearingHouse,
      abi: clearingHouseAbi,
      functionName: "rawPosition",
      args: [view.owner, marketId],
    });
    const epoch = ((typeof raw === "bigint" ? raw : hexToBigInt(raw)) >> 240n) & 0xffffn;
    if (epoch !== view.epoch) continue;
    const side = view.isBid ? levels.bids : levels.asks;
    const existing = side.find((l) => l.price === view.price);
    if (existing) {
      existing.size += view.size;
      existing.orders += 1;
    } else side.push({ price: view.price, size: view.size, orders: 1 });
  }
  levels.bids.sort((a, b) => (a.price > b.price ? -1 : 1));
  levels.asks.sort((a, b) => (a.price < b.price ? -1 : 1));
  return levels;
}
