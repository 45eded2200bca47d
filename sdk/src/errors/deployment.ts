import type { Address } from "viem";
import { ComputusError } from "./base.js";

/** The client is connected to another chain than the deployment's. */
export class WrongChainError extends ComputusError {
  readonly expected: number;
  readonly actual: number;
  constructor({ expected, actual, cause }: { expected: number; actual: number; cause?: Error | undefined }) {
    super(
      `Connected to chain ${actual}, but this Computus deployment is on chain ${expected}: switch the wallet or RPC to chain ${expected}.`,
      { name: "WrongChainError", cause },
    );
    this.expected = expected;
    this.actual = actual;
  }
}

/** A deployment record (`deployments/<chainId>.json`) is malformed. */
export class InvalidDeploymentError extends ComputusError {
  /** Where in the record, as a dotted path (`contracts.indexOracle.address`). */
  readonly path: string;
  constructor({ path, reason, cause }: { path: string; reason: string; cause?: Error | undefined }) {
    super(`Invalid deployment record: ${path ? `${path} ` : ""}${reason}.`, { name: "InvalidDeploymentError", cause });
    this.path = path;
  }
}

/** The deployment has no address for a contract an action needs. */
export class MissingContractError extends ComputusError {
  readonly contract: string;
  readonly chainId: number;
  constructor({ contract, chainId }: { contract: string; chainId: number }) {
    super(`This Computus deployment on chain ${chainId} has no ${contract} contract.`, {
      name: "MissingContractError",
    });
    this.contract = contract;
    this.chainId = chainId;
  }
}

/** No code at a deployment's contract address: a wrong RPC, a reset local chain, or a stale record. */
export class ContractNotDeployedError extends ComputusError {
  readonly contract: string;
  readonly address: Address;
  readonly chainId: number;
  constructor({ contract, address, chainId }: { contract: string; address: Address; chainId: number }) {
    super(
      `No ${contract} contract at ${address} on chain ${chainId}: is the RPC on the right network, and the deployment record current?`,
      { name: "ContractNotDeployedError" },
    );
    this.contract = contract;
    this.address = address;
    this.chainId = chainId;
  }
}
