import { encodeFunctionData, type Hex, parseSignature, signatureToCompactSignature, stringToHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import type { GasSuite } from "../gasBench.js";

const INDEX_ID = stringToHex("H100-SXM-USD-HR", { size: 32 });
const HOUR = 3600;
/** 2033-05-18: later than any wall clock the bench will meet. */
const BENCH_EPOCH = 2_000_000_000;

/** Deterministic publisher keys for the bench (never used outside the in-process chain). */
const publisherKeys: Hex[] = Array.from(
  { length: 5 },
  (_, i) => `0x${(i + 1).toString(16).padStart(2, "0").repeat(32)}` as Hex,
);

/** Measures oracle.submit with 3 and 5 signatures on a ring that is already pre-filled. */
export const oracleSuite: GasSuite = async (bench, { viem, networkHelpers }) => {
  const [admin] = await viem.getWalletClients();
  if (!admin) throw new Error("no wallet client");
  const publicClient = await viem.getPublicClient();
  const oracle = await viem.deployContract("IndexOracle", [admin.account.address, admin.account.address]);
  await oracle.write.registerIndex([
    INDEX_ID,
    {
      description: "NVIDIA H100 SXM, USD per GPU-hour",
      methodologyURI: "ipfs://methodology",
      methodologyHash: `0x${"11".repeat(32)}`,
      decimals: 6,
    },
    { quorum: 3, maxMoveBps: 2_000, maxAge: 2 * HOUR, maxSubmissionDelay: HOUR, businessDaysOnly: false },
    64,
  ]);
  const publishers = publisherKeys.map((key) => privateKeyToAccount(key));
  for (const publisher of publishers) await oracle.write.addPublisher([INDEX_ID, publisher.address]);
  const chainId = await publicClient.getChainId();

  async function signedRound(timestamp: number, count: number) {
    const signers = [...publishers].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1)).slice(0, count);
    return Promise.all(
      signers.map(async (signer, i) => {
        const price = 2_134_500n + BigInt(i) * 1_000n;
        const signature = await signer.signTypedData({
          domain: { name: "Computus Index Oracle", version: "1", chainId, verifyingContract: oracle.address },
          types: {
            Observation: [
              { name: "indexId", type: "bytes32" },
              { name: "timestamp", type: "uint32" },
              { name: "price", type: "uint64" },
            ],
          },
          primaryType: "Observation",
          message: { indexId: INDEX_ID, timestamp, price },
        });
        const { r, yParityAndS } = signatureToCompactSignature(parseSignature(signature));
        return { price, r, vs: yParityAndS };
      }),
    );
  }

  // A fixed clock: timestamps are signed, and their bytes are calldata, so wall-clock time would
  // make the figures drift by a few gas between runs.
  await networkHelpers.time.increaseTo(BENCH_EPOCH);
  // Warm-up rounds so the measured ones are steady-state (not the index's first round).
  let now = BENCH_EPOCH;
  for (let i = 0; i < 2; i++) {
    now += HOUR;
    await networkHelpers.time.setNextBlockTimestamp(now);
    await oracle.write.submit([INDEX_ID, now, await signedRound(now, 3)]);
  }
  for (const count of [3, 5]) {
    now += HOUR;
    await networkHelpers.time.setNextBlockTimestamp(now);
    await bench.record(
      `oracle.submit.${count}sig`,
      oracle.write.submit([INDEX_ID, now, await signedRound(now, count)]),
    );
  }
  now += HOUR;
  await networkHelpers.time.increaseTo(now);
  const averageCall = {
    to: oracle.address,
    data: encodeFunctionData({
      abi: oracle.abi,
      functionName: "averagePrice",
      args: [INDEX_ID, BigInt(now - 3 * HOUR - 1800), BigInt(now - 600)],
    }),
  };
  bench.recordValue("oracle.averagePrice", await publicClient.estimateGas(averageCall));
};
