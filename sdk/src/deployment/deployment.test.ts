import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidDeploymentError, MissingContractError, WrongChainError } from "../errors/deployment.js";
import { loadDeployment, writeDeployment } from "../node.js";
import { assertDeploymentChain, getContractAddress, parseDeployment, serializeDeployment } from "./deployment.js";

const record = {
  version: 2,
  chainId: 31337,
  collateral: { address: "0x5fbdb2315678afecb367f032d93f642f64180aa3", symbol: "USDC", decimals: 6 },
  contracts: {
    IndexOracle: { address: "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512", startBlock: 2 },
    CapacityToken: { address: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0", startBlock: 4 },
  },
};

describe("deployment records", () => {
  it("parses a record and checksums its addresses", () => {
    const deployment = parseDeployment(record);
    expect(deployment.collateral.address).toBe("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    expect(deployment.contracts.IndexOracle.address).toBe("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
    expect(deployment.contracts.CapacityToken?.startBlock).toBe(4);
    expect(getContractAddress(deployment, "IndexOracle")).toBe("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
  });

  it.each([
    [{ ...record, version: 3 }, "version"],
    [{ ...record, chainId: "31337" }, "chainId"],
    [{ ...record, collateral: { ...record.collateral, decimals: -1 } }, "collateral.decimals"],
    [{ ...record, collateral: { ...record.collateral, address: "0x1234" } }, "collateral.address"],
    [
      { ...record, collateral: { ...record.collateral, address: "0x5FbDB2315678afecb367f032d93F642f64180aA3" } },
      "collateral.address",
    ],
    [{ ...record, contracts: {} }, "contracts.IndexOracle"],
    [
      { ...record, contracts: { IndexOracle: { address: record.contracts.IndexOracle.address } } },
      "contracts.IndexOracle.startBlock",
    ],
    [
      {
        ...record,
        contracts: { ...record.contracts, ClearingHouse: { address: `0x${"0".repeat(40)}`, startBlock: 1 } },
      },
      "contracts.ClearingHouse.address",
    ],
  ])("rejects a bad field: %#", (json, path) => {
    try {
      parseDeployment(json);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidDeploymentError);
      expect((error as InvalidDeploymentError).path).toBe(path);
      expect((error as InvalidDeploymentError).shortMessage).toContain(path);
    }
  });

  it("refuses a version 1 record and an OrderBook entry: the order books are in the clearing house", () => {
    expect(() => parseDeployment({ ...record, version: 1 })).toThrow(
      "Invalid deployment record: version is 1, a deployment with a separate order book contract; this SDK reads " +
        "version 2 (order books inside the clearing house): redeploy with this version's contracts.",
    );
    const orderBook = { address: "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9", startBlock: 3 };
    try {
      parseDeployment({ ...record, contracts: { ...record.contracts, OrderBook: orderBook } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidDeploymentError);
      expect((error as InvalidDeploymentError).path).toBe("contracts.OrderBook");
      expect((error as InvalidDeploymentError).shortMessage).toBe(
        "Invalid deployment record: contracts.OrderBook is not part of version 2: the order books are at " +
          "contracts.ClearingHouse's address.",
      );
    }
  });

  it("names a missing contract", () => {
    expect(() => getContractAddress(parseDeployment(record), "ClearingHouse")).toThrow(MissingContractError);
  });

  it("refuses another chain with WrongChainError", () => {
    const deployment = parseDeployment(record);
    expect(() => assertDeploymentChain(deployment, 31337)).not.toThrow();
    try {
      assertDeploymentChain(deployment, 1);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WrongChainError);
      expect((error as WrongChainError).shortMessage).toBe(
        "Connected to chain 1, but this Computus deployment is on chain 31337: switch the wallet or RPC to chain 31337.",
      );
    }
  });

  describe("files", () => {
    let directory: string;
    beforeAll(async () => {
      directory = await mkdtemp(join(tmpdir(), "computus-deployments-"));
    });
    afterAll(async () => {
      await rm(directory, { recursive: true, force: true });
    });

    it("round-trips through writeDeployment and loadDeployment", async () => {
      const deployment = parseDeployment(record);
      await writeDeployment(deployment, { directory });
      expect(await loadDeployment(31337, { directory })).toEqual(deployment);
      expect(serializeDeployment(deployment)).toMatch(/^\{\n {2}"version": 2,/);
    });

    it("refuses a missing file, bad JSON, and a record filed under another chain id", async () => {
      await expect(loadDeployment(5, { directory })).rejects.toThrow(InvalidDeploymentError);
      await writeFile(join(directory, "6.json"), "{ not json");
      await expect(loadDeployment(6, { directory })).rejects.toThrow(/not valid JSON/);
      await writeFile(join(directory, "7.json"), JSON.stringify(record));
      await expect(loadDeployment(7, { directory })).rejects.toThrow(/chainId is 31337/);
    });
  });
});
