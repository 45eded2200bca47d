/** `computus book <market>`: the order book by price level, from the book's state. */
import { DEFAULT_BOOK_DEPTH } from "../../actions/public/getOrderBook.js";
import { UsageError } from "../errors.js";
import { table } from "../output.js";
import { parseMarketId } from "../parse.js";
import type { Command } from "../types.js";
import { formatPrice, quote, single } from "./shared.js";

export const marketArg = { name: "market", description: "market id (see `computus markets`)" } as const;

export const book: Command = {
  name: "book",
  summary: "a market's order book: price levels with size and order count, best first",
  args: [marketArg],
  options: {
    depth: { type: "string", value: "<levels>", description: `levels per side (default ${DEFAULT_BOOK_DEPTH})` },
  },
  description:
    "Live orders only: filled, cancelled, expired and cancel-all'd orders are left out.\n" +
    "Sizes are GPU-hours; prices are quote units per GPU-hour.",
  examples: ["computus book 1", "computus book 1 --depth 5 --json"],
  async run({ args, options, cli, path }) {
    const marketId = parseMarketId(args[0], path);
    const depthText = single(options.depth);
    if (depthText !== undefined && (!/^\d+$/.test(depthText) || Number(depthText) === 0 || Number(depthText) > 1_000)) {
      throw new UsageError(`--depth "${depthText}" is not a number of levels from 1 to 1000`, path);
    }
    const depth = depthText === undefined ? DEFAULT_BOOK_DEPTH : Number(depthText);
    const client = await cli.client();
    const { decimals, symbol } = await quote(cli);
    // The market first: an unknown one is `UnknownMarketError`, not an empty book.
    const market = await client.getMarket({ marketId });
    const result = await client.getOrderBook({ marketId, depth });
    const level = (l: { price: bigint; size: bigint; orders: number }) => ({
      ...l,
      priceFormatted: formatPrice(l.price, decimals),
    });
    const json = {
      marketId,
      indexName: market.indexName,
      markPrice: market.markPrice,
      bestBid: result.bestBid,
      bestAsk: result.bestAsk,
      bids: result.bids.map(level),
      asks: result.asks.map(level),
    };
    const rows: string[][] = [];
    for (const l of [...result.asks].reverse())
      rows.push(["ask", formatPrice(l.price, decimals), String(l.size), String(l.orders)]);
    if (result.asks.length > 0 || result.bids.length > 0) rows.push(["", "", "", ""]);
    for (const l of result.bids) rows.push(["bid", formatPrice(l.price, decimals), String(l.size), String(l.orders)]);
    const spread =
      result.bestBid !== null && result.bestAsk !== null
        ? `spread ${formatPrice(result.bestAsk - result.bestBid, decimals)} ${symbol}`
        : "one side or both empty";
    const header = `Market ${marketId} ${market.indexName} (${market.state}), mark ${
      market.markPrice === null ? "-" : `${formatPrice(market.markPrice, decimals)} ${symbol}`
    }, ${spread}`;
    const text =
      result.bids.length === 0 && result.asks.length === 0
        ? `${header}\nThe book is empty.`
        : `${header}\n${table(["SIDE", "PRICE", "SIZE", "ORDERS"], rows)}`;
    return { json, text };
  },
};
