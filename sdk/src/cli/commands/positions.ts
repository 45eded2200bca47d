/** `computus positions [account]`: equity, margins, positions, PnL and liquidation prices. */
import { isAddress } from "viem";
import { UsageError } from "../errors.js";
import { fields, table } from "../output.js";
import type { Command } from "../types.js";
import { formatPrice, formatSigned, quote } from "./shared.js";

export const positions: Command = {
  name: "positions",
  summary: "an account's collateral, equity, margin used, free margin, positions, PnL and liquidation prices",
  args: [{ name: "account", description: "the address to read (default: the first key's account)", optional: true }],
  options: { "no-history": { type: "boolean", description: "skip realized PnL and fees (no event scan)" } },
  description:
    "Unrealized PnL is at the mark price now; realized PnL and fees sum the account's fills, liquidations\n" +
    "and claims since the clearing house's deployment. The fee of a fill that opens or adds to a position is\n" +
    "part of its cost: the entry price (open notional / size) includes it, and the PnL realized on closing is\n" +
    "net of it. The liquidation price holds the other markets still.",
  examples: ["computus positions", "computus positions 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --json"],
  async run({ args, options, cli, path }) {
    const given = args[0];
    if (given !== undefined && !isAddress(given)) throw new UsageError(`"${given}" is not an address`, path);
    const account = given ?? cli.accounts()[0]?.address;
    if (account === undefined) throw new UsageError("missing <account>", path);
    const client = await cli.client();
    const { decimals, symbol } = await quote(cli);
    const a = await client.getAccount({ account, history: options["no-history"] !== true });
    const q = (value: bigint) => formatSigned(value, decimals);
    const json = {
      account: a.account,
      collateral: a.collateral,
      equity: a.equity,
      marginUsed: a.marginUsed,
      maintenanceMargin: a.maintenanceMargin,
      freeMargin: a.freeMargin,
      unrealizedPnl: a.unrealizedPnl,
      realizedPnl: a.history?.realizedPnl ?? null,
      fees: a.history?.fees ?? null,
      openingFees: a.history?.openingFees ?? null,
      liquidatable: a.liquidatable,
      positions: a.positions.map((p) => ({
        marketId: p.marketId,
        indexName: p.market.indexName,
        size: p.size,
        entryPrice: p.entryPrice,
        openNotional: p.openNotional,
        markPrice: p.markPrice,
        unrealizedPnl: p.unrealizedPnl,
        initialMargin: p.initialMargin,
        maintenanceMargin: p.maintenanceMargin,
        liquidationPrice: p.liquidationPrice,
        bidSize: p.bidSize,
        askSize: p.askSize,
        claimable: p.claimable,
      })),
    };
    const summary = fields([
      ["Account", a.account],
      ["Collateral", `${q(a.collateral)} ${symbol}`],
      ["Equity", `${q(a.equity)} ${symbol}`],
      ["Margin used", `${q(a.marginUsed)} ${symbol} (maintenance ${q(a.maintenanceMargin)})`],
      ["Free margin", `${q(a.freeMargin)} ${symbol}`],
      ["Unrealized PnL", `${q(a.unrealizedPnl)} ${symbol}`],
      ...(a.history
        ? ([
            [
              "Realized PnL",
              `${q(a.history.realizedPnl)} ${symbol} (fees ${q(a.history.fees)}, of which ${q(a.history.openingFees)} on opening fills, in the entry price)`,
            ],
          ] as [string, string][])
        : []),
      ["Status", a.liquidatable ? "LIQUIDATABLE: below maintenance margin" : "healthy"],
    ]);
    const rows = a.positions.map((p) => [
      String(p.marketId),
      p.market.indexName,
      p.size.toString(),
      formatPrice(p.entryPrice, decimals),
      formatPrice(p.markPrice, decimals),
      q(p.unrealizedPnl),
      p.liquidationPrice === null ? "-" : formatPrice(p.liquidationPrice, decimals),
      `${p.bidSize}/${p.askSize}`,
      p.claimable ? "settled: claim" : "",
    ]);
    const text =
      rows.length === 0
        ? `${summary}\n\nNo positions or resting orders.`
        : `${summary}\n\n${table(["MARKET", "INDEX", "SIZE", "ENTRY", "MARK", "UPNL", "LIQ. PRICE", "BIDS/ASKS", ""], rows)}\n` +
          "ENTRY: open notional / size, opening fees included.";
    return { json, text };
  },
};
