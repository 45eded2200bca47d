/** `computus order <market> <side> <size> --price <price>`: check, simulate, place and wait. */
import type { OrderType } from "../../actions/wallet/placeOrder.js";
import { UsageError } from "../errors.js";
import { fields } from "../output.js";
import { parseDecimal, parseMarketId, parseTime } from "../parse.js";
import type { Command } from "../types.js";
import { marketArg } from "./book.js";
import { formatPrice, formatTime, quote, single, traderWallet } from "./shared.js";

/** The CLI's order types (kebab-case) and the SDK's. */
const TYPES: Record<string, OrderType> = {
  limit: "limit",
  "post-only": "postOnly",
  ioc: "ioc",
  fok: "fok",
  market: "market",
};

const DURATION = /^(\d+)([smhd])$/;
const UNIT = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

/** `--expiry`: a time (Unix seconds, ISO 8601) or a duration from the chain's time (`30m`, `2h`, `1d`). */
function parseExpiry(value: string, now: number, command: string): number {
  const match = DURATION.exec(value);
  if (match) return now + Number(match[1]) * UNIT[match[2] as keyof typeof UNIT];
  return parseTime(value, "--expiry", command);
}

export const order: Command = {
  name: "order",
  summary: "place an order (checked and simulated first: a refused order costs no gas)",
  args: [
    marketArg,
    { name: "side", description: "buy or sell" },
    { name: "size", description: "GPU-hours, a whole multiple of the market's lot" },
  ],
  options: {
    price: {
      type: "string",
      value: "<price>",
      description:
        "limit price in quote units per GPU-hour (2.105), on the market's tick; for --type market, the worst price accepted",
    },
    type: {
      type: "string",
      value: "<type>",
      description: "limit (default), post-only, ioc (immediate or cancel), fok (fill or kill) or market",
    },
    "reduce-only": { type: "boolean", description: "only reduce the position (never open or flip it)" },
    expiry: {
      type: "string",
      value: "<time>",
      description:
        "good till: Unix seconds, ISO 8601 (2026-12-01T00:00:00Z) or a duration (30m, 2h, 1d); default good till cancelled",
    },
  },
  description: "Sends from the first key in COMPUTUS_PRIVATE_KEY, then waits for the fills and the resting order id.",
  examples: [
    "computus order 1 buy 100 --price 2.105",
    "computus order 1 sell 50 --price 2.2 --type post-only --expiry 1d",
    "computus order 1 buy 20 --price 2.5 --type market --json",
  ],
  async run({ args, options, cli, path }) {
    const marketId = parseMarketId(args[0], path);
    const side = args[1];
    if (side !== "buy" && side !== "sell") {
      throw new UsageError(
        side === undefined ? "missing <side>: buy or sell" : `<side> "${side}" is not buy or sell`,
        path,
      );
    }
    const size = args[2];
    if (size === undefined) throw new UsageError("missing <size> (GPU-hours)", path);
    const typeText = single(options.type) ?? "limit";
    const type = TYPES[typeText];
    if (type === undefined)
      throw new UsageError(`--type "${typeText}" is not one of ${Object.keys(TYPES).join(", ")}`, path);
    const priceText = single(options.price);
    if (priceText === undefined) throw new UsageError("missing --price", path);
    const expiryText = single(options.expiry);
    if (expiryText !== undefined && !DURATION.test(expiryText)) parseTime(expiryText, "--expiry", path);

    const { decimals, symbol } = await quote(cli);
    const price = parseDecimal(priceText, decimals, "--price", path);
    const wallet = await traderWallet(cli);
    const expiry =
      expiryText === undefined ? undefined : parseExpiry(expiryText, Number((await wallet.getBlock()).timestamp), path);
    // The size goes to the SDK as typed: it says why a size is refused (not whole, not on the lot).
    const placed = await wallet.placeOrder({
      marketId,
      side,
      size,
      price,
      type,
      reduceOnly: options["reduce-only"] === true,
      expiry,
    });
    const result = await placed.wait();
    const fills = result.fills
      .filter((fill) => fill.taker.toLowerCase() === wallet.account.address.toLowerCase())
      .map((fill) => ({
        makerOrderId: fill.makerOrderId,
        maker: fill.maker,
        size: fill.size,
        price: fill.price,
        priceFormatted: formatPrice(fill.price, decimals),
        fee: fill.takerFee,
      }));
    const json = {
      marketId,
      account: wallet.account.address,
      side,
      type: typeText,
      price,
      priceFormatted: formatPrice(price, decimals),
      size: BigInt(size),
      reduceOnly: options["reduce-only"] === true,
      expiry: expiry ?? 0,
      orderId: result.orderId,
      filled: result.filled,
      resting: result.orderId === 0n ? 0n : BigInt(size) - result.filled,
      fills,
      cancelled: result.cancelled,
      hash: placed.hash,
      blockNumber: result.receipt.blockNumber,
      gasUsed: result.receipt.gasUsed,
    };
    const entries: [string, string][] = [
      [
        "Order",
        `${side} ${size} GPU-h @ ${formatPrice(price, decimals)} ${symbol} (${typeText}) on market ${marketId}`,
      ],
      ["Filled", `${result.filled} GPU-h${fills.length > 0 ? ` in ${fills.length} fill(s)` : ""}`],
      ["Resting", result.orderId === 0n ? "nothing" : `${json.resting} GPU-h, order ${result.orderId}`],
    ];
    if (expiry !== undefined) entries.push(["Expires", formatTime(expiry)]);
    entries.push([
      "Transaction",
      `${placed.hash} (block ${result.receipt.blockNumber}, gas ${result.receipt.gasUsed})`,
    ]);
    return { json, text: fields(entries) };
  },
};
