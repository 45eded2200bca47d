/** `computus keeper run`: the keeper bot (liquidations, settlements, claims) until Ctrl-C. */
import { BaseError } from "viem";
import { type KeeperOutcome, type KeeperTickReport, runKeeper } from "../../bots/keeper.js";
import { getContractAddress } from "../../deployment/deployment.js";
import { CliError } from "../errors.js";
import { toJsonLine } from "../output.js";
import { parsePositiveInteger } from "../parse.js";
import type { Command, CommandGroup } from "../types.js";
import { formatTime, single, traderWallet } from "./shared.js";

function outcomeJson(outcome: KeeperOutcome) {
  return {
    ...outcome.action,
    status: outcome.status,
    ...(outcome.status === "skipped" ? { reason: outcome.reason, error: outcome.error.name } : { hash: outcome.hash }),
  };
}

function errorMessage(error: unknown): string {
  if (error instanceof BaseError) return error.shortMessage;
  return error instanceof Error ? error.message : String(error);
}

function reportJson(report: KeeperTickReport) {
  return {
    block: report.block,
    accounts: report.accounts,
    outcomes: report.outcomes.map(outcomeJson),
    ...(report.error === undefined ? {} : { error: errorMessage(report.error) }),
  };
}

function describe(report: KeeperTickReport, now: number): string {
  const head = `${formatTime(now)} block ${report.block}: ${report.accounts} account(s) watched, ${report.outcomes.length} action(s)`;
  const lines = report.outcomes.map((o) => {
    const a = o.action;
    const what =
      a.kind === "liquidate"
        ? `liquidate ${a.account} in market ${a.marketId}${a.size ? ` (${a.size} GPU-h)` : ""}`
        : a.kind === "claim"
          ? `claim for ${a.account} in market ${a.marketId}`
          : `${a.kind} settlement of market ${a.marketId}`;
    return `  ${what}: ${o.status}${o.status === "skipped" ? ` (${o.reason})` : ` ${o.hash}`}`;
  });
  if (report.error !== undefined) lines.push(`  error: ${errorMessage(report.error)} (retrying next pass)`);
  return [head, ...lines].join("\n");
}

const run: Command = {
  name: "run",
  summary: "watch every account: liquidate those below maintenance, settle ended markets, claim settled positions",
  options: {
    interval: { type: "string", value: "<seconds>", description: "seconds between passes (default 5)" },
    once: { type: "boolean", description: "run one pass and exit (1 if the pass hit an RPC error)" },
    "no-liquidate": { type: "boolean", description: "do not liquidate" },
    "no-settle": { type: "boolean", description: "do not propose or finalise settlements" },
    "no-claim": { type: "boolean", description: "do not claim settled positions" },
  },
  description:
    "Acts from the first key in COMPUTUS_PRIVATE_KEY, whose collateral takes over what it liquidates.\n" +
    "Each action is simulated first; one another keeper already took is reported as skipped, never sent.\n" +
    "Without --once, prints one line (or one JSON object) per pass until Ctrl-C.",
  examples: ["computus keeper run --interval 10", "computus keeper run --once --json"],
  async run({ options, cli }) {
    const interval = parsePositiveInteger(single(options.interval) ?? "5", "--interval");
    const wallet = await traderWallet(cli);
    const flags = {
      liquidate: options["no-liquidate"] !== true,
      settle: options["no-settle"] !== true,
      claim: options["no-claim"] !== true,
    };
    if (options.once === true) {
      const report = await wallet.createKeeper(flags).tick();
      if (report.error !== undefined) throw new CliError(`keeper pass failed: ${errorMessage(report.error)}`);
      return { json: reportJson(report), text: describe(report, Math.floor(Date.now() / 1000)) };
    }
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    let passes = 0;
    try {
      await runKeeper(wallet, {
        clearingHouse: getContractAddress(wallet.computusDeployment, "ClearingHouse"),
        fromBlock: BigInt(wallet.computusDeployment.contracts.ClearingHouse?.startBlock ?? 0),
        ...flags,
        interval,
        signal: controller.signal,
        onTick: (report) => {
          passes++;
          cli.print(
            cli.globals.json ? toJsonLine(reportJson(report)) : describe(report, Math.floor(Date.now() / 1000)),
          );
        },
      });
    } finally {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    }
    return { json: { stopped: true, passes }, text: `Stopped after ${passes} pass(es).` };
  },
};

export const keeperCommands: CommandGroup = {
  name: "keeper",
  summary: "the keeper bot: liquidations, settlements, claims",
  commands: [run],
};
