/**
 * The ethers v6 adapter: ethers signers produce exactly viem's signatures, and the oracle
 * publisher flow (sign observations, submit rounds, typed errors) runs with ethers signers over an
 * ethers BrowserProvider wrapping Hardhat's in-process chain.
 */
import { BrowserProvider, JsonRpcProvider, type JsonRpcSigner, makeError, parseEther, Wallet } from "ethers";
import fc from "fast-check";
import { network } from "hardhat";
import {
  createPublicClient,
  encodeErrorResult,
  publicActions,
  type TransactionSerializable,
  UserRejectedRequestError,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { deployComputus } from "../../../scripts/deploy/deployComputus.js";
import { getIndexParams } from "../actions/public/getIndexParams.js";
import { computusActions } from "../decorators/computus.js";
import { UnsupportedEthersProviderError } from "../errors/adapter.js";
import { MoveTooLargeError, QuorumNotMetError, UnknownIndexError } from "../errors/oracle.js";
import { indexOracleAbi } from "../generated/abis.js";
import { averagePriceDown } from "../math/twap.js";
import { toIndexId } from "../oracle/indexId.js";
import { observationTypedData } from "../oracle/typedData.js";
import { deployLocal, testPublisherKeys, testPublishers } from "../testing/localChain.js";
import { ethersAccount, ethersTransport, fromEthers } from "./ethers.js";

const H100 = toIndexId("H100-SXM-USD-HR");
const HOUR = 3_600;
const key = testPublisherKeys[0] as `0x${string}`;

describe("ethersAccount", () => {
  const viemAccount = privateKeyToAccount(key);
  const wallet = new Wallet(key);

  it("signs messages and typed data exactly as viem does with the same key", async () => {
    const account = await ethersAccount(wallet);
    expect(account.address).toBe(viemAccount.address);
    for (const message of ["hello", { raw: "0xdeadbeef" as const }]) {
      expect(await account.signMessage({ message })).toBe(await viemAccount.signMessage({ message }));
    }
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 1n, max: (1n << 64n) - 1n }),
        fc.integer({ min: 1, max: 2 ** 32 - 1 }),
        async (price, timestamp) => {
          const typed = observationTypedData({
            oracle: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
            chainId: 31_337,
            indexId: H100,
            timestamp,
            price,
          });
          expect(await account.signTypedData(typed)).toBe(await viemAccount.signTypedData(typed));
        },
      ),
      { numRuns: 20 },
    );
  });

  it("signs legacy, EIP-2930 and EIP-1559 transactions exactly as viem does", async () => {
    const account = await ethersAccount(wallet);
    const base = {
      chainId: 31_337,
      to: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
      nonce: 7,
      gas: 100_000n,
      value: 5n,
      data: "0x1234",
    } as const;
    const transactions: TransactionSerializable[] = [
      { ...base, type: "legacy", gasPrice: 2_000_000_000n },
      {
        ...base,
        type: "eip2930",
        gasPrice: 1n,
        accessList: [{ address: base.to, storageKeys: [`0x${"00".repeat(31)}01`] }],
      },
      { ...base, type: "eip1559", maxFeePerGas: 3_000_000_000n, maxPriorityFeePerGas: 1_000_000n },
      { ...base, to: undefined, maxFeePerGas: 3n, maxPriorityFeePerGas: 1n }, // type inferred; contract creation
    ];
    for (const transaction of transactions) {
      expect(await account.signTransaction(transaction)).toBe(await viemAccount.signTransaction(transaction));
    }
  });

  it("unwraps the JSON-RPC errors ethers wraps: revert data for the SDK's decoder, user rejection as 4001", async () => {
    const revert = encodeErrorResult({ abi: indexOracleAbi, errorName: "UnknownIndex", args: [H100] });
    const failing = (error: Error) => ({ send: async () => Promise.reject(error) });
    // ethers keeps the node's error (with the revert data) under `error` when it cannot classify it.
    const wrapped = makeError("could not coalesce error", "UNKNOWN_ERROR", {
      error: { code: 3, message: "execution reverted", data: revert },
    });
    const client = createPublicClient({ transport: ethersTransport(failing(wrapped)) });
    await expect(
      getIndexParams(client, { oracle: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", indexId: H100 }),
    ).rejects.toBeInstanceOf(UnknownIndexError);

    const rejected = makeError("user rejected action", "ACTION_REJECTED", {
      action: "signTypedData",
      reason: "rejected",
    });
    const wallet = createPublicClient({ transport: ethersTransport(failing(rejected)) });
    const error = await wallet.request({ method: "eth_chainId" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserRejectedRequestError);
  });

  it("refuses a provider that cannot forward JSON-RPC", () => {
    expect(() => ethersTransport({} as never)).toThrow(UnsupportedEthersProviderError);
  });
});

describe("oracle publisher flow with ethers signers", () => {
  it("signs with ethers Wallets, submits from a JSON-RPC signer and from a funded Wallet, decodes reverts", async () => {
    const local = await deployLocal();
    const { deployment, networkHelpers } = local;
    const ethersProvider = new BrowserProvider(local.provider);

    // Publishers: ethers Wallets (local keys) connected to the provider.
    const publishers = await Promise.all(
      testPublisherKeys.slice(0, 3).map(async (publisherKey) => {
        const { walletClient } = await fromEthers({ signer: new Wallet(publisherKey, ethersProvider) });
        return walletClient.extend(computusActions(deployment));
      }),
    );
    const sign = (timestamp: number, prices: readonly bigint[], count = 3) =>
      Promise.all(
        publishers
          .slice(0, count)
          .map((publisher, i) => publisher.signObservation({ indexId: H100, timestamp, price: prices[i] as bigint })),
      );

    // Submitter 1: a node account through ethers' JsonRpcSigner (sent with eth_sendTransaction).
    const nodeSigner: JsonRpcSigner = await ethersProvider.getSigner(1);
    const fromNode = await fromEthers({ provider: ethersProvider, signer: nodeSigner });
    expect(fromNode.account.type).toBe("json-rpc");
    const submitter = fromNode.walletClient.extend(publicActions).extend(computusActions(deployment));
    await submitter.verifyDeployment();

    const t1 = (await networkHelpers.time.latest()) + 60;
    await networkHelpers.time.increaseTo(t1);
    const first = await submitter.submitRound({
      indexId: H100,
      timestamp: t1,
      observations: await sign(t1, [2_100_000n, 2_000_000n, 2_050_000n]),
    });
    const receipt1 = await submitter.waitForTransactionReceipt({ hash: first.hash });
    expect(receipt1.status).toBe("success");
    expect(receipt1.from.toLowerCase()).toBe(nodeSigner.address.toLowerCase());
    expect(first.roundId).toBe(1);
    expect((await submitter.getLatestRound({ indexId: H100 }))?.price).toBe(2_050_000n);

    // Submitter 2: a fresh ethers Wallet funded by the node account; viem fills the transaction,
    // the Wallet signs it (signTransaction), viem sends the raw bytes.
    const fresh = Wallet.createRandom(ethersProvider);
    await (await nodeSigner.sendTransaction({ to: fresh.address, value: parseEther("1") })).wait();
    const fromWallet = await fromEthers({ provider: ethersProvider, signer: fresh });
    expect(fromWallet.account.type).toBe("local");
    const walletSubmitter = fromWallet.walletClient.extend(publicActions).extend(computusActions(deployment));

    const t2 = t1 + HOUR;
    await networkHelpers.time.increaseTo(t2);
    const second = await walletSubmitter.submitRound({
      indexId: H100,
      timestamp: t2,
      observations: await sign(t2, [2_080_000n, 2_150_000n, 2_120_000n]),
    });
    const receipt2 = await walletSubmitter.waitForTransactionReceipt({ hash: second.hash });
    expect(receipt2.status).toBe("success");
    expect(receipt2.from.toLowerCase()).toBe(fresh.address.toLowerCase());
    expect(second.roundId).toBe(2);
    const latest = await fromWallet.publicClient.extend(computusActions(deployment)).getLatestRound({ indexId: H100 });
    expect(latest?.price).toBe(2_120_000n);
    expect(latest?.timestamp).toBe(t2);

    // The time-weighted average read through ethers equals the SDK's math over the two rounds.
    await networkHelpers.time.increaseTo(t2 + 1_800);
    const window = { start: BigInt(t1 + 600), end: BigInt(t2 + 1_800) };
    expect(await walletSubmitter.getAveragePrice({ indexId: H100, ...window })).toBe(
      averagePriceDown(
        [
          { timestamp: BigInt(t1), price: 2_050_000n },
          { timestamp: BigInt(t2), price: 2_120_000n },
        ],
        window.start,
        window.end,
      ),
    );

    // Reverts come back through ethers' error wrapping as the SDK's typed errors, before any gas.
    const nonce = await walletSubmitter.getTransactionCount({ address: fresh.address as `0x${string}` });
    const t3 = t2 + HOUR;
    await networkHelpers.time.increaseTo(t3);
    await expect(
      walletSubmitter.submitRound({ indexId: H100, timestamp: t3, observations: await sign(t3, [1n, 1n], 2) }),
    ).rejects.toBeInstanceOf(QuorumNotMetError);
    const jump = await sign(t3, [9_000_000n, 9_000_000n, 9_000_000n]);
    await expect(submitter.submitRound({ indexId: H100, timestamp: t3, observations: jump })).rejects.toBeInstanceOf(
      MoveTooLargeError,
    );
    await expect(
      walletSubmitter.submitRound({ indexId: H100, timestamp: t3, observations: jump }),
    ).rejects.toBeInstanceOf(MoveTooLargeError);
    expect(await walletSubmitter.getTransactionCount({ address: fresh.address as `0x${string}` })).toBe(nonce);
  }, 60_000);
});

describe("ethers JsonRpcProvider over HTTP", () => {
  it("reads, submits a round from a Wallet and decodes reverts through Hardhat's JSON-RPC server", async () => {
    const server = await network.createServer("default", "127.0.0.1", 0);
    const { address, port } = await server.listen();
    const url = `http://${address}:${port}`;
    const connection = await network.create({ network: "localhost", override: { url } });
    const provider = new JsonRpcProvider(url, undefined, { pollingInterval: 50 });
    try {
      const deployment = await deployComputus({
        viem: connection.viem,
        publishers: testPublishers.slice(0, 3).map((account) => account.address),
      });
      const submitterWallet = new Wallet(testPublisherKeys[4] as `0x${string}`, provider);
      const funder = await provider.getSigner(0);
      await (await funder.sendTransaction({ to: submitterWallet.address, value: parseEther("1") })).wait();

      const readOnly = await fromEthers({ provider });
      expect(readOnly.walletClient).toBeUndefined();
      expect(await readOnly.publicClient.getChainId()).toBe(deployment.chainId);
      const { walletClient, publicClient, chain } = await fromEthers({ provider, signer: submitterWallet });
      expect(chain.id).toBe(deployment.chainId);
      const reader = publicClient.extend(computusActions(deployment));
      await reader.verifyDeployment();
      await expect(reader.getIndexParams({ indexId: toIndexId("NOPE-USD-HR") })).rejects.toBeInstanceOf(
        UnknownIndexError,
      );

      const publishers = await Promise.all(
        testPublisherKeys.slice(0, 3).map(async (publisherKey) => {
          const { walletClient: publisher } = await fromEthers({ signer: new Wallet(publisherKey, provider) });
          return publisher.extend(computusActions(deployment));
        }),
      );
      const timestamp = Number((await reader.getBlock()).timestamp);
      const observations = await Promise.all(
        publishers.map((publisher, i) =>
          publisher.signObservation({ indexId: H100, timestamp, price: 2_000_000n + BigInt(i) * 10_000n }),
        ),
      );
      const submitter = walletClient.extend(publicActions).extend(computusActions(deployment));
      await expect(
        submitter.submitRound({ indexId: H100, timestamp, observations: observations.slice(0, 2) }),
      ).rejects.toBeInstanceOf(QuorumNotMetError);
      const { hash, round } = await submitter.submitRound({ indexId: H100, timestamp, observations });
      expect((await submitter.waitForTransactionReceipt({ hash })).status).toBe("success");
      expect(await reader.getLatestRound({ indexId: H100 })).toMatchObject({ roundId: 1, price: round.price });
      expect(round.price).toBe(2_010_000n);
    } finally {
      provider.destroy();
      await connection.close();
      await server.close();
    }
  }, 60_000);
});
