/**
 * `computus` run as a child process against Hardhat's JSON-RPC server, with a deployment record
 * in a temporary directory: `--json` output, human output, and exit codes for good and bad input.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { network } from "hardhat";
import { createWalletClient, http, parseEther, parseUnits } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployComputus } from "../../../scripts/deploy/deployComputus.js";
import { DEFAULT_INDEXES } from "../../../scripts/deploy/indexes.js";
import { createPublisher } from "../bots/publisher.js";
import { createPublisherHandler } from "../bots/remotePublisher.js";
import type { Deployment } from "../deployment/deployment.js";
import { computeIndex, type ProviderQuote } from "../math/indexMethod.js";
import { medianDown } from "../math/median.js";
import { averagePriceDown } from "../math/twap.js";
import { servePublisher, writeDeployment } from "../node.js";
import { testPublisherKeys, testPublishers } from "../testing/localChain.js";
import { commands } from "./commands/index.js";
import { runCli } from "./run.js";
import { isGroup } from "./types.js";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));
// tsx's loader, resolved here: the child runs in a temporary directory without node_modules.
const TSX = import.meta.resolve("tsx");
const H100 = "H100-SXM-USD-HR";
const HOUR = 3_600;

// biome-ignore lint/suspicious/noExplicitAny: the tests read the CLI's JSON output field by field.
type Run = { code: number | null; stdout: string; stderr: string; json: () => any };

let server: Awaited<ReturnType<typeof network.createServer>>;
let connection: Awaited<ReturnType<typeof network.create>>;
let deployment: Deployment;
let dir: string;
let rpc: string;

/** Runs `computus` with `args` in the temporary directory. */
function computus(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, MAIN, ...args], {
      cwd: dir,
      env: { ...process.env, COMPUTUS_PRIVATE_KEY: "", COMPUTUS_RPC_URL: rpc, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, json: () => JSON.parse(stdout) }));
  });
}

const keys = (...indexes: number[]) => ({ COMPUTUS_PRIVATE_KEY: indexes.map((i) => testPublisherKeys[i]).join(",") });

async function chainTime(): Promise<number> {
  return Number((await (await connection.viem.getPublicClient()).getBlock()).timestamp);
}

beforeAll(async () => {
  server = await network.createServer("default", "127.0.0.1", 0);
  const { address, port } = await server.listen();
  rpc = `http://${address}:${port}`;
  connection = await network.create({ network: "localhost", override: { url: rpc } });
  deployment = await deployComputus({
    viem: connection.viem,
    publishers: testPublishers.slice(0, 3).map((account) => account.address),
  });
  // The first publisher also sends rounds: give it gas money.
  const [funder] = await connection.viem.getWalletClients();
  const publicClient = await connection.viem.getPublicClient();
  await publicClient.waitForTransactionReceipt({
    hash: await (funder as NonNullable<typeof funder>).sendTransaction({
      to: testPublishers[0]?.address as `0x${string}`,
      value: parseEther("10"),
    }),
  });
  dir = await mkdtemp(join(tmpdir(), "computus-cli-"));
  await mkdir(join(dir, "deployments"));
  await writeDeployment(deployment, { directory: join(dir, "deployments") });
}, 120_000);

