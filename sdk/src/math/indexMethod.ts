import { InsufficientQuotesError, MathInputError } from "./errors.js";
import { medianDown, weightedMedianDown } from "./median.js";
import { capProviderWeights } from "./providerCap.js";

/** One provider's offer, as an index publisher collects it. */
export type ProviderQuote = {
  /** Who quotes (a stable id: the provider's name or address). */
  readonly provider: string;
  /** Price in quote units per GPU-hour (e.g. 2_134_500n for $2.1345 with a 6-decimal token). */
  readonly price: bigint;
  /** Weight of the quote: the GPU-hours offered at that price. */
  readonly weight: bigint;
  /** When the quote was observed, in Unix seconds. */
  readonly timestamp: bigint;
};

export type ComputeIndexOptions = {
  /** The fixing time, in Unix seconds. */
  readonly now: bigint;
  /** Quotes observed more than this many seconds before `now` are stale and dropped. */
  readonly maxQuoteAge: bigint;
  /** Quotes timestamped more than this many seconds after `now` are dropped. Default 300. */
  readonly maxFutureSkew?: bigint | undefined;
  /**
   * Outlier threshold k, in basis points of the robust standard deviation σ̂ = 1.4826 × MAD:
   * a quote is an outlier when |price − median| > k × σ̂. Default 30_000 (k = 3, the Hampel filter).
   */
  readonly outlierThresholdBps?: bigint | undefined;
  /**
   * Smallest half-width of the accepted band, in basis points of the median, so that a market
   * where most providers quote the same price (MAD = 0) does not drop every other quote.
   * Default 50 (±0.5 %).
   */
  readonly minBandBps?: bigint | undefined;
  /**
   * Largest share of the total weight one provider may carry, in basis points; above it its
   * weight is capped (see `capProviderWeights`). Default 3_000 (30 %); 10_000 disables the cap.
   */
  readonly maxProviderShareBps?: bigint | undefined;
  /** Fewest quotes left after filtering. Default 3. */
  readonly minQuotes?: number | undefined;
  /** Fewest distinct providers left after filtering. Default 3. */
  readonly minProviders?: number | undefined;
};

export type DropReason = "invalid" | "stale" | "future" | "outlier";

export type IndexComputation = {
  /** The index: the weighted median of the quotes kept, rounded down. */
  readonly price: bigint;
  /** Quotes that made the index, in input order. */
  readonly used: readonly ProviderQuote[];
  /** Quotes left out, in input order, each with why. */
  readonly dropped: readonly { readonly quote: ProviderQuote; readonly reason: DropReason }[];
  /** Median price of the fresh valid quotes (each counted once), before outliers were dropped. */
  readonly center: bigint;
  /** Median absolute deviation from `center` of the fresh valid quotes (each counted once). */
  readonly mad: bigint;
  /** Weight of each quote used in the median, after the provider cap (same order as `used`; only ratios matter). */
  readonly weights: readonly bigint[];
  /** Total weight (GPU-hours) of the quotes used, before the provider cap. */
  readonly totalWeight: bigint;
  /** Distinct providers among the quotes used. */
  readonly providers: number;
};

const BPS = 10_000n;
/** 1.4826 (= 1 / Φ⁻¹(3/4)) scales the MAD to the standard deviation of a normal distribution. */
const MAD_TO_SIGMA = 14_826n;
const MAD_TO_SIGMA_SCALE = 10_000n;

/**
 * Computes an index price from raw provider quotes, as the oracle publisher does before signing:
 *
 * 1. drop invalid quotes (price ≤ 0 or weight ≤ 0), stale ones (older than `maxQuoteAge`) and
 *    ones from the future (beyond `maxFutureSkew`);
 * 2. drop outliers with a Hampel filter: with m the median price of those quotes (each counted
 *    once, unweighted) and MAD the median of |price − m|, drop a quote when
 *    |price − m| > max(k × 1.4826 × MAD, m × minBandBps / 10_000);
 * 3. cap each provider's share of the remaining GPU-hours at `maxProviderShareBps` (30 %), so that
 *    no provider sets the index alone by listing most of the capacity;
 * 4. the index is the weighted median of what is left (weights = GPU-hours offered, capped),
 *    rounded down.
 *
 * Pure and order-independent: the same quotes in any order give the same price.
 * @throws {InsufficientQuotesError} when fewer than `minQuotes` quotes or `minProviders` providers remain.
 * @throws {MathInputError} on a negative option.
 */
