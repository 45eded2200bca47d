/**
 * The oracle actions against a scripted EIP-1193 provider (no chain, no contract): what they send,
 * that a reverting round is never sent, and that reverts come back as typed errors. Chain-backed
 * tests follow once the oracle implementation is merged.
 */
import {
  type Address,
  createPublicClient,
  createWalletClient,
  custom,
  decodeFunctionData,
  encodeErrorResult,
  encodeFunctionResult,
  type Hex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat, mainnet } from "viem/chains";
import { describe, expect, it } from "vitest";
import { WrongChainError } from "../errors/deployment.js";
import { MismatchedObservationError } from "../errors/observation.js";
import { NotPublisherError, QuorumNotMetError, StaleIndexError, UnknownIndexError } from "../errors/oracle.js";
import { indexOracleAbi } from "../generated/abis.js";
import { toIndexId } from "../oracle/indexId.js";
import { getAveragePrice } from "./public/getAveragePrice.js";
import { getIndexMetadata } from "./public/getIndexMetadata.js";
import { getIndexParams } from "./public/getIndexParams.js";
import { getLatestRound } from "./public/getLatestRound.js";
import { signObservation } from "./wallet/signObservation.js";
import { submitRound } from "./wallet/submitRound.js";

const ORACLE: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const SENDER: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const H100 = toIndexId("H100-SXM-USD-HR");
const TIMESTAMP = 1_796_212_800;
const publishers = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
  "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
].map((key) => privateKeyToAccount(key as Hex));

type Call = { method: string; params: unknown };

/** A provider that answers eth_call with `onCall` and records every request. */
function scripted(onCall: (data: Hex) => Hex) {
  const calls: Call[] = [];
  const transport = custom(
    {
      async request({ method, params }) {
        calls.push({ method, params });
        switch (method) {
          case "eth_chainId":
            return "0x7a69";
          case "eth_call":
            return onCall((params as [{ data?: Hex; input?: Hex }])[0].data ?? (params as [{ input: Hex }])[0].input);
          case "eth_estimateGas":
            return "0x30000";
          case "eth_sendTransaction":
            return `0x${"ab".repeat(32)}`;
          default:
            throw new Error(`unexpected ${method}`);
        }
      },
    },
    { retryCount: 0 },
  );
  return { calls, transport };
}

/** The first transaction sent through `calls`. */
function sentTransaction(calls: readonly Call[]): { to: Address; data: Hex } {
  const call = calls.find((c) => c.method === "eth_sendTransaction");
  if (call === undefined) throw new Error("no transaction sent");
  return (call.params as [{ to: Address; data: Hex }])[0];
}

/** What a node answers for a reverted eth_call. */
const revert = (data: Hex) => {
  throw Object.assign(new Error("execution reverted"), { code: 3, data });
};

const signRound = (count = 3) =>
  Promise.all(
    publishers.slice(0, count).map((account, i) =>
      signObservation(createWalletClient({ account, transport: custom({ request: async () => null }) }), {
        oracle: ORACLE,
        chainId: hardhat.id,
        indexId: H100,
        timestamp: TIMESTAMP,
        price: 2_100_000n + BigInt(i) * 10_000n,
      }),
    ),
  );

