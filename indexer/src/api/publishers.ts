/**
 * REST routes about publishers, for auditors:
 *   GET /publishers/:address   the indexes it may sign for now, and the rounds it signed per index
 */
import { db } from "ponder:api";
import { indexes, indexRounds, publishers } from "ponder:schema";
import { Hono } from "hono";
import { asc, count, eq, sql } from "ponder";
import { parseAddress, toJson } from "./validate.js";

export const publisherRoutes = new Hono().get("/:address", async (c) => {
  const address = parseAddress(c.req.param("address"));
  const current = await db
    .select({ indexId: publishers.indexId, name: indexes.name, addedBlock: publishers.addedBlock })
    .from(publishers)
    .innerJoin(indexes, eq(indexes.id, publishers.indexId))
    .where(eq(publishers.address, address))
    .orderBy(asc(indexes.name));
  // Signers are stored lowercase, like every hex column Ponder writes.
  const signed = await db
    .select({ indexId: indexRounds.indexId, name: indexes.name, rounds: count() })
    .from(indexRounds)
    .innerJoin(indexes, eq(indexes.id, indexRounds.indexId))
    .where(sql`${address} = ANY(${indexRounds.signers})`)
    .groupBy(indexRounds.indexId, indexes.name)
    .orderBy(asc(indexes.name));
  return c.json({ address, publishes: toJson(current), signed: toJson(signed) });
});
