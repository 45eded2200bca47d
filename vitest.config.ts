import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["sdk/src/**/*.test.ts", "sdk/scripts/**/*.test.ts", "test/**/*.test.ts"],
    // Two files at a time: the long ones (the demo end to end, the indexers) mostly wait on child
    // processes, and each takes its own free port, chain id, database schema and temporary
    // directories, so they can run side by side. On 2 cores: 552 s one at a time, 352 s two at a
    // time, all 269 tests passing either way.
    fileParallelism: true,
    maxWorkers: 2,
    // A test's first in-process deployment of the whole venue takes 1.5-5 s on 2 cores (Hardhat
    // loads every build-info when it creates the network): past vitest's 5 s default when the
    // other worker is busy. Not a performance bound: benchmarks measure time.
    testTimeout: 20_000,
  },
});
