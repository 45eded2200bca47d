/**
 * A local JSON-RPC chain (chain id 31337) for end-to-end tests and the demo: Hardhat's simulated
 * network served in-process over HTTP on 127.0.0.1, on a free port. Other processes (Ponder)
 * reach it by `url`; this process drives it through Hardhat's viem helpers over the same HTTP
 * endpoint, so every block anyone sees is the same.
 *
 * Hardhat's `hardhat_mine` with a count above 1 makes blocks Ponder cannot follow (parent hash
 * zero), so {@link LocalChain.mine} mines one `evm_mine` at a time.
 */
import type { HardhatViemHelpers } from "@nomicfoundation/hardhat-viem/types";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import type { Hex } from "viem";

export type LocalChain = {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly chainId: number;
  /** Hardhat's viem helpers connected to this chain (wallet clients are its unlocked accounts). */
  readonly viem: HardhatViemHelpers;
  /** A raw JSON-RPC request (`evm_snapshot`, `evm_revert`, `evm_setNextBlockTimestamp`, …). */
  rpc<T = unknown>(method: string, params?: readonly unknown[]): Promise<T>;
  /** Mines `count` empty blocks, one `evm_mine` each. */
  mine(count?: number): Promise<void>;
  /** The latest block's number and timestamp. */
  head(): Promise<{ number: bigint; timestamp: bigint }>;
  /** Takes a snapshot (`evm_snapshot`); {@link revert} returns to it. */
  snapshot(): Promise<Hex>;
  /** Reverts to a snapshot (`evm_revert`); throws if the node refuses. */
  revert(id: Hex): Promise<void>;
  /** Stops the server and closes the connection. Safe to call twice. */
  close(): Promise<void>;
};

export type StartLocalChainOptions = {
  /** Port to listen on; default: a free one. */
  readonly port?: number;
  /**
   * Chain id; default 31337. Tests that index into a shared PostgreSQL pass a unique one (see
   * {@link uniqueChainId}): Ponder 0.16 keeps raw chain data in the database's `ponder_sync`
   * schema keyed by chain id and block number, and on a conflict keeps the old row, so a second
   * local chain with the same id would be indexed from the first one's logs.
   */
  readonly chainId?: number;
};

/** A chain id no other test run is likely to use (between 1,000,000,000 and 1,999,999,999). */
export function uniqueChainId(): number {
  return 1_000_000_000 + Math.floor(Math.random() * 1_000_000_000);
}

export async function startLocalChain(options: StartLocalChainOptions = {}): Promise<LocalChain> {
  const server = await network.createServer(
    options.chainId === undefined
      ? { network: "default" }
      : { network: "default", override: { chainId: options.chainId } },
    "127.0.0.1",
    options.port ?? 0,
  );
  const { address, port } = await server.listen();
  const url = `http://${address === "::" || address === "0.0.0.0" ? "127.0.0.1" : address}:${port}`;
  let connection: NetworkConnection | undefined;
  try {
    connection = await network.create({ network: "localhost", override: { url } });
  } catch (error) {
    await server.close();
    throw error;
  }
  const conn = connection;
  const { viem } = conn as unknown as { viem: HardhatViemHelpers };
  const publicClient = await viem.getPublicClient();
  const chainId = await publicClient.getChainId();

  const rpc = <T = unknown>(method: string, params: readonly unknown[] = []): Promise<T> =>
    conn.provider.request({ method, params: [...params] }) as Promise<T>;

  let closed = false;
  return {
    url,
    port,
    chainId,
    viem,
    rpc,
    async mine(count = 1) {
      for (let i = 0; i < count; i++) await rpc("evm_mine");
    },
    async head() {
      const block = await publicClient.getBlock({ blockTag: "latest" });
      return { number: block.number, timestamp: block.timestamp };
    },
    snapshot: () => rpc<Hex>("evm_snapshot"),
    async revert(id) {
      const ok = await rpc<boolean>("evm_revert", [id]);
      if (!ok) throw new Error(`evm_revert(${id}) refused: no such snapshot`);
    },
    async close() {
      if (closed) return;
      closed = true;
      await conn.close().catch(() => {});
      await server.close();
    },
  };
}
