import { type Hex, hexToString, isHex, size } from "viem";

/**
 * An index id for people: the text of a bytes32 that holds a short ASCII name right-padded with
 * zeros (`H100-SXM-USD-HR`), otherwise the hex itself.
 */
export function formatIndexId(indexId: Hex): string {
  if (!isHex(indexId) || size(indexId) !== 32) return indexId;
  const text = hexToString(indexId, { size: 32 });
  return /^[\x21-\x7e][\x20-\x7e]*$/.test(text) ? text : indexId;
}

/** A Unix time in seconds as an ISO 8601 UTC string (`2026-11-27T12:00:00Z`). */
export function formatTimestamp(seconds: bigint | number): string {
  const ms = Number(seconds) * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return `${seconds}s since 1970`;
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

/** A duration in seconds, as `1d 2h 3m 4s` (zero parts left out; `0s` for zero). */
export function formatDuration(seconds: bigint | number): string {
  let rest = BigInt(seconds);
  if (rest < 0n) return `-${formatDuration(-rest)}`;
  const parts: string[] = [];
  for (const [unit, length] of [
    ["d", 86_400n],
    ["h", 3_600n],
    ["m", 60n],
    ["s", 1n],
  ] as const) {
    if (rest >= length) {
      parts.push(`${rest / length}${unit}`);
      rest %= length;
    }
  }
  return parts.length === 0 ? "0s" : parts.join(" ");
}

/** Basis points as a percentage (`1234` → `12.34%`). */
export function formatBps(bps: bigint | number): string {
  const value = BigInt(bps);
  const sign = value < 0n ? "-" : "";
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}%`;
}
