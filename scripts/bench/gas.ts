/**
 * `npm run bench:gas`: runs every contract operation on Hardhat's in-process chain, prints a
 * table, and writes gas-snapshot.json (operation → whole-transaction gasUsed from its receipt).
 * `--check` fails instead of writing when a figure differs from the committed snapshot.
 */
import { readFile, writeFile } from "node:fs/promises";
import { GasRecorder, runGasSuites } from "./gasBench.js";
import { gasReferences } from "./gasReferences.js";
import { targets } from "./gasTargets.js";
import { gasSuites } from "./suites/index.js";

const SNAPSHOT_FILE = new URL("../../gas-snapshot.json", import.meta.url);

async function main(): Promise<void> {
  const figures = await runGasSuites(
    gasSuites,
    async (connection) => new GasRecorder(await connection.viem.getPublicClient()),
  );

  const previous = await readSnapshot();
  const rows = [...figures].map(([operation, gas]) => {
    const before = previous[operation];
    const target = targets[operation];
    return {
      operation,
      gas: Number(gas),
      before: before ?? "-",
      delta: before === undefined ? "-" : Number(gas) - before,
      target: target ?? "-",
      ok: target === undefined ? "" : Number(gas) <= target ? "yes" : "OVER",
    };
  });
  console.table(rows);
  console.log("Beside other venues (published figures; methods and sources in docs/gas-comparison.md):");
  console.table(
    [...figures].flatMap(([operation, gas]) =>
      (gasReferences[operation] ?? []).map((reference) => ({
        operation,
        computus: Number(gas),
        venue: reference.venue,
        gas: reference.gas,
        measures: reference.measures,
      })),
    ),
  );

  const snapshot = Object.fromEntries([...figures].map(([operation, gas]) => [operation, Number(gas)]));
  if (process.argv.includes("--check")) {
    const drifted = rows.filter((row) => row.delta !== 0);
    if (drifted.length > 0) {
      console.error(`gas drifted from gas-snapshot.json: ${drifted.map((row) => row.operation).join(", ")}`);
      process.exitCode = 1;
    }
    return;
  }
  await writeFile(SNAPSHOT_FILE, `${JSON.stringify(snapshot, null, 2)}\n`);
  const over = rows.filter((row) => row.ok === "OVER");
  console.log(`wrote gas-snapshot.json (${rows.length} operations, ${over.length} over target)`);
}

async function readSnapshot(): Promise<Record<string, number>> {
  try {
    return JSON.parse(await readFile(SNAPSHOT_FILE, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

await main();