afterAll(async () => {
  await connection?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("computus CLI", () => {
  it("verifies the deployment and lists the indexes (--json)", async () => {
    const verify = await computus(["deployment", "verify", "--json"]);
    expect(verify.code, verify.stderr).toBe(0);
    const verified = verify.json();
    expect(verified).toMatchObject({ ok: true, chainId: deployment.chainId });
    expect(verified.contracts).toContainEqual(
      expect.objectContaining({ name: "IndexOracle", address: deployment.contracts.IndexOracle.address }),
    );
    expect(verified.contracts.every((c: { codeSize: number }) => c.codeSize > 0)).toBe(true);
    expect(verified.indexes).toEqual(DEFAULT_INDEXES.map((index) => index.name));

    const list = await computus(["--json", "oracle", "indexes"]);
    expect(list.code, list.stderr).toBe(0);
    const { indexes } = list.json();
    expect(indexes.map((index: { name: string }) => index.name)).toEqual(DEFAULT_INDEXES.map((index) => index.name));
    for (const [i, definition] of DEFAULT_INDEXES.entries()) {
      expect(indexes[i]).toMatchObject({
        quorum: definition.quorum,
        maxMoveBps: definition.maxMoveBps,
        maxAge: definition.maxAge,
        businessDaysOnly: definition.businessDaysOnly,
        decimals: deployment.collateral.decimals,
        latest: null,
        stale: true,
      });
    }
    const human = await computus(["oracle", "indexes"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^INDEX\s+PRICE\s+UPDATED/);
    expect(human.stdout).toContain("no rounds");
  }, 60_000);

  it("publishes rounds with several keys and with observations signed elsewhere, then reads them back", async () => {
    const decimals = deployment.collateral.decimals;
    const prices = ["2.1345", "2.12", "2.15"];
    const published = await computus(
      [
        "oracle",
        "publish",
        H100,
        "--price",
        prices[0] as string,
        "--price",
        prices[1] as string,
        "--price",
        prices[2] as string,
        "--timestamp",
        "now",
        "--json",
      ],
      keys(0, 1, 2),
    );
    expect(published.code, published.stdout + published.stderr).toBe(0);
    const first = published.json();
    const firstPrice = medianDown(prices.map((p) => parseUnits(p, decimals)));
    expect(first).toMatchObject({ name: H100, roundId: 1, price: firstPrice.toString() });
    expect(first.signers).toHaveLength(3);

    const latest = await computus(["oracle", "latest", H100, "--json"]);
    expect(latest.code).toBe(0);
    expect(latest.json()).toMatchObject({
      name: H100,
      latest: { roundId: 1, timestamp: first.timestamp, price: firstPrice.toString() },
      stale: false,
    });

    // A second round an hour later: publisher 2 signs on its own (`oracle sign`), the others publish with it.
    await connection.networkHelpers.time.increase(HOUR);
    const t2 = await chainTime();
    const signed = await computus(
      ["oracle", "sign", H100, "--price", "2.2", "--timestamp", String(t2), "--json"],
      keys(2),
    );
    expect(signed.code, signed.stderr).toBe(0);
    // The same through --private-key (the variable is empty here).
    const viaFlag = await computus([
      "oracle",
      "sign",
      H100,
      "--price",
      "2.2",
      "--timestamp",
      String(t2),
      "--json",
      "--private-key",
      testPublisherKeys[2] as string,
    ]);
    expect(viaFlag.code, viaFlag.stderr).toBe(0);
    expect(viaFlag.json()).toEqual(signed.json());
    const badKey = await computus(["oracle", "sign", H100, "--price", "2.2", "--timestamp", String(t2)], {
      COMPUTUS_PRIVATE_KEY: "0x1234",
    });
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toContain("COMPUTUS_PRIVATE_KEY: key 1 is not 32 bytes of hex");
    expect(badKey.stderr).not.toContain("0x1234");
    const file = join(dir, "carol.json");
    await writeFile(file, signed.stdout);
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({
      signer: testPublishers[2]?.address,
      timestamp: t2,
    });
    const second = await computus(
      ["oracle", "publish", H100, "--price", "2.19", "--timestamp", String(t2), "--observation", file],
      keys(0, 1),
    );
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/Published:\s+H100-SXM-USD-HR round #2/);
    const secondPrice = medianDown([
      parseUnits("2.19", decimals),
      parseUnits("2.19", decimals),
      parseUnits("2.2", decimals),
    ]);

    const human = await computus(["oracle", "latest", H100]);
    expect(human.stdout).toContain(`Price: ${Number(secondPrice) / 10 ** decimals}`);

    await connection.networkHelpers.time.increase(HOUR);
    const from = first.timestamp + 1_800;
    const to = t2 + 1_800;
    const average = await computus(["oracle", "average", H100, "--from", String(from), "--to", String(to), "--json"]);
    expect(average.code, average.stderr).toBe(0);
    const expected = averagePriceDown(
      [
        { timestamp: BigInt(first.timestamp), price: firstPrice },
        { timestamp: BigInt(t2), price: secondPrice },
      ],
      BigInt(from),
      BigInt(to),
    );
    expect(average.json()).toMatchObject({ from, to, price: expected.toString() });
  }, 60_000);

  it("coordinates a round from publishers served over HTTP (oracle run --once)", async () => {
    const INDEXES = ["H200-USD-HR", "POWER-PJM-USD-MWH"];
    const quotesOf = (p: number, now: bigint): ProviderQuote[] =>
      [0n, 1n, 2n].map((k) => ({
        provider: `provider-${k}`,
        price: 3_000_000n + BigInt(p) * 11_000n + k * 2_000n,
        weight: 10n,
        timestamp: now - 60n,
      }));
    const servers = await Promise.all(
      [0, 1, 2].map((p) =>
        servePublisher(
          createPublisherHandler(
            createPublisher(
              createWalletClient({ account: testPublishers[p] as PrivateKeyAccount, transport: http(rpc) }),
              {
                oracle: deployment.contracts.IndexOracle.address,
                chainId: deployment.chainId,
                source: { fetchQuotes: (_name, now) => quotesOf(p, now) },
                method: { maxQuoteAge: 3_600n },
              },
            ),
            { indexNames: INDEXES, now: chainTime },
          ),
        ),
      ),
    );
    try {
      // Ten seconds into a minute: both runs below see the same 60-second fixing.
      const clock = Math.max(Math.floor(Date.now() / 1000), await chainTime());
      const aligned = Math.floor(clock / 60) * 60 + 60;
      await connection.networkHelpers.time.increaseTo(aligned + 10);
      const urls = servers.flatMap((server) => ["--publisher", server.url]);
      const run = await computus(
        ["oracle", "run", "H200-USD-HR", ...urls, "--once", "--interval", "60", "--json"],
        keys(0),
      );
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const [result] = run.json();
      const fixing = result.timestamp as number;
      expect(fixing).toBe(aligned);
      const expected = medianDown(
        [0, 1, 2].map(
          (p) => computeIndex(quotesOf(p, BigInt(fixing)), { now: BigInt(fixing), maxQuoteAge: 3_600n }).price,
        ),
      );
      expect(result).toMatchObject({
        indexName: "H200-USD-HR",
        status: "published",
        price: expected.toString(),
        failures: [],
      });

      // Twice on the same fixing: reported, not an error.
      const again = await computus(
        ["oracle", "run", "H200-USD-HR", ...urls, "--once", "--interval", "60", "--json"],
        keys(0),
      );
      expect(again.code, again.stderr).toBe(0);
      expect(again.json()[0]).toMatchObject({ timestamp: fixing, status: "skipped", reason: "already-published" });

      // One publisher where the quorum is three: exit 1, nothing sent.
      const thin = await computus(
        ["oracle", "run", "POWER-PJM-USD-MWH", "--publisher", servers[0]?.url as string, "--once", "--interval", "60"],
        keys(0),
      );
      expect(thin.code).toBe(1);
      expect(thin.stderr).toContain("1 valid observation(s), the quorum is 3");
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  }, 60_000);

  it("exits 1 with the SDK's message for an unknown index, a wrong chain, a refused round, a missing key", async () => {
    const unknown = await computus(["oracle", "latest", "NOPE-USD-HR", "--json"]);
    expect(unknown.code).toBe(1);
    expect(unknown.json().error).toMatchObject({ name: "UnknownIndexError", exitCode: 1 });
    expect(unknown.json().error.message).toContain("NOPE-USD-HR does not exist");

    const human = await computus(["oracle", "latest", "NOPE-USD-HR"]);
    expect(human.code).toBe(1);
    expect(human.stderr).toContain("Index NOPE-USD-HR does not exist on this oracle.");

    // A record for chain 5 while the RPC is on 31337: by --chain-id and by --deployment.
    await writeFile(join(dir, "deployments", "5.json"), JSON.stringify({ ...deployment, chainId: 5 }));
    for (const args of [
      ["--chain-id", "5"],
      ["--deployment", join(dir, "deployments", "5.json")],
    ]) {
      const wrong = await computus([...args, "oracle", "indexes", "--json"]);
      expect(wrong.code).toBe(1);
      expect(wrong.json().error).toMatchObject({ name: "WrongChainError" });
      expect(wrong.json().error.message).toContain("switch the wallet or RPC to chain 5");
    }

    // A record whose oracle address holds no code (a reset chain, a stale file).
    const stale = join(dir, "stale.json");
    await writeFile(
      stale,
      JSON.stringify({
        ...deployment,
        contracts: { IndexOracle: { ...deployment.contracts.IndexOracle, address: testPublishers[4]?.address } },
      }),
    );
    const noCode = await computus(["--deployment", stale, "deployment", "verify", "--json"]);
    expect(noCode.code).toBe(1);
    expect(noCode.json().error).toMatchObject({ name: "ContractNotDeployedError" });

    const t = await chainTime();
    const thin = await computus(
      ["oracle", "publish", "B200-USD-HR", "--price", "5", "--timestamp", String(t), "--json"],
      keys(0, 1),
    );
    expect(thin.code).toBe(1);
    expect(thin.json().error).toMatchObject({ name: "QuorumNotMetError" });

    const noKey = await computus(["oracle", "publish", "B200-USD-HR", "--price", "5", "--timestamp", String(t)]);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain("COMPUTUS_PRIVATE_KEY");

    const down = await computus(["--rpc", "http://127.0.0.1:9", "oracle", "indexes"]);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain("cannot reach http://127.0.0.1:9");
  }, 60_000);

  it("exits 2 on usage errors: malformed price or time, unknown command or option, missing index", async () => {
    const cases: [string[], RegExp][] = [
      [["oracle", "publish", H100, "--price", "2.1x", "--timestamp", "now"], /not a decimal number/],
      [["oracle", "publish", H100, "--price", "-2", "--timestamp", "now"], /--price/],
      [["oracle", "publish", H100, "--price", "2.1234567", "--timestamp", "now"], /has 7 decimals; the index has 6/],
      [["oracle", "publish", H100, "--price", "2", "--timestamp", "yesterday"], /not a time/],
      [["oracle", "average", H100, "--from", "10", "--to", "5"], /--from must be before --to/],
      [["oracle", "latest"], /missing <index>/],
      [["oracle", "latest", "x".repeat(33)], /not an index name/],
      [["oracle", "frobnicate"], /unknown command "oracle frobnicate"/],
      [["markets"], /unknown command "markets"/],
      [["oracle", "indexes", "--bogus"], /Unknown option '--bogus'/],
      [["--chain-id", "abc", "oracle", "indexes"], /--chain-id "abc" is not a positive integer/],
    ];
    const runs = await Promise.all(cases.map(([args]) => computus(args, keys(0, 1, 2))));
    for (const [i, run] of runs.entries()) {
      const [args, message] = cases[i] as [string[], RegExp];
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(run.stderr).toMatch(/--help' for usage/);
    }
    const json = await computus(["oracle", "latest", "--json"]);
    expect(json.code).toBe(2);
    expect(json.json().error).toMatchObject({ name: "UsageError", exitCode: 2 });
  }, 60_000);

  it("prints help for every command, group and the whole CLI, with exit code 0", async () => {
    const paths = [
      [],
      ...commands.flatMap((entry) =>
        isGroup(entry)
          ? [[entry.name], ...entry.commands.map((command) => [entry.name, command.name])]
          : [[entry.name]],
      ),
    ];
    // Every path in-process (the same runCli the binary runs), one through the binary.
    for (const path of paths) {
      let stdout = "";
      const code = await runCli([...path, "--help"], {
        stdout: (text) => {
          stdout += text;
        },
        stderr: () => {},
        env: {},
        cwd: dir,
      });
      expect(code, path.join(" ")).toBe(0);
      expect(stdout, path.join(" ")).toContain(`Usage: computus ${path.join(" ")}`.trim());
    }
    const viaHelp = await computus(["help", "oracle", "publish"]);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toContain("--observation <file>");
  }, 60_000);
});
