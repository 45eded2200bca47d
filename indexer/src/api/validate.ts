/**
 * Input validation for the REST routes, in one place: every parser either returns a clean value
 * or throws an {@link ApiError} that the app turns into an HTTP 4xx with a JSON message. Pure
 * (no Ponder import), so it is unit-tested on its own.
 */
import { type Address, getAddress, type Hex, isAddress } from "viem";
import { toIndexId } from "../../../sdk/src/oracle/indexId.js";

/** Default and largest page sizes of list routes. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1_000;
/** Largest unsigned integer a query parameter may carry (uint64, which covers every id and time). */
export const MAX_UINT64 = (1n << 64n) - 1n;
export const MAX_UINT32 = 2 ** 32 - 1;
/** Round ids are stored as 32-bit signed integers (see ponder.schema.ts). */
export const MAX_ROUND_ID = 2 ** 31 - 1;

export type ApiErrorStatus = 400 | 404 | 409 | 422;

/** A client error: the status and a message saying what was wrong with the request. */
export class ApiError extends Error {
  readonly status: ApiErrorStatus;
  constructor(status: ApiErrorStatus, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, message);
export const notFound = (message: string): ApiError => new ApiError(404, message);

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const INDEX_NAME = /^[\x21-\x7e][\x20-\x7e]{0,31}$/;
const DIGITS = /^[0-9]+$/;

/** The message of a 404 for a path no route serves (the path quoted, cut short). */
export const noRouteMessage = (method: string, path: string): string => `no route ${method} ${quote(path)}`;

/** Quoted for a message, cut short so a huge input does not echo back whole. */
function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/**
 * An index given by name (`H100-SXM-USD-HR`) or bytes32 id (`0x4831…`), as its lowercase id
 * (the form the tables hold).
 */
export function parseIndexKey(raw: string | undefined): Hex {
  if (raw === undefined || raw === "")
    throw badRequest("index: missing (a name such as H100-SXM-USD-HR or a bytes32 id)");
  if (BYTES32.test(raw)) return raw.toLowerCase() as Hex;
  // Index names never start with 0x: such a key is a malformed id, not a name.
  if (/^0x/i.test(raw)) throw badRequest(`index: ${quote(raw)} is not a bytes32 id (0x and 64 hex digits)`);
  if (!INDEX_NAME.test(raw)) {
    throw badRequest(
      `index: ${quote(raw)} is neither an index name (1 to 32 printable ASCII characters) nor a bytes32 id`,
    );
  }
  return toIndexId(raw).toLowerCase() as Hex;
}

/** An address (any case; mixed case must carry a valid checksum), as lowercase hex. */
export function parseAddress(raw: string | undefined, name = "address"): Address {
  if (raw === undefined || raw === "") throw badRequest(`${name}: missing`);
  if (!isAddress(raw, { strict: false })) throw badRequest(`${name}: ${quote(raw)} is not an address`);
  const lower = raw.toLowerCase();
  const isMixedCase = raw.slice(2) !== lower.slice(2) && raw.slice(2) !== raw.slice(2).toUpperCase();
  if (isMixedCase && getAddress(raw) !== raw) throw badRequest(`${name}: ${quote(raw)} has a wrong checksum`);
  return lower as Address;
}

export type IntegerOptions = { readonly min?: bigint; readonly max?: bigint };

/** An unsigned decimal integer within [min, max], or undefined when absent. */
export function parseOptionalInteger(
  raw: string | undefined,
  name: string,
  { min = 0n, max = MAX_UINT64 }: IntegerOptions = {},
): bigint | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (raw.length > 78 || !DIGITS.test(raw))
    throw badRequest(`${name}: ${quote(raw)} is not an unsigned decimal integer`);
  const value = BigInt(raw);
  if (value < min || value > max) throw badRequest(`${name}: ${raw} is out of range [${min}, ${max}]`);
  return value;
}

/** As {@link parseOptionalInteger}, but required. */
export function parseInteger(raw: string | undefined, name: string, options: IntegerOptions = {}): bigint {
  const value = parseOptionalInteger(raw, name, options);
  if (value === undefined) throw badRequest(`${name}: missing`);
  return value;
}