export function computeIndex(quotes: readonly ProviderQuote[], options: ComputeIndexOptions): IndexComputation {
  const {
    now,
    maxQuoteAge,
    maxFutureSkew = 300n,
    outlierThresholdBps = 30_000n,
    minBandBps = 50n,
    maxProviderShareBps = 3_000n,
    minQuotes = 3,
    minProviders = 3,
  } = options;
  if (maxQuoteAge < 0n || maxFutureSkew < 0n || outlierThresholdBps < 0n || minBandBps < 0n) {
    throw new MathInputError("computeIndex: options must not be negative");
  }
  if (maxProviderShareBps <= 0n || maxProviderShareBps > 10_000n) {
    throw new MathInputError("computeIndex: maxProviderShareBps must be in (0, 10_000]");
  }

  const dropped: { quote: ProviderQuote; reason: DropReason }[] = [];
  const fresh: ProviderQuote[] = [];
  for (const quote of quotes) {
    if (quote.price <= 0n || quote.weight <= 0n) dropped.push({ quote, reason: "invalid" });
    else if (quote.timestamp < now - maxQuoteAge) dropped.push({ quote, reason: "stale" });
    else if (quote.timestamp > now + maxFutureSkew) dropped.push({ quote, reason: "future" });
    else fresh.push(quote);
  }
  if (fresh.length === 0) throw insufficient([], minQuotes, minProviders);

  // The filter counts each quote once: weighting it would let a provider holding most of the
  // GPU-hours set the MAD to zero and declare every other provider an outlier.
  const center = medianDown(fresh.map((q) => q.price));
  const deviation = (q: ProviderQuote) => (q.price > center ? q.price - center : center - q.price);
  const mad = medianDown(fresh.map(deviation));
  // Compare in units of 1 / (BPS × MAD_TO_SIGMA_SCALE) so that nothing is rounded.
  const sigmaBand = outlierThresholdBps * MAD_TO_SIGMA * mad;
  const floorBand = center * minBandBps * MAD_TO_SIGMA_SCALE;
  const band = sigmaBand > floorBand ? sigmaBand : floorBand;

  const used: ProviderQuote[] = [];
  for (const quote of fresh) {
    if (deviation(quote) * BPS * MAD_TO_SIGMA_SCALE > band) dropped.push({ quote, reason: "outlier" });
    else used.push(quote);
  }
  const providers = new Set(used.map((q) => q.provider)).size;
  if (used.length < minQuotes || providers < minProviders) throw insufficient(used, minQuotes, minProviders);

  // Keep `dropped` in input order whatever the stage that dropped a quote.
  const order = new Map(quotes.map((q, i) => [q, i]));
  dropped.sort((a, b) => (order.get(a.quote) as number) - (order.get(b.quote) as number));

  const weights = capProviderWeights(
    used.map((q) => q.provider),
    used.map((q) => q.weight),
    maxProviderShareBps,
  );
  return {
    price: weightedMedianDown(used.map((q, i) => ({ value: q.price, weight: weights[i] as bigint }))),
    used,
    weights,
    dropped,
    center,
    mad,
    totalWeight: used.reduce((sum, q) => sum + q.weight, 0n),
    providers,
  };
}

function insufficient(used: readonly ProviderQuote[], minQuotes: number, minProviders: number) {
  return new InsufficientQuotesError({
    quotes: used.length,
    providers: new Set(used.map((q) => q.provider)).size,
    minQuotes,
    minProviders,
  });
}
