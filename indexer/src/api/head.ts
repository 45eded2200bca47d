/**
 * The newest block the indexer has processed, read from Ponder's own `_ponder_checkpoint` table
 * (the one its `/status` route reads). The API's database connection has its search path set to
 * the indexer's schema, so the table is found unqualified.
 */
import { db } from "ponder:api";
import { sql } from "ponder";

export type IndexedHead = { readonly number: bigint; readonly timestamp: bigint };

/** Decodes the block timestamp (10 digits) and block number (16 digits after a 16-digit chain id). */
export function decodeCheckpointHead(checkpoint: string): IndexedHead {
  return { timestamp: BigInt(checkpoint.slice(0, 10)), number: BigInt(checkpoint.slice(26, 42)) };
}

export async function indexedHead(): Promise<IndexedHead | undefined> {
  const result = (await db.execute(sql`SELECT latest_checkpoint FROM _ponder_checkpoint LIMIT 1`)) as unknown as {
    rows: { latest_checkpoint: string }[];
  };
  const row = result.rows[0];
  return row === undefined ? undefined : decodeCheckpointHead(row.latest_checkpoint);
}
