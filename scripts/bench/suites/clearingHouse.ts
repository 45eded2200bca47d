/**
 * Clearing-house operations (issue 3), each measured from its transaction receipt on a fresh
 * in-process chain. Positions are opened through the order book (a resting order, then a
 * market order against it).
 */
import type { HardhatViemHelpers } from "@nomicfoundation/hardhat-viem/types";
import { deployBenchOracleAndClearingHouse } from "../benchClearingHouse.js";
import { H100, HOUR } from "../benchOracle.js";
import { benchWallets, type GasSuite } from "../gasBench.js";

export const PRICE = 2_000_000n; // $2.00 per GPU-hour, 6-decimal quote
const DAY = 86_400n;
/** Order kinds (`IOrderBookBase.OrderType`). */
export const LIMIT = 0;
export const MARKET = 4;

/** An order in market 1 (good till cancelled, not reduce-only). */
export function order(isBid: boolean, kind: number, price: bigint, size: bigint) {
  return { marketId: 1n, isBid, kind, reduceOnly: false, price, size, expiry: 0n };
}

/**
 * Deploys token, the index oracle (one H100 round at `PRICE`), clearing house (reader, extension,
 * core) and one H100 market. The order books live in the clearing house. `publish` moves the
 * index (its move guard is off: the liquidation case drops it by a quarter at once).
 */
export async function deployClearingHouse(viem: HardhatViemHelpers) {
  const publicClient = await viem.getPublicClient();
  const [admin] = await benchWallets(viem, 1);
  const token = await viem.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
  const { oracle, publish, ch } = await deployBenchOracleAndClearingHouse(viem, admin.account.address, token.address, {
    maxMoveBps: 0,
  });
  await publish(PRICE);
  const now = (await publicClient.getBlock()).timestamp;
  const windowStart = now + 30n * DAY;
  const windowEnd = now + 60n * DAY;
  await ch.write.createMarket([
    {
      indexId: H100,
      tradingStart: Number(now - 1n),
      windowStart: Number(windowStart),
      windowEnd: Number(windowEnd),
      tickSize: 1_000n,
      lotSize: 10,
      imBps: 1_000,
      mmBps: 500,
      makerFeeBps: 2,
      takerFeeBps: 5,
      oiCap: 10n ** 12n,
      maxPosition: 10n ** 9n,
      bandBps: 2_000,
    },
  ]);
  return { publicClient, token, oracle, publish, ch, windowEnd, marketId: 1n };
}

export const clearingHouseSuite: GasSuite = async (bench, { viem }) => {
  const { token, publish, ch, windowEnd } = await deployClearingHouse(viem);
  const testClient = await viem.getTestClient();
  const [, alice, bob, carol] = await benchWallets(viem, 4);
  for (const w of [alice, bob, carol]) {
    await token.write.mint([w.account.address, 10n ** 12n]);
    await token.write.approve([ch.address, 2n ** 255n], { account: w.account });
  }

  // Deposits: the first creates the account's slot, a repeat updates it. Bob deposits before,
  // so the clearing house's own token balance is not new (a first-ever deposit costs ~17k more).
  await ch.write.deposit([bob.account.address, 100_000_000_000n], { account: bob.account });
  await bench.record(
    "ch.deposit.first",
    ch.write.deposit([alice.account.address, 1_000_000_000n], { account: alice.account }),
  );
  await bench.record(
    "ch.deposit",
    ch.write.deposit([alice.account.address, 1_000_000_000n], { account: alice.account }),
  );
  await bench.record(
    "ch.withdraw",
    ch.write.withdraw([500_000_000n, alice.account.address], { account: alice.account }),
  );

  // Liquidation of one position: carol (long 1,000 with $250) falls below maintenance.
  await ch.write.deposit([carol.account.address, 250_000_000n], { account: carol.account });
  await ch.write.place([order(false, LIMIT, PRICE, 1_000n)], { account: bob.account });
  await ch.write.place([order(true, MARKET, PRICE, 1_000n)], { account: carol.account });
  await bench.record(
    "ch.withdraw.withPosition",
    ch.write.withdraw([1_000_000n, carol.account.address], { account: carol.account }),
  );
  await publish(1_500_000n);
  await bench.record(
    "ch.liquidate",
    ch.write.liquidate([carol.account.address, 1n, 2n ** 255n], { account: alice.account }),
  );

  // Settlement: propose once no round of the window can still arrive (a round published then
  // keeps the index fresh), finalise after the dispute period, claim one position.
  await publish(1_500_000n, Number(windowEnd) + HOUR);
  await bench.record("ch.proposeSettlement", ch.write.proposeSettlement([1n]));
  await testClient.increaseTime({ seconds: Number(DAY) });
  await testClient.mine({ blocks: 1 });
  await bench.record("ch.finalizeSettlement", ch.write.finalizeSettlement([1n]));
  await bench.record("ch.claimSettlement", ch.write.claimSettlement([bob.account.address, 1n]));
};
