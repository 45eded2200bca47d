/** `computus oracle run`: the round coordinator over remote publishers (the publisher bot's CLI). */
import { latestFixing, type PublishRoundResult, publishRound, runPublisherBot } from "../../bots/publisher.js";
import { remotePublisher } from "../../bots/remotePublisher.js";
import { formatIndexId } from "../../oracle/indexId.js";
import { CliError, UsageError } from "../errors.js";
import { toJsonLine } from "../output.js";
import { parseIndex, parsePositiveInteger } from "../parse.js";
import type { Command } from "../types.js";
import { formatTime, list, single } from "./shared.js";

/** A round's result as JSON-safe data (errors as their short messages). */
function resultJson(result: PublishRoundResult) {
  const failures = result.failures.map((f) => ({
    publisher: f.publisher,
    error: f.error.name,
    message: firstLine(f.error),
  }));
  return result.status === "published"
    ? {
        indexName: result.indexName,
        timestamp: result.timestamp,
        status: result.status,
        roundId: result.roundId,
        price: result.price,
        signers: result.signers,
        hash: result.hash,
        failures,
      }
    : {
        indexName: result.indexName,
        timestamp: result.timestamp,
        status: result.status,
        reason: result.reason,
        message: result.message,
        error: result.error?.name,
        failures,
      };
}

function firstLine(error: Error): string {
  const short = (error as { shortMessage?: unknown }).shortMessage;
  return (typeof short === "string" ? short : error.message).split("\n")[0] ?? "";
}

function describe(result: PublishRoundResult): string {
  const head = `${formatTime(result.timestamp)} ${result.indexName}`;
  const failures = result.failures.map((f) => `\n  ${f.publisher}: ${firstLine(f.error)}`).join("");
  return result.status === "published"
    ? `${head}: published round #${result.roundId} at ${result.price} (${result.hash})${failures}`
    : `${head}: skipped (${result.reason}): ${result.message}${failures}`;
}

export const oracleRun: Command = {
  name: "run",
  summary: "coordinate rounds: gather remote publishers' observations each fixing and submit them",
  args: [{ name: "index", description: "index name; repeat the argument for several indexes" }],
  options: {
    publisher: {
      type: "string",
      multiple: true,
      value: "<url>",
      description: "a publisher's base URL (serving GET /observation, see createPublisherHandler)",
    },
    interval: { type: "string", value: "<seconds>", description: "seconds between fixings (default 3600)" },
    delay: {
      type: "string",
      value: "<seconds>",
      description: "wait this long after a fixing before publishing (default 0)",
    },
    once: {
      type: "boolean",
      description: "publish the latest fixing once and exit (1 unless published or already published)",
    },
  },
  description:
    "Sends the rounds from the first key in COMPUTUS_PRIVATE_KEY. Without --once, runs until interrupted,\n" +
    "printing one line (or one JSON object) per round.",
  examples: [
    "computus oracle run H100-SXM-USD-HR B200-USD-HR --publisher https://alice.example --publisher https://bob.example --publisher https://carol.example",
  ],
  variadic: true,
  async run({ args, options, cli, path }) {
    if (args.length === 0) throw new UsageError("missing <index>", path);
    const indexNames = args.map((arg) => formatIndexId(parseIndex(arg, path)));
    const urls = list(options.publisher);
    if (urls.length === 0) throw new UsageError("missing --publisher <url>", path);
    for (const url of urls) {
      if (!/^https?:\/\//.test(url)) throw new UsageError(`--publisher "${url}" is not an http(s) URL`, path);
    }
    const interval = parsePositiveInteger(single(options.interval) ?? "3600", "--interval");
    const delay = options.delay === undefined ? 0 : parsePositiveIntegerOrZero(single(options.delay) ?? "", path);
    const sender = cli.accounts()[0];
    if (sender === undefined) throw new CliError("no key to send with: set COMPUTUS_PRIVATE_KEY");
    const wallet = await cli.wallet(sender);
    const oracle = wallet.computusDeployment.contracts.IndexOracle.address;
    const publishers = urls.map((url) => remotePublisher({ url }));

    if (options.once === true) {
      // As the bot's clock: an idle local chain's latest block can lag the system clock.
      const now = Math.max(Math.floor(Date.now() / 1000), Number((await wallet.getBlock()).timestamp));
      const timestamp = latestFixing(now - delay, interval);
      const results: PublishRoundResult[] = [];
      for (const indexName of indexNames) {
        results.push(await publishRound(wallet, { oracle, indexName, timestamp, publishers }));
      }
      const ok = results.every((r) => r.status === "published" || r.reason === "already-published");
      if (!ok) {
        const failed = results.find((r) => r.status === "skipped" && r.reason !== "already-published");
        throw new CliError(failed && failed.status === "skipped" ? failed.message : "a round was not published");
      }
      return { json: results.map(resultJson), text: results.map(describe).join("\n") };
    }

    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
      await runPublisherBot(wallet, {
        oracle,
        publishers,
        indexNames,
        interval,
        delay,
        signal: controller.signal,
        onResult: (result) => cli.print(cli.globals.json ? toJsonLine(resultJson(result)) : describe(result)),
      });
    } finally {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    }
    return { json: { stopped: true }, text: "Stopped." };
  },
};

function parsePositiveIntegerOrZero(value: string, path: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--delay "${value}" is not a whole number of seconds`, path);
  }
  return Number(value);
}
