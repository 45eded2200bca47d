/**
 * `npm start --once`: the main job runs end to end as a user starts it (a child process with its
 * own chain on 127.0.0.1), replays the series and exits 0, leaving no process behind.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadIndexSeries } from "../../scripts/demo/indexSeries.js";

function run(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", join(process.cwd(), "scripts/start.ts"), ...args], {
      cwd,
      env: { ...process.env, HARDHAT_CONFIG: undefined },
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("npm start --once", () => {
  it("deploys, replays the series and exits cleanly", async () => {
    const hours = 3;
    const { code, output } = await run(["--once", "--hours", String(hours), "--port", "0"], process.cwd());
    expect(output).toMatch(/Local chain listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(code, output).toBe(0);
    expect(output).toContain(`Replayed ${hours} hours of the index series: ${hours * 3} rounds`);
    // The last fixing replayed is the series' own value for that hour.
    const h100 = (await loadIndexSeries()).find((series) => series.name === "H100-SXM-USD-HR");
    const last = h100?.prices[hours - 1];
    expect(last).toBeDefined();
    expect(output).toContain(`'${(Number(last) / 1e6).toString()}'`);
  }, 60_000);
});
