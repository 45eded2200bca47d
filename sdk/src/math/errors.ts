/**
 * Errors of the pure math. `math/` does not import viem (it is shared with the contracts'
 * differential tests and usable anywhere), so these extend `Error`, not viem's `BaseError`; the
 * actions that call the math let them through unchanged. Each has a stable `name`.
 */

/** An input the function is not defined for (an empty list, a negative price, t1 < t0 …). */
export class MathInputError extends RangeError {
  override name = "MathInputError";
}

/** Too few quotes survive the filters to compute an index. */
export class InsufficientQuotesError extends Error {
  override name = "InsufficientQuotesError";
  readonly quotes: number;
  readonly providers: number;
  readonly minQuotes: number;
  readonly minProviders: number;

  constructor(args: { quotes: number; providers: number; minQuotes: number; minProviders: number }) {
    super(
      `Only ${args.quotes} quote(s) from ${args.providers} provider(s) remain after dropping stale, invalid and ` +
        `outlier quotes; the index needs at least ${args.minQuotes} quote(s) from ${args.minProviders} provider(s).`,
    );
    this.quotes = args.quotes;
    this.providers = args.providers;
    this.minQuotes = args.minQuotes;
    this.minProviders = args.minProviders;
  }
}
