/** `computus markets`: every market with its parameters and state. */
import type { Market } from "../../actions/public/getMarket.js";
import { formatBps } from "../../utils/format.js";
import { table } from "../output.js";
import type { Command } from "../types.js";
import { formatPrice, formatTime, quote } from "./shared.js";

/** A market as JSON (prices also formatted in quote units). */
export function marketJson(market: Market, decimals: number) {
  return {
    marketId: market.marketId,
    indexName: market.indexName,
    indexId: market.indexId,
    state: market.state,
    mode: market.mode,
    markPrice: market.markPrice,
    markPriceFormatted: market.markPrice === null ? null : formatPrice(market.markPrice, decimals),
    tickSize: market.config.tickSize,
    tickSizeFormatted: formatPrice(market.config.tickSize, decimals),
    lotSize: market.config.lotSize,
    initialMarginBps: market.config.imBps,
    maintenanceMarginBps: market.config.mmBps,
    makerFeeBps: market.config.makerFeeBps,
    takerFeeBps: market.config.takerFeeBps,
    bandBps: market.bandBps,
    maxPosition: market.risk.maxPosition,
    tradingStart: market.config.tradingStart,
    windowStart: market.config.windowStart,
    windowEnd: market.config.windowEnd,
    finalPrice: market.finalPrice,
  };
}

export const markets: Command = {
  name: "markets",
  summary: "list the markets: index, state, mark price, tick, lot, margins and window",
  options: { active: { type: "boolean", description: "leave out settled markets" } },
  examples: ["computus markets", "computus markets --active --json"],
  async run({ options, cli }) {
    const client = await cli.client();
    const { decimals, symbol } = await quote(cli);
    const list = await client.getMarkets({ activeOnly: options.active === true });
    const text =
      list.length === 0
        ? "No markets."
        : table(
            ["ID", "INDEX", "STATE", "MARK", "TICK", "LOT", "IM/MM", "FEES M/T", "WINDOW (UTC)"],
            list.map((m) => [
              String(m.marketId),
              m.indexName,
              m.mode === "Active" ? m.state : `${m.state} (${m.mode})`,
              m.markPrice === null ? "-" : `${formatPrice(m.markPrice, decimals)} ${symbol}`,
              formatPrice(m.config.tickSize, decimals),
              String(m.config.lotSize),
              `${formatBps(m.config.imBps)}/${formatBps(m.config.mmBps)}`,
              `${formatBps(m.config.makerFeeBps)}/${formatBps(m.config.takerFeeBps)}`,
              `${formatTime(m.config.windowStart)} → ${formatTime(m.config.windowEnd)}`,
            ]),
          );
    return { json: { chainId: client.chain.id, markets: list.map((m) => marketJson(m, decimals)) }, text };
  },
};
