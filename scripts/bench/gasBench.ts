import { network } from "hardhat";
import type { Hash, PublicClient } from "viem";

/** What a gas-bench suite receives: a way to record each operation's whole-transaction gas. */
export interface GasBench {
  /** Records the gasUsed of the mined transaction `hash` (21,000 base and calldata included). */
  record(operation: string, hash: Hash | Promise<Hash>): Promise<bigint>;
  /** Records a figure measured another way (e.g. eth_estimateGas of a view call). */
  recordValue(operation: string, gas: bigint): void;
}

/** A fresh in-process chain, with Hardhat's viem helpers and network helpers. */
export type BenchConnection = Awaited<ReturnType<typeof network.create>>;

/** A suite measures one contract's operations on its own fresh in-process chain. */
export type GasSuite = (bench: GasBench, connection: BenchConnection) => Promise<void>;

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

type Tuple<T, N extends number, R extends T[] = []> = R["length"] extends N ? R : Tuple<T, N, [T, ...R]>;
type BenchWallet = Awaited<ReturnType<BenchConnection["viem"]["getWalletClients"]>>[number];

/** The chain's first `count` funded wallet clients, typed as a tuple (throws if it has fewer). */
export async function benchWallets<N extends number>(
  viem: BenchConnection["viem"],
  count: N,
): Promise<Tuple<BenchWallet, N>> {
  const wallets = await viem.getWalletClients();
  if (wallets.length < count)
    throw new Error(`the bench needs ${count} funded accounts, the chain has ${wallets.length}`);
  return wallets.slice(0, count) as Tuple<BenchWallet, N>;
}

/**
 * Runs each suite on its own fresh in-process chain, recording with the recorder `recorderFor`
 * makes for that chain; returns every figure, in the order recorded.
 */
export async function runGasSuites(
  suites: readonly GasSuite[],
  recorderFor: (connection: BenchConnection) => Promise<GasRecorder>,
): Promise<Map<string, bigint>> {
  const figures = new Map<string, bigint>();
  for (const suite of suites) {
    const connection = await network.create();
    const recorder = await recorderFor(connection);
    await suite(recorder, connection);
    for (const [operation, gas] of recorder.figures) figures.set(operation, gas);
    await connection.close();
  }
  return figures;
}
