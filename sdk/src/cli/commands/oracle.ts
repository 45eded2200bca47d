/** `computus oracle …`: read indexes and rounds, sign and publish observations. */
import { readFile } from "node:fs/promises";
import { isStale } from "../../math/oracleGuards.js";
import type { PublisherObservation } from "../../oracle/buildRound.js";
import { formatIndexId } from "../../oracle/indexId.js";
import { observationToJson, parseObservation } from "../../oracle/observationJson.js";
import { formatBps, formatDuration } from "../../utils/format.js";
import { PRIVATE_KEY_ENV } from "../context.js";
import { CliError, UsageError } from "../errors.js";
import { fields, table } from "../output.js";
import { parseIndex, parsePrice, parseTime } from "../parse.js";
import type { Command, CommandGroup, CommandInput } from "../types.js";
import { oracleRun } from "./oracleRun.js";
import { checkPriceSyntax, formatAge, formatPrice, formatTime, list, readIndex, single } from "./shared.js";

const indexArg = { name: "index", description: "index name (H100-SXM-USD-HR) or bytes32 id" } as const;

const indexes: Command = {
  name: "indexes",
  summary: "list the oracle's indexes with their guards and latest round",
  async run({ cli }) {
    const client = await cli.client();
    const [registered, block] = await Promise.all([client.getRegisteredIndexes(), client.getBlock()]);
    const rows = await Promise.all(
      registered.map(async (index) => {
        const [params, latest] = await Promise.all([
          client.getIndexParams({ indexId: index.indexId }),
          client.getLatestRound({ indexId: index.indexId }),
        ]);
        const stale = isStale({
          lastTimestamp: latest ? BigInt(latest.timestamp) : null,
          now: block.timestamp,
          maxAge: BigInt(params.maxAge),
          businessDaysOnly: params.businessDaysOnly,
        });
        return { index, params, latest, stale };
      }),
    );
    const json = rows.map(({ index, params, latest, stale }) => ({
      name: formatIndexId(index.indexId),
      indexId: index.indexId,
      description: index.description,
      decimals: index.decimals,
      ...params,
      latest: latest && {
        roundId: latest.roundId,
        timestamp: latest.timestamp,
        price: latest.price,
        priceFormatted: formatPrice(latest.price, index.decimals),
      },
      stale,
    }));
    const text =
      rows.length === 0
        ? "No indexes registered."
        : table(
            ["INDEX", "PRICE", "UPDATED", "STATUS", "QUORUM", "MAX MOVE", "MAX AGE"],
            rows.map(({ index, params, latest, stale }) => [
              formatIndexId(index.indexId),
              latest ? formatPrice(latest.price, index.decimals) : "-",
              latest ? formatTime(latest.timestamp) : "-",
              latest ? (stale ? "stale" : "fresh") : "no rounds",
              String(params.quorum),
              params.maxMoveBps === 0 ? "off" : formatBps(params.maxMoveBps),
              `${formatDuration(params.maxAge)}${params.businessDaysOnly ? " (business)" : ""}`,
            ]),
          );
    return { json: { chainId: client.chain.id, blockTimestamp: block.timestamp, indexes: json }, text };
  },
};

