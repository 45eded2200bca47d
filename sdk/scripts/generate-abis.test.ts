import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { abiSources } from "./abiSources.js";
import { renderAbis } from "./renderAbis.js";

const ARTIFACTS_DIR = fileURLToPath(new URL("../../artifacts", import.meta.url));
const OUTPUT_FILE = fileURLToPath(new URL("../src/generated/abis.ts", import.meta.url));

describe("generated ABIs", () => {
  // Needs `npx hardhat compile` first (`npm run test:ts` does it).
  it("sdk/src/generated/abis.ts matches the build artifacts", async () => {
    const expected = await renderAbis(ARTIFACTS_DIR, abiSources);
    const committed = await readFile(OUTPUT_FILE, "utf8");
    expect(committed, "stale: run `npm run generate:abis -w sdk`").toBe(expected);
  });

  it("rejects an unknown contract", async () => {
    await expect(renderAbis(ARTIFACTS_DIR, [{ contract: "NoSuchContract", exportName: "x" }])).rejects.toThrow(
      /No artifact for contract NoSuchContract/,
    );
  });
});
