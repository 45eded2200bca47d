/**
 * Provider quotes for the demo's publishers, made around each fixing of the index series so that
 * the SDK's index method (drop stale and outlying quotes, cap each provider's weight, weighted
 * median) recovers the fixing exactly: the quotes kept are symmetric around it, with the fixing
 * itself quoted in the middle. One provider quotes far off (an outlier the Hampel filter drops)
 * and one quote is a day old (dropped as stale), as real feeds have.
 */
import type { ProviderQuote } from "../../sdk/src/math/indexMethod.js";
import type { IndexSeries } from "./indexSeries.js";

const HOUR = 3600n;

/** Fictional providers: (name, offset from the fixing in basis points, GPU-hours offered). */
const PROVIDERS: readonly (readonly [string, bigint, bigint])[] = [
  ["atlas-compute", 0n, 4_000n],
  ["borealis-cloud", -40n, 2_500n],
  ["cirrus-gpu", 40n, 2_500n],
  ["delta-racks", -90n, 1_500n],
  ["ember-hosting", 90n, 1_500n],
];
const OUTLIER = ["fjord-spot", 3_500n, 800n] as const;
const STALE = ["granite-labs", -200n, 1_200n] as const;

/** The quote source of one index series whose hour 0 is `seriesStart` (Unix seconds). */
export function seriesQuoteSource(series: readonly IndexSeries[], seriesStart: bigint) {
  const byName = new Map(series.map((s) => [s.name, s]));
  return {
    fetchQuotes(indexName: string, now: bigint): readonly ProviderQuote[] {
      const prices = byName.get(indexName)?.prices ?? [];
      // After the series: its last fixing, so the index stays fresh until every market's
      // settlement opens (rounds after a window's end do not change its average).
      const hour = Number((now - seriesStart) / HOUR);
      const fixing = hour < prices.length ? prices[hour] : prices.findLast((p) => p !== undefined);
      if (fixing === undefined) return [];
      const quote = (provider: string, offsetBps: bigint, weight: bigint, timestamp: bigint): ProviderQuote => ({
        provider,
        price: fixing + (fixing * offsetBps) / 10_000n,
        weight,
        timestamp,
      });
      return [
        ...PROVIDERS.map(([provider, offset, weight]) => quote(provider, offset, weight, now - 60n)),
        quote(OUTLIER[0], OUTLIER[1], OUTLIER[2], now - 30n),
        quote(STALE[0], STALE[1], STALE[2], now - 26n * HOUR),
      ];
    },
  };
}
