import { mkdirSync } from "node:fs";
import { network } from "hardhat";
import { createWalletClient, http, parseEther } from "viem";
import { deployComputus } from "./scripts/deploy/deployComputus.js";
import { createPublisher } from "./sdk/src/bots/publisher.js";
import { createPublisherHandler } from "./sdk/src/bots/remotePublisher.js";
import { servePublisher, writeDeployment } from "./sdk/src/node.js";
import { testPublishers } from "./sdk/src/testing/localChain.js";
const server = await network.createServer("default", "127.0.0.1", 0);
const { address, port } = await server.listen();
const url = `http://${address}:${port}`;
const connection = await network.create({ network: "localhost", override: { url } });
const deployment = await deployComputus({ viem: connection.viem, publishers: testPublishers.slice(0, 3).map((a) => a.address) });
const [funder] = await connection.viem.getWalletClients();
await funder!.sendTransaction({ to: testPublishers[0]!.address, value: parseEther("10") });
mkdirSync("/tmp/cx/deployments", { recursive: true });
await writeDeployment(deployment, { directory: "/tmp/cx/deployments" });
const urls: string[] = [];
for (const p of [0, 1, 2]) {
  const publisher = createPublisher(createWalletClient({ account: testPublishers[p]!, transport: http(url) }), {
    oracle: deployment.contracts.IndexOracle.address, chainId: deployment.chainId, method: { maxQuoteAge: 3600n },
    source: { fetchQuotes: (_n, now) => [0n, 1n, 2n].map((k) => ({ provider: `p${k}`, price: 2_000_000n + BigInt(p) * 1000n + k * 500n, weight: 1n, timestamp: now })) },
  });
  urls.push((await servePublisher(createPublisherHandler(publisher, { indexNames: ["H100-SXM-USD-HR", "B200-USD-HR"] }))).url);
}
console.log(url, urls.join(" "));