const latest: Command = {
  name: "latest",
  summary: "the latest round of an index",
  args: [indexArg],
  examples: ["computus oracle latest H100-SXM-USD-HR --json"],
  async run({ args, cli, path }) {
    const indexId = parseIndex(args[0], path);
    const { client, name, params, metadata } = await readIndex(cli, indexId);
    const [round, block] = await Promise.all([client.getLatestRound({ indexId }), client.getBlock()]);
    const stale = isStale({
      lastTimestamp: round ? BigInt(round.timestamp) : null,
      now: block.timestamp,
      maxAge: BigInt(params.maxAge),
      businessDaysOnly: params.businessDaysOnly,
    });
    const age = round ? block.timestamp - BigInt(round.timestamp) : null;
    const json = {
      name,
      indexId,
      decimals: metadata.decimals,
      latest: round && {
        roundId: round.roundId,
        timestamp: round.timestamp,
        price: round.price,
        priceFormatted: formatPrice(round.price, metadata.decimals),
        cumulative: round.cumulative,
        age,
      },
      stale,
      maxAge: params.maxAge,
      businessDaysOnly: params.businessDaysOnly,
    };
    const text = round
      ? fields([
          ["Index", name],
          ["Round", `#${round.roundId}`],
          ["Price", formatPrice(round.price, metadata.decimals)],
          ["Time", formatTime(round.timestamp)],
          ["Age", `${formatAge(age ?? 0n)}${stale ? ` (stale: max ${formatDuration(params.maxAge)})` : ""}`],
        ])
      : `${name} has no rounds yet.`;
    return { json, text };
  },
};

const average: Command = {
  name: "average",
  summary: "the time-weighted average of an index over a window (what markets settle on)",
  args: [indexArg],
  options: {
    from: { type: "string", value: "<time>", description: "window start: Unix seconds, ISO 8601 or now" },
    to: { type: "string", value: "<time>", description: "window end: Unix seconds, ISO 8601 or now" },
  },
  examples: ["computus oracle average H100-SXM-USD-HR --from 2026-11-01T00:00:00Z --to now"],
  async run({ args, options, cli, path }) {
    const indexId = parseIndex(args[0], path);
    const fromText = single(options.from);
    const toText = single(options.to);
    // Syntax first (usage errors need no RPC); "now" is the chain's time.
    for (const [flag, value] of [
      ["--from", fromText],
      ["--to", toText],
    ] as const) {
      if (value !== "now") parseTime(value, flag, path);
    }
    const { client, name, metadata } = await readIndex(cli, indexId);
    const now = Number((await client.getBlock()).timestamp);
    const from = parseTime(fromText, "--from", path, now);
    const to = parseTime(toText, "--to", path, now);
    if (from >= to) throw new UsageError("--from must be before --to", path);
    const price = await client.getAveragePrice({ indexId, start: BigInt(from), end: BigInt(to) });
    return {
      json: { name, indexId, from, to, price, priceFormatted: formatPrice(price, metadata.decimals) },
      text: fields([
        ["Index", name],
        ["Window", `${formatTime(from)} → ${formatTime(to)} (${formatDuration(to - from)})`],
        ["Average", formatPrice(price, metadata.decimals)],
      ]),
    };
  },
};

const signOptions = {
  price: {
    type: "string",
    multiple: true,
    value: "<price>",
    description: "the price in index units (2.1345); once for every key, or once per key in key order",
  },
  timestamp: { type: "string", value: "<time>", description: "the round's fixing time: Unix seconds, ISO 8601 or now" },
} as const;

/** Signs the observations of `COMPUTUS_PRIVATE_KEY`'s keys (shared by `sign` and `publish`). */
async function signWithKeys({ args, options, cli, path }: CommandInput) {
  const indexId = parseIndex(args[0], path);
  const prices = list(options.price);
  for (const price of prices) checkPriceSyntax(price, path);
  const timestampText = single(options.timestamp);
  if (timestampText !== "now") parseTime(timestampText, "--timestamp", path);
  if (prices.length === 0) throw new UsageError("missing --price", path);
  const accounts = cli.accounts();
  if (prices.length > 1 && prices.length !== accounts.length) {
    throw new UsageError(`${prices.length} prices for ${accounts.length} key(s): give one price, or one per key`, path);
  }

  const { client, name, metadata } = await readIndex(cli, indexId);
  const timestamp = parseTime(timestampText, "--timestamp", path, Number((await client.getBlock()).timestamp));
  const observations: PublisherObservation[] = await Promise.all(
    accounts.map(async (account, i) => {
      const price = parsePrice((prices.length === 1 ? prices[0] : prices[i]) as string, metadata.decimals, path);
      return (await cli.wallet(account)).signObservation({ indexId, timestamp, price });
    }),
  );
  return { client, indexId, name, metadata, timestamp, observations, accounts };
}

