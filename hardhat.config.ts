import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import hardhatToolboxViemPlugin from "@nomicfoundation/hardhat-toolbox-viem";
import { defineConfig } from "hardhat/config";
// Node loads this file with type stripping, which does not map .js to .ts: hence the .ts import.
import sharedOverridesPlugin from "./scripts/hardhat/sharedOverrides.ts";

// Hardhat downloads solc from the internet by default; this machine has only the npm
// registry, so the compiler comes from the `solc` package (WebAssembly). Its version is
// pinned exactly in package.json and must equal SOLC_VERSION.
const SOLC_VERSION = "0.8.37";
const solcPath = createRequire(import.meta.url).resolve("solc/soljson.js");

const SOLIDITY_TESTS = "test/solidity";

/** What is deployed, and what the tests deploy: they read these artifacts (test/solidity/utils/Deploy.sol). */
const CONTRACTS_COMPILER = {
  version: SOLC_VERSION,
  path: solcPath,
  settings: {
    // Cancun: transient storage and MCOPY, supported on every major EVM chain today.
    evmVersion: "cancun",
    optimizer: { enabled: true, runs: 10_000 },
    // The IR pipeline: the clearing house's liquidation and fill paths are stack-too-deep for
    // the legacy one, and IR code is cheaper on them.
    viaIR: true,
  },
};

/**
 * The test contracts themselves (750 kB of bytecode) on the legacy pipeline: solc-js took 6m47s to
 * build them through the optimised IR pipeline on 2 cores, 50 s this way. Their gas is not what the
 * benchmarks measure, and the protocol they test comes from the artifacts above. All of them are
 * one compilation job (scripts/hardhat/sharedOverrides.ts).
 */
const TESTS_COMPILER = {
  version: SOLC_VERSION,
  path: solcPath,
  settings: { evmVersion: "cancun", optimizer: { enabled: true, runs: 200 } },
};

/**
 * The clearing house's core (orders, matching, fills) and extension sit close to the 24,576-byte
 * limit: at 10,000 runs the optimiser inlines them past it (core 27.0 kB). At 400 they fit with
 * 2 kB to spare, and the order-book figures are within 0.3% of those at 1,000 or 10,000 runs
 * (`npm run bench:gas`).
 */
const SIZE_BOUND_COMPILER = {
  ...CONTRACTS_COMPILER,
  settings: { ...CONTRACTS_COMPILER.settings, optimizer: { enabled: true, runs: 400 } },
};
const sizeBoundOverrides = {
  "contracts/clearinghouse/ClearingHouse.sol": SIZE_BOUND_COMPILER,
  "contracts/clearinghouse/ClearingHouseExtension.sol": SIZE_BOUND_COMPILER,
};

/** Test files that are stack-too-deep for the legacy pipeline: built with the contracts' settings. */
const TESTS_NEEDING_VIA_IR = new Set([
  `${SOLIDITY_TESTS}/libraries/MarginLib.t.sol`,
  `${SOLIDITY_TESTS}/libraries/TickBitmapLib.t.sol`,
]);

const testOverrides = Object.fromEntries(
  readdirSync(fileURLToPath(new URL(SOLIDITY_TESTS, import.meta.url)), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".sol"))
    .map((file) => `${SOLIDITY_TESTS}/${file.replaceAll("\\", "/")}`)
    .filter((file) => !TESTS_NEEDING_VIA_IR.has(file))
    .map((file) => [file, TESTS_COMPILER]),
);

export default defineConfig({
  plugins: [hardhatToolboxViemPlugin, sharedOverridesPlugin],
  solidity: {
    compilers: [CONTRACTS_COMPILER],
    overrides: { ...testOverrides, ...sizeBoundOverrides },
  },
  paths: {
    tests: { solidity: SOLIDITY_TESTS },
  },
  test: {
    solidity: {
      profiles: {
        // What `npm test` and CI run: every property exercised, in a few minutes on 2 cores.
        default: { fuzz: { runs: 256 }, invariant: { runs: 64, depth: 64, failOnRevert: false } },
        // `npm run test:deep`: longer campaigns before a release or after touching the core.
        deep: { fuzz: { runs: 5_000 }, invariant: { runs: 512, depth: 256, failOnRevert: false } },
      },
    },
  },
  networks: {
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
  },
});
