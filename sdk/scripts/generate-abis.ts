/**
 * Writes `sdk/src/generated/abis.ts` from Hardhat's artifacts (`npx hardhat compile` first).
 * `--check` writes nothing and exits 1 when the committed file differs from what it would write.
 *
 *   npx tsx sdk/scripts/generate-abis.ts [--check]
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { abiSources } from "./abiSources.js";
import { renderAbis } from "./renderAbis.js";

export const ARTIFACTS_DIR = fileURLToPath(new URL("../../artifacts", import.meta.url));
export const OUTPUT_FILE = fileURLToPath(new URL("../src/generated/abis.ts", import.meta.url));

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const text = await renderAbis(ARTIFACTS_DIR, abiSources);
  if (check) {
    const current = await readFile(OUTPUT_FILE, "utf8").catch(() => "");
    if (current !== text) {
      console.error(`${OUTPUT_FILE} is stale: run \`npm run generate:abis -w sdk\`.`);
      process.exitCode = 1;
      return;
    }
    console.log(`${OUTPUT_FILE} is fresh.`);
    return;
  }
  await writeFile(OUTPUT_FILE, text);
  console.log(`Wrote ${abiSources.length} ABI(s) to ${OUTPUT_FILE}.`);
}

await main();