describe("submitRound", () => {
  it("simulates, then sends submit(indexId, timestamp, observations) with signers ascending", async () => {
    const { calls, transport } = scripted((data) => {
      const { functionName } = decodeFunctionData({ abi: indexOracleAbi, data });
      expect(functionName).toBe("submit");
      return encodeFunctionResult({ abi: indexOracleAbi, functionName: "submit", result: 42 });
    });
    const client = createWalletClient({ account: SENDER, chain: hardhat, transport });
    const observations = await signRound();
    const { hash, roundId, round } = await submitRound(client, {
      oracle: ORACLE,
      indexId: H100,
      timestamp: TIMESTAMP,
      observations: [...observations].reverse(),
    });
    expect(hash).toBe(`0x${"ab".repeat(32)}`);
    expect(roundId).toBe(42);
    expect(round.price).toBe(2_110_000n);

    const methods = calls.map((c) => c.method);
    expect(methods.indexOf("eth_call")).toBeLessThan(methods.indexOf("eth_sendTransaction"));
    const sent = sentTransaction(calls);
    expect(sent.to.toLowerCase()).toBe(ORACLE.toLowerCase());
    const { functionName, args } = decodeFunctionData({ abi: indexOracleAbi, data: sent.data });
    expect(functionName).toBe("submit");
    const [indexId, timestamp, signed] = args as readonly [Hex, number, readonly { price: bigint }[]];
    expect([indexId, timestamp]).toEqual([H100, TIMESTAMP]);
    expect(signed).toEqual(round.observations);
    const signers = round.signers.map((a) => BigInt(a));
    expect(signers).toEqual([...signers].sort((a, b) => (a < b ? -1 : 1)));
  });

  it("uses submitConfirmed for the guardian", async () => {
    const { calls, transport } = scripted(() =>
      encodeFunctionResult({ abi: indexOracleAbi, functionName: "submitConfirmed", result: 7 }),
    );
    const client = createWalletClient({ account: SENDER, chain: hardhat, transport });
    await submitRound(client, {
      oracle: ORACLE,
      indexId: H100,
      timestamp: TIMESTAMP,
      observations: await signRound(),
      confirmed: true,
    });
    const sent = sentTransaction(calls);
    expect(decodeFunctionData({ abi: indexOracleAbi, data: sent.data }).functionName).toBe("submitConfirmed");
  });

  it("fails a reverting round with the typed error and never sends it", async () => {
    const { calls, transport } = scripted(() =>
      revert(encodeErrorResult({ abi: indexOracleAbi, errorName: "QuorumNotMet", args: [H100, 2n, 3] })),
    );
    const client = createWalletClient({ account: SENDER, chain: hardhat, transport });
    const error = await submitRound(client, {
      oracle: ORACLE,
      indexId: H100,
      timestamp: TIMESTAMP,
      observations: await signRound(2),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuorumNotMetError);
    expect((error as QuorumNotMetError).shortMessage).toBe(
      "The round for H100-SXM-USD-HR carries 2 publisher signature(s); the index needs at least 3.",
    );
    expect(calls.map((c) => c.method)).not.toContain("eth_sendTransaction");
  });

  it("decodes NotPublisher with the offending signer", async () => {
    const [first] = await signRound(1);
    const { transport } = scripted(() =>
      revert(
        encodeErrorResult({ abi: indexOracleAbi, errorName: "NotPublisher", args: [H100, first?.signer as Address] }),
      ),
    );
    const client = createWalletClient({ account: SENDER, chain: hardhat, transport });
    const error = await submitRound(client, {
      oracle: ORACLE,
      indexId: H100,
      timestamp: TIMESTAMP,
      observations: first ? [first] : [],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotPublisherError);
    expect((error as NotPublisherError).signer).toBe(first?.signer);
  });

  it("refuses observations for another round, oracle or chain before touching the network", async () => {
    const { calls, transport } = scripted(() => "0x");
    const observations = await signRound();
    const onHardhat = createWalletClient({ account: SENDER, chain: hardhat, transport });
    const base = { oracle: ORACLE, indexId: H100, timestamp: TIMESTAMP, observations };
    await expect(submitRound(onHardhat, { ...base, timestamp: TIMESTAMP + 1 })).rejects.toThrow(
      MismatchedObservationError,
    );
    await expect(submitRound(onHardhat, { ...base, indexId: toIndexId("B200-USD-HR") })).rejects.toThrow(
      MismatchedObservationError,
    );
    await expect(
      submitRound(onHardhat, { ...base, oracle: "0x0000000000000000000000000000000000000001" }),
    ).rejects.toThrow(MismatchedObservationError);
    const onMainnet = createWalletClient({ account: SENDER, chain: mainnet, transport });
    await expect(submitRound(onMainnet, base)).rejects.toThrow(WrongChainError);
    expect(calls).toEqual([]);
  });
});

describe("oracle reads", () => {
  it("getLatestRound returns the round, or null when the index has none", async () => {
    const round = { roundId: 3, timestamp: TIMESTAMP, price: 2_100_000n, cumulative: 123n };
    let answer = round;
    const { transport } = scripted(() =>
      encodeFunctionResult({ abi: indexOracleAbi, functionName: "latestRound", result: answer }),
    );
    const client = createPublicClient({ chain: hardhat, transport });
    expect(await getLatestRound(client, { oracle: ORACLE, indexId: H100 })).toEqual(round);
    answer = { roundId: 0, timestamp: 0, price: 0n, cumulative: 0n };
    expect(await getLatestRound(client, { oracle: ORACLE, indexId: H100 })).toBeNull();
  });

  it("getAveragePrice passes (indexId, start, end) and decodes reverts", async () => {
    const { calls, transport } = scripted((data) => {
      const { args } = decodeFunctionData({ abi: indexOracleAbi, data });
      if (args?.[1] === 0n) {
        return revert(
          encodeErrorResult({ abi: indexOracleAbi, errorName: "StaleIndex", args: [H100, TIMESTAMP, 10n, 5] }),
        );
      }
      return encodeFunctionResult({ abi: indexOracleAbi, functionName: "averagePrice", result: 2_105_000n });
    });
    const client = createPublicClient({ chain: hardhat, transport });
    expect(await getAveragePrice(client, { oracle: ORACLE, indexId: H100, start: 100n, end: 200n })).toBe(2_105_000n);
    const sent = ((calls[0] as Call).params as [{ data: Hex }])[0].data;
    expect(decodeFunctionData({ abi: indexOracleAbi, data: sent }).args).toEqual([H100, 100n, 200n]);
    await expect(getAveragePrice(client, { oracle: ORACLE, indexId: H100, start: 0n, end: 200n })).rejects.toThrow(
      StaleIndexError,
    );
  });

  it("getIndexParams returns the struct and maps UnknownIndex", async () => {
    const params = { quorum: 3, maxMoveBps: 1_000, maxAge: 172_800, maxSubmissionDelay: 3_600, businessDaysOnly: true };
    let unknown = false;
    const { transport } = scripted(() =>
      unknown
        ? revert(encodeErrorResult({ abi: indexOracleAbi, errorName: "UnknownIndex", args: [H100] }))
        : encodeFunctionResult({ abi: indexOracleAbi, functionName: "indexParams", result: params }),
    );
    const client = createPublicClient({ chain: hardhat, transport });
    expect(await getIndexParams(client, { oracle: ORACLE, indexId: H100 })).toEqual(params);
    unknown = true;
    await expect(getIndexParams(client, { oracle: ORACLE, indexId: H100 })).rejects.toThrow(UnknownIndexError);
  });

  it("getIndexMetadata returns what the index prices and its decimals", async () => {
    const metadata = {
      description: "NVIDIA H100 SXM, on-demand, global, USD per GPU-hour",
      methodologyURI: "ipfs://bafy/methodology-v1.pdf",
      methodologyHash: `0x${"11".repeat(32)}` as Hex,
      decimals: 6,
    };
    const { calls, transport } = scripted(() =>
      encodeFunctionResult({ abi: indexOracleAbi, functionName: "indexMetadata", result: metadata }),
    );
    const client = createPublicClient({ chain: hardhat, transport });
    expect(await getIndexMetadata(client, { oracle: ORACLE, indexId: H100 })).toEqual(metadata);
    const sent = ((calls[0] as Call).params as [{ data: Hex }])[0].data;
    expect(decodeFunctionData({ abi: indexOracleAbi, data: sent })).toMatchObject({
      functionName: "indexMetadata",
      args: [H100],
    });
  });
});
