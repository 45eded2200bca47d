/** Parsing command-line values; every failure is a `UsageError` (exit code 2). */
import { type Hex, isHex, maxUint256, parseUnits, size } from "viem";
import { toIndexId } from "../oracle/indexId.js";
import { UsageError } from "./errors.js";

const UINT64_MAX = (1n << 64n) - 1n;

/** An index given by name (`H100-SXM-USD-HR`) or as its bytes32 id (0x + 64 hex digits). */
export function parseIndex(value: string | undefined, command: string): Hex {
  if (value === undefined || value === "")
    throw new UsageError("missing <index>: an index name such as H100-SXM-USD-HR", command);
  if (value.startsWith("0x")) {
    if (isHex(value, { strict: true }) && size(value) === 32) return value;
    throw new UsageError(`"${value}" is not an index id (0x followed by 64 hex digits)`, command);
  }
  try {
    return toIndexId(value);
  } catch {
    throw new UsageError(`"${value}" is not an index name (1 to 32 printable ASCII characters)`, command);
  }
}

/**
 * A price in index units (`2.1345`), scaled by the index's decimals. Positive, at most `decimals`
 * fractional digits, and within the oracle's uint64.
 */
export function parsePrice(value: string, decimals: number, command: string): bigint {
  if (!/^\d+(\.\d+)?$/.test(value)) {
    throw new UsageError(`--price "${value}" is not a decimal number such as 2.1345`, command);
  }
  const fraction = value.split(".")[1] ?? "";
  if (fraction.length > decimals) {
    throw new UsageError(`--price "${value}" has ${fraction.length} decimals; the index has ${decimals}`, command);
  }
  const price = parseUnits(value, decimals);
  if (price === 0n) throw new UsageError("--price must be above zero", command);
  if (price > UINT64_MAX) throw new UsageError(`--price "${value}" is too large for the oracle`, command);
  return price;
}

/** A time: Unix seconds, an ISO 8601 date-time with a zone (`2026-11-27T12:00:00Z`), or `now` (the chain's latest block). */
export function parseTime(value: string | undefined, flag: string, command: string, now?: number): number {
  if (value === undefined) throw new UsageError(`missing ${flag} <time>`, command);
  if (value === "now" && now !== undefined) return now;
  if (/^\d+$/.test(value)) {
    const seconds = Number(value);
    if (Number.isSafeInteger(seconds) && seconds < 2 ** 32) return seconds;
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const ms = Date.parse(value);
    if (Number.isFinite(ms) && ms >= 0) return Math.floor(ms / 1000);
  }
  throw new UsageError(
    `${flag} "${value}" is not a time: give Unix seconds, an ISO 8601 time with a zone (2026-11-27T12:00:00Z) or "now"`,
    command,
  );
}

/** A positive integer option (`--chain-id`). */
export function parsePositiveInteger(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) {
    throw new UsageError(`${flag} "${value}" is not a positive integer`);
  }
  return n;
}

/** A market id (`1`, `2` …: the clearing house numbers its markets from 1). */
export function parseMarketId(value: string | undefined, command: string): bigint {
  if (value === undefined || value === "") throw new UsageError("missing <market>: a market id such as 1", command);
  if (!/^\d+$/.test(value) || BigInt(value) === 0n || BigInt(value) > maxUint256) {
    throw new UsageError(`"${value}" is not a market id (a positive whole number; see \`computus markets\`)`, command);
  }
  return BigInt(value);
}

/**
 * An amount in human units (`250.5`) scaled to the token's or quote's `decimals`. Positive, at
 * most `decimals` fractional digits.
 */
export function parseDecimal(value: string | undefined, decimals: number, what: string, command: string): bigint {
  if (value === undefined || value === "") throw new UsageError(`missing ${what}`, command);
  if (!/^\d+(\.\d+)?$/.test(value)) {
    throw new UsageError(`${what} "${value}" is not a decimal number such as 250.5`, command);
  }
  const fraction = value.split(".")[1] ?? "";
  if (fraction.length > decimals) {
    throw new UsageError(`${what} "${value}" has ${fraction.length} decimals; at most ${decimals}`, command);
  }
  const amount = parseUnits(value, decimals);
  if (amount === 0n) throw new UsageError(`${what} must be above zero`, command);
  return amount;
}

/** A whole number of something (an order id). */
export function parseWhole(value: string | undefined, what: string, command: string): bigint {
  if (value === undefined || value === "") throw new UsageError(`missing ${what}`, command);
  if (!/^\d+$/.test(value)) throw new UsageError(`${what} "${value}" is not a whole number`, command);
  if (BigInt(value) > maxUint256) throw new UsageError(`${what} "${value}" is above 2^256 - 1`, command);
  return BigInt(value);
}
