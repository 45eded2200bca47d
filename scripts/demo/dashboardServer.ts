/**
 * Serves the dashboard (scripts/demo/dashboard/) on 127.0.0.1 and forwards /api/* to the
 * indexer, so the page reads one origin. Static files only: no build step.
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const STATIC_DIR = new URL("./dashboard/", import.meta.url);
const STATIC_FILES: Readonly<Record<string, string>> = {
  "/": "index.html",
  "/index.html": "index.html",
  "/dashboard.js": "dashboard.js",
  "/style.css": "style.css",
};
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
};

export type DashboardOptions = {
  /** The indexer's base URL (`http://127.0.0.1:<port>`). */
  readonly indexerUrl: string;
  /** What the page needs to format amounts. */
  readonly config: { readonly decimals: number; readonly symbol: string; readonly chainId: number };
  /** Port on 127.0.0.1; default a free one. */
  readonly port?: number | undefined;
};

export type Dashboard = { readonly url: string; close(): Promise<void> };

export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const server = createServer((request, response) => {
    handle(request, response, options).catch((error: Error) => {
      if (!response.headersSent) response.writeHead(502, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: `dashboard: ${error.message}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, options: DashboardOptions): Promise<void> {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  if (request.method !== "GET") {
    response.writeHead(405, { "content-type": "application/json" }).end(JSON.stringify({ error: "GET only" }));
    return;
  }
  if (url.pathname === "/config.json") {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(options.config));
    return;
  }
  if (url.pathname.startsWith("/api/")) {
    const upstream = await fetch(`${options.indexerUrl}${url.pathname}${url.search}`);
    response.writeHead(upstream.status, {
      "content-type": upstream.headers.get("content-type") ?? "application/json",
    });
    response.end(Buffer.from(await upstream.arrayBuffer()));
    return;
  }
  const file = STATIC_FILES[url.pathname];
  if (file === undefined) {
    response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
    return;
  }
  const extension = file.slice(file.lastIndexOf(".") + 1);
  response.writeHead(200, { "content-type": CONTENT_TYPES[extension] ?? "application/octet-stream" });
  response.end(await readFile(new URL(file, STATIC_DIR)));
}
