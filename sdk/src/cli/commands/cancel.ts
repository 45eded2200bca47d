/** `computus cancel <orderId>` / `computus cancel --all <market>`. */
import { UsageError } from "../errors.js";
import { fields } from "../output.js";
import { parseMarketId, parseWhole } from "../parse.js";
import type { Command } from "../types.js";
import { single, traderWallet } from "./shared.js";

export const cancel: Command = {
  name: "cancel",
  summary: "cancel one of your resting orders, or all of them in a market (--all)",
  args: [{ name: "orderId", description: "the order's id (from `computus order`); not with --all", optional: true }],
  options: {
    all: {
      type: "string",
      value: "<market>",
      description: "cancel every resting order of yours in this market at once (one transaction, any count)",
    },
  },
  description: "Simulated first: an unknown (filled, cancelled) order or another's order fails with no gas spent.",
  examples: ["computus cancel 340282366920938463463374607431768211457", "computus cancel --all 1 --json"],
  async run({ args, options, cli, path }) {
    const all = single(options.all);
    if (all !== undefined && args.length > 0)
      throw new UsageError("give an <orderId> or --all <market>, not both", path);
    if (all === undefined) {
      const orderId = parseWhole(args[0], "<orderId> (or --all <market>)", path);
      const wallet = await traderWallet(cli);
      const { hash, wait } = await wallet.cancelOrder({ orderId });
      const result = await wait();
      const size = result.cancelled.find((c) => c.orderId === orderId)?.size ?? 0n;
      return {
        json: { orderId, cancelled: true, size, hash, blockNumber: result.receipt.blockNumber },
        text: fields([
          ["Cancelled", `order ${orderId} (${size} GPU-h unfilled)`],
          ["Transaction", `${hash} (block ${result.receipt.blockNumber})`],
        ]),
      };
    }
    const marketId = parseMarketId(all, path);
    const wallet = await traderWallet(cli);
    await wallet.getMarket({ marketId }); // UnknownMarketError before anything is sent
    const { hash, wait } = await wallet.cancelAllOrders({ marketId });
    const result = await wait();
    return {
      json: { marketId, cancelledAll: true, hash, blockNumber: result.receipt.blockNumber },
      text: fields([
        ["Cancelled", `all your orders in market ${marketId}`],
        ["Transaction", `${hash} (block ${result.receipt.blockNumber})`],
      ]),
    };
  },
};
