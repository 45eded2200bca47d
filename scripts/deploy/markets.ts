/**
 * The markets a Computus deployment lists: monthly H100, H200 and B200 contracts and one monthly
 * power contract, each on its own index. A market's averaging window is its delivery month; it
 * trades from listing until the window ends, and settles on the index's average over the window.
 */
import type { Address, Hex, PublicClient, WalletClient } from "viem";
import { clearingHouseAbi } from "../../sdk/src/generated/abis.js";
import { toIndexId } from "../../sdk/src/oracle/indexId.js";

/** A market's parameters apart from its window (see IClearingHouseBase.MarketParams). */
export type MarketTemplate = {
  /** The index the market settles on. */
  readonly indexName: string;
  /** Price step, quote units per unit (0.001 quote with a 6-decimal token = 1_000). */
  readonly tickSize: bigint;
  /** Size step (GPU-hours, or MWh for power). */
  readonly lotSize: number;
  readonly imBps: number;
  readonly mmBps: number;
  readonly makerFeeBps: number;
  readonly takerFeeBps: number;
  /** Open-interest cap (Σ long sizes). */
  readonly oiCap: bigint;
  /** Largest |position| of one account. */
  readonly maxPosition: bigint;
  /** Mark-price band around the index (narrows to a quarter during the window). */
  readonly bandBps: number;
  /**
   * Covered shorts (capacity tokens posted as cover), set with `setCoverParams` after listing:
   * seizure haircut, covered IM and MM (≤ the market's). Absent: not enabled.
   */
  readonly cover?: { readonly haircutBps: number; readonly imBps: number; readonly mmBps: number } | undefined;
};

/**
 * Defaults, in the collateral's smallest unit for 6 decimals. GPU contracts: tick $0.001/GPU-h,
 * lot 10 GPU-hours, 10 % initial / 5 % maintenance margin (a month's rental price moves a few
 * percent), maker 1 bp / taker 5 bps, OI cap 50 M GPU-hours, max position 5 M (a ~7,000-GPU
 * fleet for a month). Power: tick $0.01/MWh, lot 1 MWh, 20 % / 10 % (power is more volatile).
 * Covered shorts on the GPU markets (docs/clearing-house.md): 3 % / 1.5 % on the covered part,
 * capacity seized at a 10 % haircut.
 */
export function defaultMarketTemplates(decimals: number): readonly MarketTemplate[] {
  const unit = 10n ** BigInt(decimals);
  const milli = unit / 1_000n > 0n ? unit / 1_000n : 1n;
  const gpu = (indexName: string): MarketTemplate => ({
    indexName,
    tickSize: milli,
    lotSize: 10,
    imBps: 1_000,
    mmBps: 500,
    makerFeeBps: 1,
    takerFeeBps: 5,
    oiCap: 50_000_000n,
    maxPosition: 5_000_000n,
    bandBps: 2_000,
    cover: { haircutBps: 1_000, imBps: 300, mmBps: 150 },
  });
  return [
    gpu("H100-SXM-USD-HR"),
    gpu("H200-USD-HR"),
    gpu("B200-USD-HR"),
    {
      indexName: "POWER-PJM-USD-MWH",
      tickSize: milli * 10n,
      lotSize: 1,
      imBps: 2_000,
      mmBps: 1_000,
      makerFeeBps: 1,
      takerFeeBps: 5,
      oiCap: 10_000_000n,
      maxPosition: 1_000_000n,
      bandBps: 3_000,
    },
  ];
}

/** A market's clock: trading opens, the window opens, the window (and trading) ends. Unix seconds. */
export type MarketWindow = { readonly tradingStart: number; readonly windowStart: number; readonly windowEnd: number };

/** The calendar month after the one containing `now` (UTC), trading from `now`. */
export function nextMonthWindow(now: number): MarketWindow {
  const d = new Date(now * 1000);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 2, 1) / 1000;
  return { tradingStart: now, windowStart: start, windowEnd: end };
}

export type ListMarketParameters = {
  readonly publicClient: PublicClient;
  readonly wallet: WalletClient;
  readonly clearingHouse: Address;
  readonly template: MarketTemplate;
  readonly window: MarketWindow;
};

/**
 * Lists one market for a given window (the demo lists short windows, e.g. a 10-minute "month").
 * Returns its id, from the `MarketCreated` simulation result.
 */
export async function listMarket({
  publicClient,
  wallet,
  clearingHouse,
  template,
  window,
}: ListMarketParameters): Promise<{ marketId: bigint; indexId: Hex }> {
  const account = wallet.account;
  if (!account) throw new Error("listMarket: the wallet has no account");
  const indexId = toIndexId(template.indexName);
  const { indexName: _, cover, ...rest } = template;
  const { request, result } = await publicClient.simulateContract({
    address: clearingHouse,
    abi: clearingHouseAbi,
    functionName: "createMarket",
    args: [{ indexId, ...window, ...rest }],
    account,
  });
  const hash = await wallet.writeContract(request);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`listMarket: transaction ${hash} reverted`);
  if (cover) {
    const set = await wallet.writeContract({
      address: clearingHouse,
      abi: clearingHouseAbi,
      functionName: "setCoverParams",
      args: [result, cover.haircutBps, cover.imBps, cover.mmBps],
      account,
      chain: wallet.chain,
    });
    const coverReceipt = await publicClient.waitForTransactionReceipt({ hash: set });
    if (coverReceipt.status !== "success") throw new Error(`listMarket: setCoverParams ${set} reverted`);
  }
  return { marketId: result, indexId };
}
