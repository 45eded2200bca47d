import { MathInputError } from "./errors.js";

const BPS = 10_000n;

/**
 * Caps each provider's share of the total weight at `maxShareBps`, as capped indexes do, so that
 * no single provider sets a weighted median by listing most of the GPU-hours. Exact (bigint).
 *
 * - Providers above the cap are brought down to it; the weight they lose goes to the others in
 *   proportion to their weights (capping repeats until no provider is above the cap).
 * - Within a provider, its quotes keep their proportions.
 * - When the cap cannot hold (fewer than 10_000 / maxShareBps providers), every provider gets the
 *   same total weight: the closest to the cap there is.
 *
 * @param providers The provider of each quote.
 * @param weights The weight of each quote (> 0), same order.
 * @returns The capped weights, same order, in lowest terms (only their ratios matter).
 * @throws {MathInputError} when the lists differ in length, a weight is ≤ 0, or the cap is not in (0, 10_000].
 */
export function capProviderWeights(
  providers: readonly string[],
  weights: readonly bigint[],
  maxShareBps: bigint,
): bigint[] {
  if (providers.length !== weights.length) throw new MathInputError("capProviderWeights: lists differ in length");
  if (maxShareBps <= 0n || maxShareBps > BPS) throw new MathInputError("capProviderWeights: cap not in (0, 10_000]");
  const totals = new Map<string, bigint>();
  for (const [i, provider] of providers.entries()) {
    const weight = weights[i] as bigint;
    if (weight <= 0n) throw new MathInputError("capProviderWeights: weight must be positive");
    totals.set(provider, (totals.get(provider) ?? 0n) + weight);
  }
  const n = BigInt(totals.size);

  // Scale of provider p's quotes: final total of p = W_p × scale_p / divisor_p.
  let scaleOf: (provider: string) => { num: bigint; den: bigint };
  if (n * maxShareBps < BPS) {
    // Infeasible cap: equal totals. Quote weight w × (1 / W_p).
    scaleOf = (provider) => ({ num: 1n, den: totals.get(provider) as bigint });
  } else {
    const capped = new Set<string>();
    let uncappedTotal = [...totals.values()].reduce((a, b) => a + b, 0n);
    for (;;) {
      // Each capped provider's total X solves X = cap × (U + k X), i.e. X = cap U / (1 − k cap).
      const room = BPS - BigInt(capped.size) * maxShareBps;
      const over = [...totals].filter(([p, w]) => !capped.has(p) && w * room > maxShareBps * uncappedTotal);
      if (over.length === 0) break;
      for (const [p, w] of over) {
        capped.add(p);
        uncappedTotal -= w;
      }
    }
    const room = BPS - BigInt(capped.size) * maxShareBps;
    // Uncapped: total W_p × room. Capped: total cap × U, so a quote gets w × cap U / W_p.
    scaleOf = (provider) =>
      capped.has(provider)
        ? { num: maxShareBps * uncappedTotal, den: totals.get(provider) as bigint }
        : { num: room, den: 1n };
  }

  // Bring every fraction to one denominator (the product of the distinct denominators).
  const denominators = new Set([...totals.keys()].map((p) => scaleOf(p).den));
  const common = [...denominators].reduce((a, b) => a * b, 1n);
  const scaled = providers.map((provider, i) => {
    const { num, den } = scaleOf(provider);
    return (weights[i] as bigint) * num * (common / den);
  });
  // Only ratios matter: divide by the greatest common divisor to keep the numbers small.
  const divisor = scaled.reduce(gcd, 0n);
  return divisor > 1n ? scaled.map((w) => w / divisor) : scaled;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
