/**
 * The real `IndexOracle` for the bench suites, with deterministic publishers: what every suite
 * that reads an index measures against, so the figures include the oracle's own reads (a mock
 * answering from one slot would make every order look cheaper than it is on a chain).
 */
import type { HardhatViemHelpers } from "@nomicfoundation/hardhat-viem/types";
import { type Address, type Hex, parseSignature, signatureToCompactSignature, stringToHex, zeroAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";

export const H100 = stringToHex("H100-SXM-USD-HR", { size: 32 });
export const HOUR = 3600;

/** Deterministic publisher keys for the bench (never used outside the in-process chain). */
const PUBLISHER_KEYS: Hex[] = Array.from(
  { length: 5 },
  (_, i) => `0x${(i + 1).toString(16).padStart(2, "0").repeat(32)}` as Hex,
);

/** The index's parameters (`IIndexOracle.IndexParams`); the bench's defaults are the demo's. */
export interface BenchIndexParams {
  quorum: number;
  maxMoveBps: number;
  maxAge: number;
  maxSubmissionDelay: number;
}

const DEFAULT_PARAMS: BenchIndexParams = { quorum: 3, maxMoveBps: 2_000, maxAge: 2 * HOUR, maxSubmissionDelay: HOUR };

/**
 * Deploys an `IndexOracle` administered by `admin` that pushes its rounds to `subscriber` (none by
 * default), registers H100 (6 decimals, a 64-round ring) with five publishers, and returns it with
 * two ways to publish a round.
 */
export async function deployBenchOracle(
  viem: HardhatViemHelpers,
  admin: Address,
  params: Partial<BenchIndexParams> = {},
  subscriber: Address = zeroAddress,
) {
  const oracle = await viem.deployContract("IndexOracle", [admin, admin, subscriber]);
  return setUpBenchIndex(viem, oracle.address, params);
}

/**
 * Registers H100 (6 decimals, a 64-round ring) on the oracle at `oracleAddress` with five
 * publishers, and returns the oracle with two ways to publish a round.
 */
export async function setUpBenchIndex(
  viem: HardhatViemHelpers,
  oracleAddress: Address,
  params: Partial<BenchIndexParams> = {},
) {
  const publicClient = await viem.getPublicClient();
  const testClient = await viem.getTestClient();
  const chainId = await publicClient.getChainId();
  const oracle = await viem.getContractAt("IndexOracle", oracleAddress);
  await oracle.write.registerIndex([
    H100,
    {
      description: "NVIDIA H100 SXM, USD per GPU-hour",
      methodologyURI: "ipfs://methodology",
      methodologyHash: `0x${"11".repeat(32)}`,
      decimals: 6,
    },
    { ...DEFAULT_PARAMS, ...params, businessDaysOnly: false },
    64,
  ]);
  // Ascending by address: the order `submit` requires of its signers.
  const publishers = PUBLISHER_KEYS.map((key) => privateKeyToAccount(key)).sort((a, b) =>
    BigInt(a.address) < BigInt(b.address) ? -1 : 1,
  );
  for (const publisher of publishers) await oracle.write.addPublisher([H100, publisher.address]);

  /** Signed observations of H100 at `timestamp`: the i-th publisher observes `prices[i]`. */
  async function observations(timestamp: number, prices: readonly bigint[]) {
    return Promise.all(
      prices.map(async (price, i) => {
        const publisher = publishers[i];
        if (!publisher) throw new Error(`only ${publishers.length} bench publishers`);
        const signature = await publisher.signTypedData({
          domain: { name: "Computus Index Oracle", version: "1", chainId, verifyingContract: oracle.address },
          types: {
            Observation: [
              { name: "indexId", type: "bytes32" },
              { name: "timestamp", type: "uint32" },
              { name: "price", type: "uint64" },
            ],
          },
          primaryType: "Observation",
          message: { indexId: H100, timestamp, price },
        });
        const { r, yParityAndS } = signatureToCompactSignature(parseSignature(signature));
        return { price, r, vs: yParityAndS };
      }),
    );
  }

  /**
   * Publishes a round of `price` (a quorum of publishers agreeing) in a block at `timestamp`
   * (default: a second after the latest block).
   */
  async function publish(price: bigint, timestamp?: number) {
    timestamp ??= Number((await publicClient.getBlock()).timestamp) + 1;
    const quorum = params.quorum ?? DEFAULT_PARAMS.quorum;
    const signed = await observations(
      timestamp,
      Array.from({ length: quorum }, () => price),
    );
    await testClient.setNextBlockTimestamp({ timestamp: BigInt(timestamp) });
    await oracle.write.submit([H100, timestamp, signed]);
  }

  return { oracle, observations, publish };
}
