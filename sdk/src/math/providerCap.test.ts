import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MathInputError } from "./errors.js";
import { capProviderWeights } from "./providerCap.js";

function providerTotals(providers: readonly string[], weights: readonly bigint[]): Map<string, bigint> {
  const totals = new Map<string, bigint>();
  for (const [i, p] of providers.entries()) totals.set(p, (totals.get(p) ?? 0n) + (weights[i] as bigint));
  return totals;
}

const quotesArb = fc.array(
  fc.record({
    provider: fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h"),
    weight: fc.bigInt({ min: 1n, max: 1n << 40n }),
  }),
  { minLength: 1, maxLength: 30 },
);

describe("capProviderWeights", () => {
  it("brings a dominant provider down to the cap and spreads the rest in proportion", () => {
    // a: 70, b: 10, c: 10, d: 10, cap 40 %: a gets 40 %, b, c, d 20 % each.
    const weights = capProviderWeights(["a", "b", "c", "d"], [70n, 10n, 10n, 10n], 4_000n);
    const total = weights.reduce((x, y) => x + y, 0n);
    expect(weights.map((w) => (w * 100n) / total)).toEqual([40n, 20n, 20n, 20n]);
  });

  it("gives equal totals when the cap cannot hold", () => {
    const weights = capProviderWeights(["a", "a", "b"], [30n, 10n, 5n], 2_500n);
    expect((weights[0] as bigint) + (weights[1] as bigint)).toBe(weights[2]);
    expect(weights[0]).toBe((weights[1] as bigint) * 3n);
  });

  it("rejects bad input", () => {
    expect(() => capProviderWeights(["a"], [1n, 2n], 5_000n)).toThrow(MathInputError);
    expect(() => capProviderWeights(["a"], [0n], 5_000n)).toThrow(MathInputError);
    expect(() => capProviderWeights(["a"], [1n], 0n)).toThrow(MathInputError);
    expect(() => capProviderWeights(["a"], [1n], 10_001n)).toThrow(MathInputError);
  });

  it("holds every provider at or below the cap when it can, keeping proportions elsewhere", () => {
    fc.assert(
      fc.property(quotesArb, fc.bigInt({ min: 500n, max: 10_000n }), (quotes, cap) => {
        const providers = quotes.map((q) => q.provider);
        const original = quotes.map((q) => q.weight);
        const capped = capProviderWeights(providers, original, cap);
        expect(capped.every((w) => w > 0n)).toBe(true);
        const before = providerTotals(providers, original);
        const after = providerTotals(providers, capped);
        const total = [...after.values()].reduce((a, b) => a + b, 0n);
        const feasible = BigInt(before.size) * cap >= 10_000n;
        for (const [p, w] of after) {
          if (feasible) expect(w * 10_000n <= cap * total, `${p} above cap`).toBe(true);
          else expect(w).toBe(after.values().next().value);
        }
        // Within a provider, quotes keep their proportions.
        for (let i = 0; i < quotes.length; i++) {
          for (let j = i + 1; j < quotes.length; j++) {
            if (providers[i] !== providers[j]) continue;
            expect((capped[i] as bigint) * (original[j] as bigint)).toBe(
              (capped[j] as bigint) * (original[i] as bigint),
            );
          }
        }
        // Providers below the cap keep their proportions to each other, and are never cut below
        // a capped provider's total.
        if (feasible) {
          const maxAfter = [...after.values()].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))[0] as bigint;
          const uncapped = [...after].filter(([, w]) => w * 10_000n < cap * total);
          for (const [p, w] of uncapped) {
            for (const [q, v] of uncapped) {
              expect(w * (before.get(q) as bigint)).toBe(v * (before.get(p) as bigint));
            }
            expect(w <= maxAfter).toBe(true);
          }
        }
      }),
    );
  });

  it("with no cap (10_000) keeps the weights' proportions", () => {
    fc.assert(
      fc.property(quotesArb, (quotes) => {
        const capped = capProviderWeights(
          quotes.map((q) => q.provider),
          quotes.map((q) => q.weight),
          10_000n,
        );
        for (let i = 1; i < quotes.length; i++) {
          expect((capped[i] as bigint) * (quotes[0]?.weight as bigint)).toBe(
            (capped[0] as bigint) * (quotes[i]?.weight as bigint),
          );
        }
      }),
    );
  });
});
