import { type Address, getAddress, isAddress } from "viem";
import { InvalidDeploymentError, MissingContractError, WrongChainError } from "../errors/deployment.js";

/**
 * Version of the `deployments/<chainId>.json` format this SDK reads and writes.
 * - 2: the order books live inside the clearing house: no `OrderBook` entry (the book's functions
 *   and events are at `ClearingHouse`'s address); `ClearingHouseExtension` and
 *   `ClearingHouseReader` are recorded beside it.
 * - 1: a separate `OrderBook` contract (no longer read).
 */
export const DEPLOYMENT_FORMAT_VERSION = 2;

/**
 * The contracts a deployment may record, by their Solidity names. Users call only `ClearingHouse`
 * (the order books included); its extension and reader are reached through its fallback and
 * recorded so that `verifyDeployment` checks their code too.
 */
export type ContractName =
  | "IndexOracle"
  | "ClearingHouse"
  | "ClearingHouseExtension"
  | "ClearingHouseReader"
  | "CapacityToken";

/** Where a contract lives on the deployment's chain. */
export type ContractDeployment = {
  /** Its address (checksummed once parsed). */
  readonly address: Address;
  /** The block it was deployed in: indexers and log scans start there. */
  readonly startBlock: number;
};

/** The collateral (quote) token, as read from the chain at deployment. */
export type CollateralToken = {
  readonly address: Address;
  readonly symbol: string;
  /** Read with `decimals()` at deployment: amounts are in its smallest unit. */
  readonly decimals: number;
};

/**
 * A Computus deployment on one chain: what the deploy step writes to `deployments/<chainId>.json`
 * and the SDK, the indexer and the dashboard read.
 *
 * @example
 * {
 *   "version": 2,
 *   "chainId": 31337,
 *   "collateral": { "address": "0x5FbDB2315678afecb367f032d93F642f64180aa3", "symbol": "USDC", "decimals": 6 },
 *   "contracts": {
 *     "IndexOracle": { "address": "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", "startBlock": 2 },
 *     "ClearingHouseReader": { "address": "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0", "startBlock": 3 },
 *     "ClearingHouseExtension": { "address": "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9", "startBlock": 4 },
 *     "ClearingHouse": { "address": "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9", "startBlock": 5 }
 *   }
 * }
 */
export type Deployment = {
  readonly version: typeof DEPLOYMENT_FORMAT_VERSION;
  readonly chainId: number;
  readonly collateral: CollateralToken;
  /**
   * Contracts by Solidity name. The oracle is always there; the others are optional (an
   * oracle-only deployment is valid). Names this SDK does not know are kept as they are, except
   * `OrderBook`, refused: the order books are at the clearing house's address.
   */
  readonly contracts: { readonly IndexOracle: ContractDeployment } & {
    readonly [name in Exclude<ContractName, "IndexOracle">]?: ContractDeployment;
  } & { readonly [name: string]: ContractDeployment | undefined };
};

function fail(path: string, reason: string): never {
  throw new InvalidDeploymentError({ path, reason });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseAddress(value: unknown, path: string): Address {
  if (typeof value !== "string" || !isAddress(value, { strict: false })) fail(path, "is not an address");
  // A mixed-case address with a wrong checksum is a typo (all lowercase carries no checksum).
  if (!isAddress(value, { strict: true })) fail(path, "has a wrong checksum");
  if (BigInt(value) === 0n) fail(path, "is the zero address");
  return getAddress(value);
}

function parseInteger(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(path, `is not an integer between ${min} and ${max}`);
  }
  return value;
}

function parseContract(value: unknown, path: string): ContractDeployment {
  if (!isRecord(value)) fail(path, "is not an object");
  return {
    address: parseAddress(value.address, `${path}.address`),
    startBlock: parseInteger(value.startBlock, `${path}.startBlock`, 0, Number.MAX_SAFE_INTEGER),
  };
}

/**
 * Validates a deployment record (parsed JSON) and returns it typed, with checksummed addresses.
 * @throws {InvalidDeploymentError} naming the first field that is wrong.
 */
export function parseDeployment(json: unknown): Deployment {
  if (!isRecord(json)) fail("", "is not a JSON object");
  if (json.version === 1) {
    fail(
      "version",
      `is 1, a deployment with a separate order book contract; this SDK reads version ${DEPLOYMENT_FORMAT_VERSION} ` +
        "(order books inside the clearing house): redeploy with this version's contracts",
    );
  }
  if (json.version !== DEPLOYMENT_FORMAT_VERSION) {
    fail("version", `is ${JSON.stringify(json.version)}; this SDK reads version ${DEPLOYMENT_FORMAT_VERSION}`);
  }
  const chainId = parseInteger(json.chainId, "chainId", 1, Number.MAX_SAFE_INTEGER);
  const collateral = json.collateral;
  if (!isRecord(collateral)) fail("collateral", "is not an object");
  if (typeof collateral.symbol !== "string" || collateral.symbol === "") fail("collateral.symbol", "is not a symbol");
  const contracts = json.contracts;
  if (!isRecord(contracts)) fail("contracts", "is not an object");
  if (contracts.IndexOracle === undefined) fail("contracts.IndexOracle", "is missing");
  const parsed: Record<string, ContractDeployment> = {};
  for (const name of Object.keys(contracts).sort()) {
    // A stale entry would send book calls to a contract that no longer takes them.
    if (name === "OrderBook") {
      fail("contracts.OrderBook", "is not part of version 2: the order books are at contracts.ClearingHouse's address");
    }
    parsed[name] = parseContract(contracts[name], `contracts.${name}`);
  }
  return {
    version: DEPLOYMENT_FORMAT_VERSION,
    chainId,
    collateral: {
      address: parseAddress(collateral.address, "collateral.address"),
      symbol: collateral.symbol,
      decimals: parseInteger(collateral.decimals, "collateral.decimals", 0, 36),
    },
    contracts: parsed as Deployment["contracts"],
  };
}

/** A deployment record as the deploy step writes it: stable key order, two-space indent, final newline. */
export function serializeDeployment(deployment: Deployment): string {
  const checked = parseDeployment(deployment);
  return `${JSON.stringify(checked, null, 2)}\n`;
}

/**
 * The address of `name` in `deployment`.
 * @throws {MissingContractError} when the deployment does not record it.
 */
export function getContractAddress(deployment: Deployment, name: ContractName): Address {
  const contract = deployment.contracts[name];
  if (contract === undefined) throw new MissingContractError({ contract: name, chainId: deployment.chainId });
  return contract.address;
}

/**
 * Checks that a chain id (the connected client's) is the deployment's.
 * @throws {WrongChainError} when it is not.
 */
export function assertDeploymentChain(deployment: Deployment, chainId: number): void {
  if (chainId !== deployment.chainId) throw new WrongChainError({ expected: deployment.chainId, actual: chainId });
}
