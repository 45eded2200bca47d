/**
 * PostgreSQL for tests: where to find it, whether it answers, and dropping a test's schema.
 * This project's machines run PostgreSQL 15 on 127.0.0.1:5432 with trust authentication; a
 * machine without it skips the PostgreSQL tests with the reason printed.
 */
import { execFile } from "node:child_process";
import { connect } from "node:net";

/** `COMPUTUS_TEST_DATABASE_URL`, default `postgresql://postgres@127.0.0.1:5432/test`. */
export const TEST_DATABASE_URL = process.env.COMPUTUS_TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test";

/** Undefined when PostgreSQL accepts connections at `url`, else why not. */
export async function postgresUnavailableReason(url = TEST_DATABASE_URL): Promise<string | undefined> {
  const { hostname, port } = new URL(url);
  const host = hostname || "127.0.0.1";
  const portNumber = Number(port || 5432);
  const tcp = await new Promise<string | undefined>((resolve) => {
    const socket = connect({ host, port: portNumber });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(`no answer from ${host}:${portNumber} within 2 s`);
    }, 2_000);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.end();
      resolve(undefined);
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      resolve(`cannot connect to ${host}:${portNumber} (${(error as NodeJS.ErrnoException).code ?? error.message})`);
    });
  });
  if (tcp !== undefined)
    return `PostgreSQL unreachable: ${tcp}; start one (see indexer/README.md) or set COMPUTUS_TEST_DATABASE_URL`;
  return undefined;
}

/** Drops `schema` with `psql` when it is installed (best effort: a leftover schema is harmless). */
export async function dropSchema(schema: string, url = TEST_DATABASE_URL): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(schema)) throw new Error(`dropSchema: unsafe schema name ${schema}`);
  await new Promise<void>((resolve) => {
    execFile("psql", [url, "-q", "-c", `DROP SCHEMA IF EXISTS "${schema}" CASCADE`], { timeout: 10_000 }, () =>
      resolve(),
    );
  });
}

/**
 * Deletes what Ponder cached of chain `chainId` in the database's shared `ponder_sync` schema
 * (best effort, with `psql`). Only for throwaway local chains: the rows of a real chain are a
 * cache every indexer on the database shares.
 */
export async function forgetLocalChain(chainId: number, url = TEST_DATABASE_URL): Promise<void> {
  if (!Number.isSafeInteger(chainId)) throw new Error(`forgetLocalChain: bad chain id ${chainId}`);
  const tables = ["logs", "blocks", "transactions", "transaction_receipts", "traces", "factory_addresses", "intervals"];
  const statements = tables.map((table) => `DELETE FROM ponder_sync.${table} WHERE chain_id = ${chainId};`).join(" ");
  await new Promise<void>((resolve) => {
    execFile("psql", [url, "-q", "-c", statements], { timeout: 10_000 }, () => resolve());
  });
}
