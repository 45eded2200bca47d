/**
 * Ordinary activity on a local chain for the indexer's resilience tests: oracle rounds, deposits,
 * resting orders, fills, cancels and a withdrawal on the first listed market, so that every table
 * the indexer writes gets rows (and the backfill has events to chew on).
 */
import type { WalletClient } from "viem";
import { ORDER_KIND, trader } from "./clearingHouse.js";
import type { LocalChain } from "./localChain.js";
import { type LocalDeployment, submitRound } from "./oracle.js";

export const ACTIVITY_INDEX = "H100-SXM-USD-HR";
const P = 2_000_000n;
const USDC = 1_000_000n;

export type ActivityOptions = {
  /** Trading rounds: each a fresh index round, a resting ask and bid, a fill, a cancel. Default 3. */
  readonly rounds?: number;
};

/** Runs the activity; resolves to the number of fills made. */
export async function generateActivity(
  chain: LocalChain,
  local: LocalDeployment,
  { rounds = 3 }: ActivityOptions = {},
): Promise<{ fills: number }> {
  const t = trader(chain, local);
  const wallets = await t.wallets();
  const [, , , , , , maker, taker] = wallets as (WalletClient | undefined)[];
  if (!maker || !taker) throw new Error("generateActivity: the chain has too few wallets");
  const price = (timestamp: bigint) =>
    submitRound(chain, local, { indexName: ACTIVITY_INDEX, timestamp: Number(timestamp), prices: [P, P, P] });
  await price((await chain.head()).timestamp + 60n);
  await t.fund(maker, 1_000_000n * USDC);
  await t.fund(taker, 100_000n * USDC);
  let fills = 0;
  for (let i = 0n; i < BigInt(rounds); i++) {
    if (i > 0n) await price((await chain.head()).timestamp + 60n);
    await t.place(maker, { marketId: 1n, isBid: false, price: P + i * 1_000n, size: 100n });
    await t.place(maker, { marketId: 1n, isBid: true, price: P - 10_000n - i * 1_000n, size: 50n });
    await t.place(taker, { marketId: 1n, isBid: true, kind: ORDER_KIND.IOC, price: P + i * 1_000n, size: 40n });
    fills += 1;
    if (i % 2n === 1n) await t.ch(maker, "cancelAll", [1n]);
  }
  await t.ch(taker, "withdraw", [10n * USDC, taker.account?.address]);
  return { fills };
}