const sign: Command = {
  name: "sign",
  summary: `sign an observation with each key in ${PRIVATE_KEY_ENV} (for a submitter to publish)`,
  args: [indexArg],
  options: signOptions,
  description: `Writes the signed observations as JSON (with --json) for \`oracle publish --observation <file>\`.`,
  examples: [
    `${PRIVATE_KEY_ENV}=0x… computus oracle sign H100-SXM-USD-HR --price 2.1345 --timestamp now --json > mine.json`,
  ],
  async run(input) {
    const { name, metadata, observations } = await signWithKeys(input);
    const json = observations.map(observationToJson);
    return {
      json: json.length === 1 ? json[0] : json,
      text: table(
        ["INDEX", "TIME", "PRICE", "SIGNER"],
        observations.map((o) => [name, formatTime(o.timestamp), formatPrice(o.price, metadata.decimals), o.signer]),
      ),
    };
  },
};

const publish: Command = {
  name: "publish",
  summary: "sign with one or more keys and submit a round (simulated first)",
  args: [indexArg],
  options: {
    ...signOptions,
    observation: {
      type: "string",
      multiple: true,
      value: "<file>",
      description: "add observations signed elsewhere (JSON from `oracle sign --json`)",
    },
    confirmed: { type: "boolean", description: "submit as the guardian, accepting a move beyond the guard" },
  },
  description:
    `Each key in ${PRIVATE_KEY_ENV} (comma-separated) signs an observation; the first key sends the round.\n` +
    "The oracle needs at least its quorum of distinct publishers.",
  examples: [
    `${PRIVATE_KEY_ENV}=0xaa…,0xbb…,0xcc… computus oracle publish H100-SXM-USD-HR --price 2.1345 --timestamp now`,
    `${PRIVATE_KEY_ENV}=0xaa… computus oracle publish H100-SXM-USD-HR --price 2.13 --timestamp 1796212800 --observation bob.json --observation carol.json`,
  ],
  async run(input) {
    const { cli, options, path } = input;
    const files = list(options.observation);
    const { client, indexId, name, metadata, timestamp, observations, accounts } = await signWithKeys(input);
    for (const file of files) {
      let json: unknown;
      try {
        json = JSON.parse(await readFile(file, "utf8"));
      } catch (error) {
        throw new CliError(`--observation ${file}: ${(error as Error).message}`);
      }
      for (const item of Array.isArray(json) ? json : [json]) observations.push(await parseObservation(item));
    }
    const sender = accounts[0];
    if (sender === undefined) throw new UsageError(`no key to send with: set ${PRIVATE_KEY_ENV}`, path);
    const wallet = await cli.wallet(sender);
    const submitted = await wallet.submitRound({
      indexId,
      timestamp,
      observations,
      confirmed: options.confirmed === true,
    });
    const { receipt, round } = await client.waitForRound({ hash: submitted.hash });
    const json = {
      name,
      indexId,
      roundId: round.roundId,
      timestamp: round.timestamp,
      price: round.price,
      priceFormatted: formatPrice(round.price, metadata.decimals),
      signers: round.signers,
      prices: round.prices,
      hash: submitted.hash,
      blockNumber: receipt.blockNumber,
      gasUsed: receipt.gasUsed,
    };
    return {
      json,
      text: fields([
        ["Published", `${name} round #${round.roundId}`],
        ["Price", `${json.priceFormatted} (median of ${round.signers.length})`],
        ["Time", formatTime(timestamp)],
        ["Transaction", `${submitted.hash} (block ${receipt.blockNumber}, gas ${receipt.gasUsed})`],
      ]),
    };
  },
};

export const oracleCommands: CommandGroup = {
  name: "oracle",
  summary: "index oracle: indexes, rounds, averages, publishing",
  commands: [indexes, latest, average, sign, publish, oracleRun],
};