/** A page size: default {@link DEFAULT_PAGE_SIZE}; above {@link MAX_PAGE_SIZE} is refused, not clipped. */
export function parseLimit(raw: string | undefined): number {
  const value = parseOptionalInteger(raw, "limit", { min: 1n, max: MAX_UINT64 });
  if (value === undefined) return DEFAULT_PAGE_SIZE;
  if (value > BigInt(MAX_PAGE_SIZE))
    throw badRequest(`limit: ${value} is above the largest page size, ${MAX_PAGE_SIZE}`);
  return Number(value);
}

/**
 * A block number no later than the newest indexed block `head`, or undefined when absent.
 * A later block is a 422: the indexer cannot answer for it yet.
 */
export function parseOptionalBlockNumber(raw: string | undefined, name: string, head: bigint): bigint | undefined {
  const value = parseOptionalInteger(raw, name, { min: 0n, max: MAX_UINT64 });
  if (value !== undefined && value > head) {
    throw new ApiError(422, `${name}: block ${value} is not indexed yet (the newest indexed block is ${head})`);
  }
  return value;
}

/** A Unix time in seconds (uint32, as the oracle stores times). */
export function parseTimestamp(raw: string | undefined, name: string): number {
  return Number(parseInteger(raw, name, { min: 0n, max: BigInt(MAX_UINT32) }));
}

/** A Unix time in seconds (uint32), or undefined when absent. */
export function parseOptionalTimestamp(raw: string | undefined, name: string): number | undefined {
  const value = parseOptionalInteger(raw, name, { min: 0n, max: BigInt(MAX_UINT32) });
  return value === undefined ? undefined : Number(value);
}

/** A round id (1 to {@link MAX_ROUND_ID}). */
export function parseRoundId(raw: string | undefined, name = "roundId"): number {
  return Number(parseInteger(raw, name, { min: 1n, max: BigInt(MAX_ROUND_ID) }));
}

/** A round id, or undefined when absent. */
export function parseOptionalRoundId(raw: string | undefined, name: string): number | undefined {
  const value = parseOptionalInteger(raw, name, { min: 1n, max: BigInt(MAX_ROUND_ID) });
  return value === undefined ? undefined : Number(value);
}

const EVENT_ID = /^[0-9]{75}$/;

/** An event id as a cursor: Ponder's checkpoint, 75 decimal digits that sort in chain order. */
export function parseOptionalEventId(raw: string | undefined, name: string): string | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (!EVENT_ID.test(raw)) throw badRequest(`${name}: ${quote(raw)} is not an event id (75 decimal digits)`);
  return raw;
}

/** JSON-safe copy of a value: bigints become decimal strings. */
export function toJson<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)));
}

/** Market ids are sequential from 1 and at most 65,535 (the clearing house's limit). */
export const MAX_MARKET_ID = 65_535n;

/** A market id (1 to 65,535), as a bigint. */
export function parseMarketId(raw: string | undefined, name = "market"): bigint {
  if (raw === undefined || raw === "") throw badRequest(`${name}: missing (a market id, 1 to ${MAX_MARKET_ID})`);
  if (raw.length > 78 || !DIGITS.test(raw))
    throw badRequest(`${name}: ${quote(raw)} is not a market id (1 to ${MAX_MARKET_ID})`);
  const value = BigInt(raw);
  if (value < 1n || value > MAX_MARKET_ID) throw badRequest(`${name}: ${raw} is out of range [1, ${MAX_MARKET_ID}]`);
  return value;
}

/** A market id, or undefined when absent. */
export function parseOptionalMarketId(raw: string | undefined, name = "market"): bigint | undefined {
  return raw === undefined || raw === "" ? undefined : parseMarketId(raw, name);
}

export const CANDLE_INTERVALS = { "1m": 60n, "1h": 3_600n, "1d": 86_400n } as const;
export type CandleInterval = keyof typeof CANDLE_INTERVALS;

/** A candle interval: `1m`, `1h` or `1d` (default `1m`). */
export function parseInterval(raw: string | undefined): CandleInterval {
  if (raw === undefined || raw === "") return "1m";
  if (Object.hasOwn(CANDLE_INTERVALS, raw)) return raw as CandleInterval;
  throw badRequest(`interval: ${quote(raw)} is not one of 1m, 1h, 1d`);
}
