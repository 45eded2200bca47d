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
import { type Address, createWalletClient, getAddress, type Hex, http, parseEther, parseUnits } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployComputus } from "../../../scripts/deploy/deployComputus.js";
import { DEFAULT_INDEXES } from "../../../scripts/deploy/indexes.js";
import { createPublisher } from "../bots/publisher.js";
import { createPublisherHandler } from "../bots/remotePublisher.js";
import type { Deployment } from "../deployment/deployment.js";
import { clearingHouseAbi, orderBookAbi } from "../generated/abis.js";
import { computeIndex, type ProviderQuote } from "../math/indexMethod.js";
import { bpsOfNotionalUp, liquidationPrice } from "../math/margin.js";
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

function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, COMPUTUS_PRIVATE_KEY: "", COMPUTUS_RPC_URL: rpc, ...env };
}

/**
 * Runs `computus` with `args` in the temporary directory, in this process: `runCli` is what
 * `main.ts` runs, given the same environment and working directory, so only Node's start-up (about
 * 1.5 s a run) is left out. `computusBinary` runs the real executable for the checks that need it.
 */
async function computus(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (text) => {
      stdout += `${text}\n`;
    },
    stderr: (text) => {
      stderr += `${text}\n`;
    },
    env: cliEnv(env),
    cwd: dir,
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

/** Runs `computus` with `args` as a child process (the real `main.ts`, exit code and streams). */
function computusBinary(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX, MAIN, ...args], { cwd: dir, env: cliEnv(env) });
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
      [["frobnicate"], /unknown command "frobnicate"/],
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

  it("trades through the CLI: deposit, orders, a fill, book, positions, cancels, withdraw, a keeper pass", async () => {
    const client = await connection.viem.getPublicClient();
    const ch = deployment.contracts.ClearingHouse?.address as Address;
    const decimals = deployment.collateral.decimals;
    const usd = (text: string) => parseUnits(text, decimals);
    // Traders: fresh keys with gas money and collateral tokens.
    const [makerKey, takerKey, keeperKey] = ["a1", "b2", "c3"].map((byte): Hex => `0x${byte.repeat(32)}`) as [
      Hex,
      Hex,
      Hex,
    ];
    const [maker, taker, keeper] = [makerKey, takerKey, keeperKey].map((key) =>
      getAddress(privateKeyToAccount(key).address),
    ) as [Address, Address, Address];
    const [funder] = await connection.viem.getWalletClients();
    const token = await connection.viem.getContractAt("MockERC20", deployment.collateral.address);
    for (const address of [maker, taker, keeper] as Address[]) {
      await client.waitForTransactionReceipt({
        hash: await (funder as NonNullable<typeof funder>).sendTransaction({ to: address, value: parseEther("10") }),
      });
      await client.waitForTransactionReceipt({ hash: await token.write.mint([address, usd("5000")]) });
    }
    const keyed = (key: Hex) => ({ COMPUTUS_PRIVATE_KEY: key });
    const collateralOf = (account: Address) =>
      client.readContract({ address: ch, abi: clearingHouseAbi, functionName: "collateralOf", args: [account] });
    const depthOf = (isBid: boolean) =>
      client.readContract({ address: ch, abi: orderBookAbi, functionName: "depthOf", args: [1n, isBid, 50n] });

    // A fresh H100 round (the market marks to it), then market 1 is H100 and trading.
    const round = await computus(["oracle", "publish", H100, "--price", "2.2", "--timestamp", "now"], keys(0, 1, 2));
    expect(round.code, round.stderr).toBe(0);
    const listed = await computus(["markets", "--json"]);
    expect(listed.code, listed.stderr).toBe(0);
    const market = listed.json().markets[0];
    expect(market).toMatchObject({
      initialMarginBps: 1_000,
      maintenanceMarginBps: 500,
      marketId: "1",
      indexName: H100,
      state: "Trading",
      markPrice: usd("2.2").toString(),
      lotSize: 10,
    });
    const marketCount = await client.readContract({ address: ch, abi: clearingHouseAbi, functionName: "marketCount" });
    expect(listed.json().markets).toHaveLength(Number(marketCount));
    const table = await computus(["markets"]);
    expect(table.stdout).toMatch(/^ID\s+INDEX\s+STATE\s+MARK/);

    // Deposits (human decimals).
    for (const [key, account] of [
      [makerKey, maker],
      [takerKey, taker],
      [keeperKey, keeper],
    ] as const) {
      const deposited = await computus(["deposit", "1000.5", "--json"], keyed(key));
      expect(deposited.code, deposited.stdout + deposited.stderr).toBe(0);
      expect(deposited.json()).toMatchObject({ account, amount: usd("1000.5").toString() });
      expect(deposited.json().collateral).toBe((await collateralOf(account)).toString());
      expect(await collateralOf(account)).toBe(usd("1000.5"));
    }

    // The maker rests two asks and a bid.
    const placed: string[] = [];
    for (const [side, size, price] of [
      ["sell", "100", "2.2"],
      ["sell", "50", "2.25"],
      ["buy", "30", "2.1"],
    ] as const) {
      const run = await computus(["order", "1", side, size, "--price", price, "--json"], keyed(makerKey));
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const result = run.json();
      expect(result).toMatchObject({ side, size, filled: "0", resting: size, price: usd(price).toString() });
      const view = await client.readContract({
        address: ch,
        abi: orderBookAbi,
        functionName: "orderOf",
        args: [BigInt(result.orderId)],
      });
      expect(view).toMatchObject({ owner: maker, isBid: side === "buy", price: usd(price), size: BigInt(size) });
      placed.push(result.orderId);
    }
    // The taker lifts 40 of the best ask: a fill.
    const take = await computus(
      ["order", "1", "buy", "40", "--price", "2.2", "--type", "ioc", "--json"],
      keyed(takerKey),
    );
    expect(take.code, take.stdout + take.stderr).toBe(0);
    expect(take.json()).toMatchObject({ filled: "40", orderId: "0", resting: "0" });
    expect(take.json().fills).toEqual([
      expect.objectContaining({ makerOrderId: placed[0], maker, size: "40", price: usd("2.2").toString() }),
    ]);

    const book = await computus(["book", "1", "--json"]);
    expect(book.code, book.stderr).toBe(0);
    const levels = (side: readonly { price: bigint; size: bigint; orders: bigint }[]) =>
      side.map((l) =>
        expect.objectContaining({ price: l.price.toString(), size: l.size.toString(), orders: Number(l.orders) }),
      );
    expect(book.json().asks).toEqual(levels(await depthOf(false)));
    expect(book.json().bids).toEqual(levels(await depthOf(true)));
    expect(book.json()).toMatchObject({
      bestBid: usd("2.1").toString(),
      bestAsk: usd("2.2").toString(),
      asks: [
        { price: usd("2.2").toString(), size: "60", orders: 1 },
        { price: usd("2.25").toString(), size: "50", orders: 1 },
      ],
      bids: [{ price: usd("2.1").toString(), size: "30", orders: 1 }],
    });
    const humanBook = await computus(["book", "1", "--depth", "1"]);
    expect(humanBook.stdout).toMatch(/ask\s+2\.2\s+60\s+1/);
    expect(humanBook.stdout).not.toContain("2.25");

    // Positions against the clearing house. Both sides opened at 2.2 and paid their fee into the
    // open notional (MarginLib.applyFillDown): the entry price includes it, above 2.2 for the long
    // taker (88 USDC + 5 bps), below for the short maker (88 USDC − 1 bp).
    const [, config] = await client.readContract({
      address: ch,
      abi: clearingHouseAbi,
      functionName: "market",
      args: [1n],
    });
    const takerFee = bpsOfNotionalUp(40n, usd("2.2"), BigInt(config.takerFeeBps));
    const makerFee = bpsOfNotionalUp(40n, usd("2.2"), BigInt(config.makerFeeBps));
    expect(take.json().fills[0].fee).toBe(takerFee.toString());
    for (const [account, size, fee] of [
      [taker, 40n, takerFee],
      [maker, -40n, makerFee],
    ] as const) {
      const run = await computus(["positions", account, "--json"]);
      expect(run.code, run.stderr).toBe(0);
      const p = run.json();
      const health = await client.readContract({
        address: ch,
        abi: clearingHouseAbi,
        functionName: "health",
        args: [account],
      });
      const [chainSize, openNotional, bidSize, askSize] = await client.readContract({
        address: ch,
        abi: clearingHouseAbi,
        functionName: "positionOf",
        args: [account, 1n],
      });
      expect(chainSize).toBe(size);
      expect(openNotional).toBe(size * usd("2.2") + fee);
      expect(p).toMatchObject({
        account,
        collateral: (await collateralOf(account)).toString(),
        equity: health.equity.toString(),
        marginUsed: health.initialMargin.toString(),
        maintenanceMargin: health.maintenanceMargin.toString(),
        freeMargin: (health.equity - BigInt(health.initialMargin)).toString(),
        liquidatable: false,
      });
      expect(p.positions).toEqual([
        expect.objectContaining({
          marketId: "1",
          size: size.toString(),
          openNotional: openNotional.toString(),
          bidSize: bidSize.toString(),
          askSize: askSize.toString(),
          entryPrice: ((size > 0n ? openNotional : -openNotional) / 40n).toString(),
        }),
      ]);
      // The liquidation price: the SDK's math on the chain's health and position (the taker, long
      // with 1,000 USDC for 88 of notional, has none: no price ≥ 0 reaches maintenance).
      const mark = await client.readContract({
        address: ch,
        abi: clearingHouseAbi,
        functionName: "markPrice",
        args: [1n],
      });
      const expected = liquidationPrice({
        health,
        position: { size, openNotional, bidSize, askSize, markPrice: mark, imBps: 1_000n, mmBps: 500n },
      });
      expect(p.positions[0].liquidationPrice).toBe(expected === null ? null : expected.toString());
      expect(p.positions[0].markPrice).toBe(mark.toString());
      expect(BigInt(p.fees)).toBeGreaterThan(0n);
    }
    const humanPositions = await computus(["positions"], keyed(takerKey));
    expect(humanPositions.stdout).toMatch(/Free margin:/);
    expect(humanPositions.stdout).toMatch(/^1\s+H100-SXM-USD-HR\s+40\s+2\.2011\s/m); // (88 + 0.044) / 40
    expect(humanPositions.stdout).toContain("opening fees included");

    // Cancel one order, then all: the book empties (the cancel-all'd orders stay in storage, dead).
    const cancelled = await computus(["cancel", placed[1] as string, "--json"], keyed(makerKey));
    expect(cancelled.code, cancelled.stdout + cancelled.stderr).toBe(0);
    expect(cancelled.json()).toMatchObject({ orderId: placed[1], cancelled: true, size: "50" });
    expect((await computus(["book", "1", "--json"])).json().asks).toEqual([
      { price: usd("2.2").toString(), size: "60", orders: 1, priceFormatted: "2.2" },
    ]);
    const all = await computus(["cancel", "--all", "1", "--json"], keyed(makerKey));
    expect(all.code, all.stdout + all.stderr).toBe(0);
    const emptied = (await computus(["book", "1", "--json"])).json();
    expect(emptied).toMatchObject({ bids: [], asks: [], bestBid: null, bestAsk: null });
    expect(await depthOf(false)).toEqual([]);
    expect(
      (
        await client.readContract({
          address: ch,
          abi: orderBookAbi,
          functionName: "orderOf",
          args: [BigInt(placed[0] as string)],
        })
      ).size,
    ).toBe(60n);
    const [, , makerBids, makerAsks] = await client.readContract({
      address: ch,
      abi: clearingHouseAbi,
      functionName: "positionOf",
      args: [maker, 1n],
    });
    expect([makerBids, makerAsks]).toEqual([0n, 0n]);

    // Withdraw.
    const before = await collateralOf(taker);
    const withdrawn = await computus(["withdraw", "100.25", "--json"], keyed(takerKey));
    expect(withdrawn.code, withdrawn.stdout + withdrawn.stderr).toBe(0);
    expect(await collateralOf(taker)).toBe(before - usd("100.25"));
    expect(withdrawn.json()).toMatchObject({
      amount: usd("100.25").toString(),
      collateral: (before - usd("100.25")).toString(),
    });

    // One keeper pass: it watches every account that deposited or traded; nobody is liquidatable.
    const pass = await computus(["keeper", "run", "--once", "--json"], keyed(keeperKey));
    expect(pass.code, pass.stdout + pass.stderr).toBe(0);
    const report = pass.json();
    expect(BigInt(report.block)).toBe(await client.getBlockNumber());
    expect(report.accounts).toBeGreaterThanOrEqual(3);
    expect(report.outcomes).toEqual([]);
    const humanPass = await computus(["keeper", "run", "--once"], keyed(keeperKey));
    expect(humanPass.stdout).toMatch(/account\(s\) watched, 0 action\(s\)/);

    // Bad input: the SDK's typed errors (exit 1), nothing sent.
    const nonce = await client.getTransactionCount({ address: taker });
    await writeFile(join(dir, "deployments", "5.json"), JSON.stringify({ ...deployment, chainId: 5 }));
    const failures: [string[], string, RegExp][] = [
      [["book", "99"], "UnknownMarketError", /Market 99 does not exist/],
      [["order", "99", "buy", "10", "--price", "2.2"], "UnknownMarketError", /Market 99 does not exist/],
      [["order", "1", "buy", "15", "--price", "2.2"], "InvalidOrderError", /multiple of the lot size 10/],
      [["order", "1", "buy", "10.5", "--price", "2.2"], "InvalidOrderError", /whole number/],
      [["order", "1", "buy", "10", "--price", "2.2005"], "InvalidOrderError", /off tick/],
      [["order", "1", "buy", "100000", "--price", "2.1"], "InsufficientMarginError", /margin/i],
      [["withdraw", "100000"], "InsufficientCollateralError", /.+/],
      [["cancel", placed[2] as string], "NotOrderOwnerError", /.+/],
      [
        ["--chain-id", "5", "order", "1", "buy", "10", "--price", "2.2"],
        "WrongChainError",
        /switch the wallet or RPC to chain 5/,
      ],
    ];
    const runs = await Promise.all(failures.map(([args]) => computus([...args, "--json"], keyed(takerKey))));
    for (const [i, run] of runs.entries()) {
      const [args, name, message] = failures[i] as [string[], string, RegExp];
      expect(run.code, args.join(" ")).toBe(1);
      expect(run.json().error, args.join(" ")).toMatchObject({ name, exitCode: 1 });
      expect(run.json().error.message, args.join(" ")).toMatch(message);
    }
    const human = await computus(["order", "1", "buy", "15", "--price", "2.2"], keyed(takerKey));
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^computus: Invalid size 15: it must be a multiple of the lot size 10\.\n$/);
    expect(await client.getTransactionCount({ address: taker })).toBe(nonce);

    // Usage errors (exit 2).
    const usage: [string[], RegExp][] = [
      [["book", "x"], /not a market id/],
      [["order", "1", "hold", "10", "--price", "2"], /<side> "hold" is not buy or sell/],
      [["order", "1", "buy", "10"], /missing --price/],
      [["order", "1", "buy", "10", "--price", "2", "--type", "gtc"], /--type "gtc"/],
      [["order", "1", "buy", "10", "--price", "2", "--expiry", "soon"], /not a time/],
      [["deposit", "abc"], /not a decimal number/],
      [["deposit", "1.1234567"], /has 7 decimals; at most 6/],
      [["cancel"], /missing <orderId>/],
      [["keeper", "run", "--interval", "0"], /--interval "0" is not a positive integer/],
    ];
    const usageRuns = await Promise.all(usage.map(([args]) => computus(args, keyed(takerKey))));
    for (const [i, run] of usageRuns.entries()) {
      const [args, message] = usage[i] as [string[], RegExp];
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(message);
    }
  }, 180_000);

  it("runs the keeper until Ctrl-C, one JSON line per pass, and exits 0", async () => {
    const key: Hex = `0x${"d4".repeat(32)}`;
    const child = spawn(process.execPath, ["--import", TSX, MAIN, "keeper", "run", "--interval", "1", "--json"], {
      cwd: dir,
      env: { ...process.env, COMPUTUS_RPC_URL: rpc, COMPUTUS_PRIVATE_KEY: key },
    });
    let stdout = "";
    const twoPasses = new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
        if (stdout.split("\n").filter((line) => line.startsWith('{"block"')).length >= 2) resolve();
      });
    });
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    await twoPasses;
    child.kill("SIGINT");
    expect(await closed).toBe(0);
    const lines = stdout.trim().split("\n");
    const passes = lines.filter((line) => line.startsWith('{"block"')).map((line) => JSON.parse(line));
    expect(passes.length).toBeGreaterThanOrEqual(2);
    for (const pass of passes) expect(pass).toMatchObject({ outcomes: [] });
    expect(passes[0].accounts).toBeGreaterThan(0);
    expect(JSON.parse(lines.slice(lines.indexOf("{")).join("\n"))).toMatchObject({
      stopped: true,
    });
  }, 60_000);

  it("the real executable: JSON on stdout with exit 0, the SDK's message with exit 1, usage with exit 2", async () => {
    const [ok, unknown, usage] = await Promise.all([
      computusBinary(["deployment", "verify", "--json"]),
      computusBinary(["oracle", "latest", "NOPE-USD-HR"]),
      computusBinary(["oracle", "frobnicate"]),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ ok: true, chainId: deployment.chainId });
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toContain("Index NOPE-USD-HR does not exist on this oracle.");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/unknown command "oracle frobnicate"/);
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
      const { code, stdout } = await computus([...path, "--help"]);
      expect(code, path.join(" ")).toBe(0);
      expect(stdout, path.join(" ")).toContain(`Usage: computus ${path.join(" ")}`.trim());
    }
    const viaHelp = await computusBinary(["help", "oracle", "publish"]);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toContain("--observation <file>");
  }, 60_000);
});
