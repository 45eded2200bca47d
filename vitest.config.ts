import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["sdk/src/**/*.test.ts", "sdk/scripts/**/*.test.ts", "test/**/*.test.ts"],
    // Files that start chains or indexers must not run side by side on small machines.
    fileParallelism: false,
  },
});
