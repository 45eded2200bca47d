import {
  type Address,
  createWalletClient,
  custom,
  decodeFunctionData,
  encodeFunctionResult,
  type Hex,
  publicActions,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { describe, expect, it } from "vitest";
import { parseDeployment } from "../deployment/deployment.js";
import { ContractNotDeployedError, WrongChainError } from "../errors/deployment.js";
import { indexOracleAbi } from "../generated/abis.js";
import * as sdk from "../index.js";
import { recoverObservationSigner } from "../oracle/compactSignature.js";
import { toIndexId } from "../oracle/indexId.js";
import { computusActions } from "./computus.js";

const deployment = parseDeployment({
  version: 2,
  chainId: 31337,
  collateral: { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", symbol: "USDC", decimals: 6 },
  contracts: { IndexOracle: { address: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", startBlock: 2 } },
});
const ORACLE = deployment.contracts.IndexOracle.address;
const H100 = toIndexId("H100-SXM-USD-HR");
const account = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

function node({ chainId = "0x7a69", code = "0x6080" }: { chainId?: Hex; code?: Hex } = {}) {
  const seen: { method: string; params: unknown }[] = [];
  const transport = custom(
    {
      async request({ method, params }) {
        seen.push({ method, params });
        if (method === "eth_chainId") return chainId;
        if (method === "eth_getCode") return code;
        if (method === "eth_call") {
          const { to, data } = (params as [{ to: Address; data: Hex }])[0];
          expect(to.toLowerCase()).toBe(ORACLE.toLowerCase());
          expect(decodeFunctionData({ abi: indexOracleAbi, data }).functionName).toBe("latestRound");
          return encodeFunctionResult({
            abi: indexOracleAbi,
            functionName: "latestRound",
            result: { roundId: 1, timestamp: 1_796_212_800, price: 2_000_000n, cumulative: 0n },
          });
        }
        throw new Error(`unexpected ${method}`);
      },
    },
    { retryCount: 0 },
  );
  return { seen, transport };
}

describe("computusActions", () => {
  it("binds the deployment's oracle and chain to the actions, with no request at extend time", async () => {
    const { seen, transport } = node();
    const client = createWalletClient({ account, chain: hardhat, transport })
      .extend(publicActions)
      .extend(computusActions(deployment));
    expect(seen).toEqual([]);
    expect(client.computusDeployment).toBe(deployment);

    const observation = await client.signObservation({ indexId: H100, timestamp: 1_796_212_800, price: 2_000_000n });
    expect(observation.oracle).toBe(ORACLE);
    expect(observation.chainId).toBe(31337);
    expect(await recoverObservationSigner(observation)).toBe(account.address);

    expect(await client.getLatestRound({ indexId: H100 })).toMatchObject({ roundId: 1, price: 2_000_000n });
    await client.verifyDeployment();
  });

  it("verifyDeployment refuses another chain and a missing contract", async () => {
    const other = createWalletClient({ transport: node({ chainId: "0x1" }).transport }).extend(
      computusActions(deployment),
    );
    await expect(other.verifyDeployment()).rejects.toThrow(WrongChainError);
    const empty = createWalletClient({ transport: node({ code: "0x" }).transport }).extend(computusActions(deployment));
    await expect(empty.verifyDeployment()).rejects.toThrow(ContractNotDeployedError);
    await expect(empty.verifyDeployment({ checkCode: false })).resolves.toBeUndefined();
  });
});

describe("package entry", () => {
  it("exports the actions, decorator, errors, math and ABIs", () => {
    for (const name of [
      "signObservation",
      "submitRound",
      "buildRound",
      "getLatestRound",
      "getAveragePrice",
      "getIndexParams",
      "verifyDeployment",
      "computusActions",
      "parseDeployment",
      "decodeContractError",
      "WrongChainError",
      "QuorumNotMetError",
      "computeIndex",
      "medianDown",
      "businessSecondsBetween",
      "averagePriceDown",
      "indexOracleAbi",
      "toIndexId",
      "getRegisteredIndexes",
      "isStale",
      "exceedsMoveGuard",
      "createPublisher",
      "publishRound",
      "runPublisherBot",
    ]) {
      expect(sdk, name).toHaveProperty(name);
    }
  });
});
