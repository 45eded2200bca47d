/**
 * Node-only helpers (file system), kept out of the main entry so the SDK runs in browsers:
 * `import { loadDeployment } from "@computus/sdk/node"`.
 */
import { readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { type Deployment, parseDeployment, serializeDeployment } from "./deployment/deployment.js";
import { InvalidDeploymentError } from "./errors/deployment.js";

export type LoadDeploymentParameters = {
  /** Directory of the `<chainId>.json` records. Default: `deployments` under the working directory. */
  directory?: string | undefined;
};

/**
 * Reads and validates `deployments/<chainId>.json`.
 * @throws {InvalidDeploymentError} when the file is missing, is not JSON, is malformed, or records another chain.
 */
export async function loadDeployment(
  chainId: number,
  { directory = "deployments" }: LoadDeploymentParameters = {},
): Promise<Deployment> {
  const file = join(directory, `${chainId}.json`);
  const deployment = await loadDeploymentFile(
    file,
    `no record for chain ${chainId} at ${file}: deploy to that chain first`,
  );
  if (deployment.chainId !== chainId) {
    throw new InvalidDeploymentError({ path: "chainId", reason: `is ${deployment.chainId} in ${file}` });
  }
  return deployment;
}

/**
 * Reads and validates a deployment record from any file.
 * @throws {InvalidDeploymentError} when the file is missing, is not JSON, or is malformed.
 */
export async function loadDeploymentFile(
  file: string,
  missing = `no deployment record at ${file}`,
): Promise<Deployment> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new InvalidDeploymentError({ path: "", reason: missing, cause: error as Error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidDeploymentError({ path: "", reason: `${file} is not valid JSON`, cause: error as Error });
  }
  return parseDeployment(json);
}

/** Writes `deployment` to `<directory>/<chainId>.json` (validated first). Returns the file's path. */
export async function writeDeployment(
  deployment: Deployment,
  { directory = "deployments" }: LoadDeploymentParameters = {},
): Promise<string> {
  const file = join(directory, `${deployment.chainId}.json`);
  await writeFile(file, serializeDeployment(deployment));
  return file;
}

export type ServePublisherParameters = {
  /** Interface to bind. Default 127.0.0.1 (put a TLS proxy in front to serve others). */
  hostname?: string | undefined;
  /** Port; 0 picks a free one. Default 0. */
  port?: number | undefined;
};

/**
 * Serves a web-standard handler (`createPublisherHandler`) on Node's http server. Resolves once
 * listening, with the base URL and a `close()`.
 */
export async function servePublisher(
  handler: (request: Request) => Promise<Response>,
  { hostname = "127.0.0.1", port = 0 }: ServePublisherParameters = {},
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(async (req, res) => {
    try {
      // The path and query only: the Host header is the client's to choose.
      const url = new URL(req.url ?? "/", `http://${hostname}`);
      const response = await handler(new Request(url, { method: req.method ?? "GET" }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { name: "ServerError", message: "the publisher failed" } }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === "object" && address !== null ? address.port : port;
  return {
    url: `http://${hostname}:${boundPort}`,
    server,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
