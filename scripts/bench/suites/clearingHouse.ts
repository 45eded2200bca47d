/**
 * Clearing-house operations (issue 3), each measured from its transaction receipt on a fresh
 * in-process chain. Positions are opened through `MockFillBook`, a stand-in order book, so
 * the figures are the clearing house's alone.
 */
import type { HardhatViemHelpers } from "@nomicfoundation/hardhat-viem/types";
import { getContractAddress, stringToHex } from "viem";
import type { GasSuite } from "../gasBench.js";

export const H100 = stringToHex("H100-SXM-USD-HR", { size: 32 });
export const PRICE = 2_000_000n; // $2.00 per GPU-hour, 6-decimal quote
const DAY = 86_400n;

export const RISK = {
  liquidationPenaltyBps: 100,
  liquidatorShareBps: 5_000,
  insuranceFeeShareBps: 2_000,
  disputePeriod: 86_400,
  gracePeriod: 3 * 86_400,
  markPeriod: 600,
} as const;

/**
 * Deploys token, mock oracle, clearing house (+ extension) and one H100 market. The clearing
 * house's order book is fixed at deployment: `deployBook` deploys it as the next contract (its
 * address is predicted from the deployer's nonce); by default a `MockFillBook`.
 */
export async function deployClearingHouse(
  viem: HardhatViemHelpers,
  deployBook?: (clearingHouse: `0x${string}`) => Promise<{ address: `0x${string}` }>,
) {
  const publicClient = await viem.getPublicClient();
  const [admin] = await viem.getWalletClients();
  const token = await viem.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
  const oracle = await viem.deployContract("MockIndexOracle");
  await oracle.write.setPrice([H100, PRICE]);
  const args = [
    token.address,
    oracle.address,
    admin.account.address,
    admin.account.address,
    admin.account.address,
    RISK,
  ] as const;
  const extension = await viem.deployContract("ClearingHouseExtension", [...args]);
  const nonce = await publicClient.getTransactionCount({ address: admin.account.address });
  const bookAddress = getContractAddress({ from: admin.account.address, nonce: BigInt(nonce + 1) });
  const core = await viem.deployContract("ClearingHouse", [...args, extension.address, bookAddress]);
  const ch = await viem.getContractAt("IClearingHouse", core.address);
  const book = deployBook ? await deployBook(core.address) : await viem.deployContract("MockFillBook", [core.address]);
  if (book.address.toLowerCase() !== bookAddress.toLowerCase()) throw new Error("order book address mismatch");
  const fillBook = await viem.getContractAt("MockFillBook", bookAddress);
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
  return { publicClient, token, oracle, ch, fillBook, windowEnd, marketId: 1n };
}

export const clearingHouseSuite: GasSuite = async (bench, viem) => {
  const { token, oracle, ch, fillBook, windowEnd } = await deployClearingHouse(viem);
  const testClient = await viem.getTestClient();
  const [, alice, bob, carol] = await viem.getWalletClients();
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
  await fillBook.write.trade([1n, carol.account.address, bob.account.address, 1_000n, PRICE]);
  await bench.record(
    "ch.withdraw.withPosition",
    ch.write.withdraw([1_000_000n, carol.account.address], { account: carol.account }),
  );
  await oracle.write.setPrice([H100, 1_500_000n]);
  await bench.record(
    "ch.liquidate",
    ch.write.liquidate([carol.account.address, 1n, 2n ** 255n], { account: alice.account }),
  );

  // Settlement: propose after the window, finalise after the dispute period, claim one position.
  await testClient.setNextBlockTimestamp({ timestamp: windowEnd + 1n });
  await testClient.mine({ blocks: 1 });
  await bench.record("ch.proposeSettlement", ch.write.proposeSettlement([1n]));
  await testClient.increaseTime({ seconds: Number(DAY) });
  await testClient.mine({ blocks: 1 });
  await bench.record("ch.finalizeSettlement", ch.write.finalizeSettlement([1n]));
  await bench.record("ch.claimSettlement", ch.write.claimSettlement([bob.account.address, 1n]));
};
