import { describe, expect, it } from "vitest";
import { loadIndexSeries } from "../../scripts/demo/indexSeries.js";
import { seriesQuoteSource } from "../../scripts/demo/quotes.js";
import { computeIndex } from "../../sdk/src/math/indexMethod.js";

describe("the demo's provider quotes", () => {
  it("make the SDK's index method recover every fixing of the series, dropping the outlier and the stale quote", async () => {
    const series = await loadIndexSeries();
    const seriesStart = 1_795_392_000n;
    const source = seriesQuoteSource(series, seriesStart);
    let fixings = 0;
    for (const index of series) {
      for (const [hour, fixing] of index.prices.entries()) {
        if (fixing === undefined) continue;
        const now = seriesStart + BigInt(hour) * 3600n;
        const computed = computeIndex(source.fetchQuotes(index.name, now), { now, maxQuoteAge: 86_400n });
        expect(computed.price).toBe(fixing);
        expect(computed.dropped.map((d) => [d.quote.provider, d.reason])).toEqual([
          ["fjord-spot", "outlier"],
          ["granite-labs", "stale"],
        ]);
        fixings++;
      }
    }
    expect(fixings).toBe(3 * 1008 + 30);
  });

  it("has no quotes for an hour without a fixing", async () => {
    const series = await loadIndexSeries();
    const source = seriesQuoteSource(series, 0n);
    expect(source.fetchQuotes("POWER-PJM-USD-MWH", 0n)).toEqual([]);
    expect(source.fetchQuotes("UNKNOWN", 0n)).toEqual([]);
  });
});
