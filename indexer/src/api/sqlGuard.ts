/**
 * A guard in front of Ponder's `client()` middleware (SQL over HTTP for `@ponder/client`).
 * Ponder 0.16's middleware answers malformed input with a 500 (`?sql=0` throws reading `.sql` of
 * undefined; a refused or failing query is `c.text(message, 500)`), and `/sql/live` counts a live
 * query before validating it, so every refused live query leaks one of its 1,000 slots until live
 * queries answer 503 for good. Here:
 *  - only `GET /sql/db` and `GET /sql/live` (else a JSON 404 or 405);
 *  - `sql` must be superjson's envelope of `{ sql: string, params?: unknown[] }` (else 400);
 *  - a live query must first succeed as a one-off query (Ponder's own validation, then cached),
 *    so a refused one never reaches the live counter;
 *  - Ponder's 500 for a refused or failing query becomes a 400 with a JSON message: the query is
 *    the client's input.
 */
import type { Context, MiddlewareHandler } from "hono";
import { noRouteMessage } from "./validate.js";

/** Longest `sql` parameter accepted (Ponder refuses SQL longer than 5,000 characters anyway). */
const MAX_SQL_PARAM = 100_000;

/** Why `raw` is not a query `@ponder/client` would send, or undefined when it is one. */
export function sqlParamProblem(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === "") return "missing (a query from @ponder/client)";
  if (raw.length > MAX_SQL_PARAM) return `longer than ${MAX_SQL_PARAM} characters`;
  let envelope: unknown;
  try {
    envelope = JSON.parse(raw);
  } catch {
    return "not JSON";
  }
  if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope)) return "not a query object";
  const { json, meta } = envelope as { json?: unknown; meta?: unknown };
  if (typeof json !== "object" || json === null || Array.isArray(json)) return "not a query object";
  const { sql, params } = json as { sql?: unknown; params?: unknown };
  if (typeof sql !== "string" || sql.trim() === "") return "no SQL text";
  if (params !== undefined && !Array.isArray(params)) return "params is not a list";
  if (meta !== undefined) {
    if (typeof meta !== "object" || meta === null) return "malformed meta";
    // superjson's `meta.values` may turn any path into a Date, a bigint …: never the SQL text itself.
    const values = (meta as { values?: unknown }).values;
    if (values !== undefined && (typeof values !== "object" || values === null)) return "malformed meta";
    const paths = values === undefined ? [] : Array.isArray(values) ? [] : Object.keys(values);
    if (Array.isArray(values) || paths.some((p) => p === "sql" || p.startsWith("sql."))) return "malformed meta";
  }
  return undefined;
}

async function messageOf(response: Response): Promise<string> {
  const text = (await response.text()).trim();
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === "string") return parsed.error;
  } catch {
    // Ponder answers in plain text.
  }
  return text.slice(0, 500) || `status ${response.status}`;
}

/**
 * The guard; `self` is the app it is mounted on (a live query is first tried through its
 * `/sql/db`).
 */
export function sqlGuard(self: () => { request: (path: string) => Response | Promise<Response> }): MiddlewareHandler {
  return async (c: Context, next) => {
    const { path, method } = c.req;
    if (path !== "/sql/db" && path !== "/sql/live") return c.json({ error: noRouteMessage(method, path) }, 404);
    if (method !== "GET") return c.json({ error: `${method} ${path}: only GET is served` }, 405);
    const raw = c.req.query("sql");
    const problem = sqlParamProblem(raw);
    if (problem !== undefined) return c.json({ error: `sql: ${problem}` }, 400);
    if (path === "/sql/live") {
      const probe = await self().request(`/sql/db?sql=${encodeURIComponent(raw as string)}`);
      if (probe.status !== 200) {
        const status = probe.status === 503 ? 503 : 400;
        return c.json({ error: await messageOf(probe) }, status);
      }
    }
    await next();
    if (c.res.status >= 500 && c.res.status !== 503) {
      const error = await messageOf(c.res);
      c.res = undefined;
      c.res = c.json({ error: `sql: ${error}` }, 400);
    }
  };
}
