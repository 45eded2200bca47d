/**
 * The indexer's HTTP API (Ponder serves it beside /health, /ready, /status and /metrics):
 *   /graphql  Ponder's GraphQL over every table
 *   /sql/*    SQL over HTTP, for `@ponder/client` (behind ./sqlGuard.ts: malformed queries are a 4xx)
 *   /api/*    REST routes for auditors (./indexes.ts, ./publishers.ts); bad input is a 4xx with a JSON
 *             `{ "error": message }`, never a 500
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";
import { accountRoutes } from "./accounts.js";
import { auditRoutes } from "./audit.js";
import { capacityRoutes } from "./capacity.js";
import { indexRoutes } from "./indexes.js";
import { marketRoutes, tradeRoutes } from "./markets.js";
import { publisherRoutes } from "./publishers.js";
import { sqlGuard } from "./sqlGuard.js";
import { ApiError, noRouteMessage } from "./validate.js";

const api = new Hono()
  .route("/indexes", indexRoutes)
  .route("/publishers", publisherRoutes)
  .route("/markets", marketRoutes)
  .route("/trades", tradeRoutes)
  .route("/accounts", accountRoutes)
  .route("/capacity", capacityRoutes)
  .route("/", auditRoutes)
  .all("*", (c) => c.json({ error: noRouteMessage(c.req.method, c.req.path) }, 404))
  .onError((error, c) => {
    if (error instanceof ApiError) return c.json({ error: error.message }, error.status);
    console.error(`${c.req.method} ${c.req.path}:`, error);
    return c.json({ error: "internal error" }, 500);
  });

const app = new Hono();
app.use("/graphql", graphql({ db, schema }));
app.use(
  "/sql/*",
  sqlGuard(() => app),
);
app.use("/sql/*", client({ db, schema }));
app.route("/api", api);
// Ponder mounts this app under its own, whose fallbacks are plain text: answer the rest here.
app.all("*", (c) => c.json({ error: noRouteMessage(c.req.method, c.req.path) }, 404));
app.onError((error, c) => {
  // Ponder's SQL middleware throws on some malformed queries the guard lets through: the client's input.
  if (c.req.path.startsWith("/sql/")) return c.json({ error: `sql: ${error.message.slice(0, 500)}` }, 400);
  console.error(`${c.req.method} ${c.req.path}:`, error);
  return c.json({ error: "internal error" }, 500);
});

export default app;
