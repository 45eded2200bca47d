import type { HardhatViemHelpers } from "@nomicfoundation/hardhat-viem/types";
import type { Hash, PublicClient } from "viem";

/** What a gas-bench suite receives: a way to record each operation's whole-transaction gas. */
export interface GasBench {
  /** Records the gasUsed of the mined transaction `hash` (21,000 base and calldata included). */
  record(operation: string, hash: Hash | Promise<Hash>): Promise<bigint>;
  /** Records a figure measured another way (e.g. eth_estimateGas of a view call). */
  recordValue(operation: string, gas: bigint): void;
}

/** A suite measures one contract's operations on a fresh in-process chain, given its viem helpers. */
export type GasSuite = (bench: GasBench, viem: HardhatViemHelpers) => Promise<void>;

/** Collects figures in the order they are recorded. */
export class GasRecorder implements GasBench {
  readonly figures = new Map<string, bigint>();

  constructor(private readonly publicClient: PublicClient) {}

  async record(operation: string, hash: Hash | Promise<Hash>): Promise<bigint> {
    const receipt = await this.publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success") throw new Error(`bench operation ${operation} reverted`);
    this.recordValue(operation, receipt.gasUsed);
    return receipt.gasUsed;
  }

  recordValue(operation: string, gas: bigint): void {
    if (this.figures.has(operation)) throw new Error(`bench operation ${operation} recorded twice`);
    this.figures.set(operation, gas);
  }
}
