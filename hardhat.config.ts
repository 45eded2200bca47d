import { createRequire } from "node:module";
import hardhatToolboxViemPlugin from "@nomicfoundation/hardhat-toolbox-viem";
import { defineConfig } from "hardhat/config";

// Hardhat downloads solc from the internet by default; this machine has only the npm
// registry, so the compiler comes from the `solc` package (WebAssembly). Its version is
// pinned exactly in package.json and must equal SOLC_VERSION.
const SOLC_VERSION = "0.8.37";
const solcPath = createRequire(import.meta.url).resolve("solc/soljson.js");

export default defineConfig({
  plugins: [hardhatToolboxViemPlugin],
  solidity: {
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
  },
  paths: {
    tests: { solidity: "test/solidity" },
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
