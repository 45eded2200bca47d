import { encodeFunctionData } from "viem";
import { deployBenchOracleAndClearingHouse } from "../benchClearingHouse.js";
import { H100, HOUR } from "../benchOracle.js";
import type { GasSuite } from "../gasBench.js";

/** 2033-05-18: later than any wall clock the bench will meet. */
const BENCH_EPOCH = 2_000_000_000;

/**
 * Measures oracle.submit with 3 and 5 signatures on a ring that is already pre-filled, each round
 * pushed to a clearing house subscribed to the oracle, as in a deployment.
 */
export const oracleSuite: GasSuite = async (bench, { viem, networkHelpers }) => {
  const [admin] = await viem.getWalletClients();
  if (!admin) throw new Error("no wallet client");
  const publicClient = await viem.getPublicClient();
  const token = await viem.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
  const { oracle, observations } = await deployBenchOracleAndClearingHouse(viem, admin.account.address, token.address);
  /** `count` publishers observing prices a tenth of a cent apart (their median is recorded). */
  const signedRound = (timestamp: number, count: number) =>
    observations(
      timestamp,
      Array.from({ length: count }, (_, i) => 2_134_500n + BigInt(i) * 1_000n),
    );

  // A fixed clock: timestamps are signed, and their bytes are calldata, so wall-clock time would
  // make the figures drift by a few gas between runs.
  await networkHelpers.time.increaseTo(BENCH_EPOCH);
  // Warm-up rounds so the measured ones are steady-state (not the index's first round).
  let now = BENCH_EPOCH;
  for (let i = 0; i < 2; i++) {
    now += HOUR;
    await networkHelpers.time.setNextBlockTimestamp(now);
    await oracle.write.submit([H100, now, await signedRound(now, 3)]);
  }
  for (const count of [3, 5]) {
    now += HOUR;
    await networkHelpers.time.setNextBlockTimestamp(now);
    await bench.record(`oracle.submit.${count}sig`, oracle.write.submit([H100, now, await signedRound(now, count)]));
  }
  now += HOUR;
  await networkHelpers.time.increaseTo(now);
  const averageCall = {
    to: oracle.address,
    data: encodeFunctionData({
      abi: oracle.abi,
      functionName: "averagePrice",
      args: [H100, BigInt(now - 3 * HOUR - 1800), BigInt(now - 600)],
    }),
  };
  bench.recordValue("oracle.averagePrice", await publicClient.estimateGas(averageCall));
};
