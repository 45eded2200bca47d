/**
 * `npm start`: a local chain on 127.0.0.1:8545, Computus deployed on it, and the index series
 * replayed through three oracle publishers.
 *
 *   --once   replay, print the summary and exit (for scripts and CI)
 *   --hours  how many hours of the series to replay (default 24)
 *   --port   the chain's port (default 8545)
 */
import { parseArgs } from "node:util";
import { network } from "hardhat";
import { createWalletClient, formatUnits, http, publicActions } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { computusActions, toIndexId } from "../sdk/src/index.js";
import { writeDeployment } from "../sdk/src/node.js";
import { loadIndexSeries } from "./demo/indexSeries.js";
import { deployComputus } from "./deploy/deployComputus.js";

const { values: flags } = parseArgs({
  options: {
    once: { type: "boolean", default: false },
    hours: { type: "string", default: "24" },
    port: { type: "string", default: "8545" },
  },
});
const hours = Number(flags.hours);
const port = Number(flags.port);
if (!Number.isInteger(hours) || hours < 1)
  throw new Error(`--hours must be a positive whole number, got ${flags.hours}`);

const HOUR = 3600;
const WEEK = 7 * 24 * HOUR;
/** Demo-only publisher keys (well-known test keys: never use them on a real chain). */
const PUBLISHER_KEYS = ["0x11", "0x22", "0x33"].map((byte) => `0x${byte.slice(2).repeat(32)}` as const);

const startedAt = performance.now();
const server = await network.createServer("default", "127.0.0.1", port);
const { address, port: boundPort } = await server.listen();
const rpcUrl = `http://${address}:${boundPort}`;
console.log(`Local chain listening on ${rpcUrl} (chain id 31337)`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);

const { viem, networkHelpers } = await network.create({ network: "localhost", override: { url: rpcUrl } });
const publishers = PUBLISHER_KEYS.map((key) => privateKeyToAccount(key));
const deployment = await deployComputus({ viem, publishers: publishers.map((p) => p.address) });
const file = await writeDeployment(deployment);
console.log(`Deployed; record in ${file}`);
for (const [name, contract] of Object.entries(deployment.contracts)) {
  console.log(`  ${name.padEnd(14)} ${contract?.address}`);
}

const chain = (await viem.getPublicClient()).chain;
const clientOf = (account: (typeof publishers)[number]) =>
  createWalletClient({ account, chain, transport: http(rpcUrl) }).extend(computusActions(deployment));
const publisherClients = publishers.map(clientOf);
// Publishers only sign; a funded account of the local chain carries their rounds on-chain.
const [funded] = await viem.getWalletClients();
if (!funded) throw new Error("the local chain has no funded account");
const keeper = createWalletClient({ account: funded.account, chain, transport: http(rpcUrl) })
  .extend(publicActions)
  .extend(computusActions(deployment));

// The series starts on a Monday at 00:00 UTC: replay it from the next Monday on the chain's clock.
const now = await networkHelpers.time.latest();
const seriesStart = Math.ceil((now + 3 * 24 * HOUR) / WEEK) * WEEK - 3 * 24 * HOUR;
const series = await loadIndexSeries();
let rounds = 0;
for (let hour = 0; hour < hours; hour++) {
  const timestamp = seriesStart + hour * HOUR;
  await networkHelpers.time.increaseTo(timestamp);
  for (const index of series) {
    const price = index.prices[hour];
    if (price === undefined) continue;
    const indexId = toIndexId(index.name);
    const observations = await Promise.all(
      publisherClients.map((client) => client.signObservation({ indexId, timestamp, price })),
    );
    const { hash } = await keeper.submitRound({ indexId, timestamp, observations });
    await keeper.waitForTransactionReceipt({ hash });
    rounds++;
  }
}

console.log(`\nReplayed ${hours} hours of the index series: ${rounds} rounds`);
const rows = [];
for (const index of series) {
  const round = await keeper.getLatestRound({ indexId: toIndexId(index.name) });
  if (!round) continue;
  const to = BigInt(round.timestamp);
  const from = BigInt(seriesStart);
  const average =
    to > from ? await keeper.getAveragePrice({ indexId: toIndexId(index.name), start: from, end: to }) : null;
  rows.push({
    index: index.name,
    round: round.roundId,
    at: new Date(round.timestamp * 1000).toISOString(),
    price: formatUnits(round.price, deployment.collateral.decimals),
    average: average === null ? "-" : formatUnits(average, deployment.collateral.decimals),
  });
}
console.table(rows);
console.log(`Ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s.`);

if (flags.once) await stop();
console.log(`The chain keeps running on ${rpcUrl}; Ctrl-C stops it.`);
