/**
 * The whole local stack in one call, for the demo and for end-to-end tests of later contracts:
 * a local chain, Computus deployed, optionally some hourly rounds on the GPU indexes, and the
 * indexer on PGlite (temporary directory) or PostgreSQL. `stop()` stops all of it and removes
 * what it created.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_INDEXES } from "../../scripts/deploy/indexes.js";
import { type LocalChain, type StartLocalChainOptions, startLocalChain, uniqueChainId } from "./localChain.js";
import { type DeployLocalOptions, deployLocal, type LocalDeployment, submitHourlyRounds } from "./oracle.js";
import { type PonderProcess, startPonder } from "./ponderProcess.js";
import { dropSchema, forgetLocalChain } from "./postgres.js";

/** Starting prices of the GPU indexes' rounds (quote units per GPU-hour, 6 decimals). */
export const GPU_BASE_PRICES: Readonly<Record<string, bigint>> = {
  "H100-SXM-USD-HR": 2_134_500n,
  "H200-USD-HR": 3_050_000n,
  "B200-USD-HR": 5_200_000n,
};

export type StartLocalStackOptions = {
  readonly chain?: StartLocalChainOptions;
  readonly deploy?: DeployLocalOptions;
  /** Hourly rounds to publish on every GPU index before the indexer starts. Default 0. */
  readonly rounds?: number;
  /** Start the indexer (default true). */
  readonly indexer?: boolean;
  /** PostgreSQL for the indexer; default PGlite in a temporary directory. */
  readonly databaseUrl?: string;
  /** Indexer schema; default a unique one. */
  readonly schema?: string;
  /** Indexer HTTP port; default a free one. */
  readonly apiPort?: number;
};

export type LocalStack = {
  readonly chain: LocalChain;
  readonly local: LocalDeployment;
  /** Undefined when started with `indexer: false`. */
  readonly ponder: PonderProcess | undefined;
  stop(): Promise<void>;
};

export async function startLocalStack(options: StartLocalStackOptions = {}): Promise<LocalStack> {
  // On a shared PostgreSQL every local chain needs its own id (see localChain.ts).
  const chainOptions =
    options.databaseUrl !== undefined && options.chain?.chainId === undefined
      ? { ...options.chain, chainId: uniqueChainId() }
      : options.chain;
  const chain = await startLocalChain(chainOptions);
  const cleanups: (() => Promise<void>)[] = [() => chain.close()];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    cleanups.length = 0;
  };
  try {
    const local = await deployLocal(chain, options.deploy);
    cleanups.push(() => rm(local.deploymentsDir, { recursive: true, force: true }));
    const gpuIndexes = (options.deploy?.indexes ?? DEFAULT_INDEXES).filter((index) => index.name in GPU_BASE_PRICES);
    let seed = 1;
    for (const index of gpuIndexes) {
      if ((options.rounds ?? 0) === 0) break;
      await submitHourlyRounds(chain, local, index.name, options.rounds ?? 0, GPU_BASE_PRICES[index.name], seed++);
    }
    let ponder: PonderProcess | undefined;
    if (options.indexer ?? true) {
      const schema = options.schema ?? `computus_${Date.now().toString(36)}_${process.pid}`;
      const pgliteDir =
        options.databaseUrl === undefined ? await mkdtemp(join(tmpdir(), "computus-pglite-")) : undefined;
      if (pgliteDir !== undefined) cleanups.push(() => rm(pgliteDir, { recursive: true, force: true }));
      const { databaseUrl } = options;
      if (databaseUrl !== undefined) {
        // Runs after the indexer has stopped (cleanups run in reverse).
        cleanups.push(async () => {
          await dropSchema(schema, databaseUrl);
          await forgetLocalChain(chain.chainId, databaseUrl);
        });
      }
      ponder = await startPonder({
        schema,
        rpcUrl: chain.url,
        chainId: chain.chainId,
        deploymentsDir: local.deploymentsDir,
        databaseUrl,
        pgliteDir,
        port: options.apiPort,
      });
      const started = ponder;
      cleanups.push(() => started.stop());
      await ponder.waitReady();
    }
    return { chain, local, ponder, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
