/**
 * Published gas figures of other venues for the operations the bench measures, printed beside
 * ours by `npm run bench:gas`. Each figure, its method and its source (repository and commit, or
 * page) are in docs/gas-comparison.md, Table A; keep the two in step. Not re-run by us.
 */
export type GasReference = {
  /** Venue and the action measured there. */
  readonly venue: string;
  readonly gas: number;
  /** How it was measured (whole transaction, test total, analogy…). */
  readonly measures: string;
};

export const gasReferences: Record<string, readonly GasReference[]> = {
  "ch.deposit": [
    { venue: "Morpho Blue pre-release PoC depositCollateral", gas: 91_089, measures: "whole tx, avg, PoC" },
    { venue: "Kwenta SM v3 → Synthetix v3 deposit", gas: 433_700, measures: "test total, exec" },
    { venue: "Derive (Lyra v2) DepositModule", gas: 270_794, measures: "test total, exec" },
  ],
  "ch.withdraw": [
    { venue: "Morpho Blue pre-release PoC withdrawCollateral", gas: 94_172, measures: "whole tx, avg, PoC" },
  ],
  "book.place.newLevel": [
    { venue: "Uniswap v4 addLiquidity, fresh range", gas: 161_276, measures: "isolated tx, AMM analogy" },
  ],
  "book.place.existingLevel": [
    { venue: "Uniswap v4 addLiquidity, same range again", gas: 98_731, measures: "isolated tx, AMM analogy" },
  ],
  "book.cancel": [{ venue: "Uniswap v4 removeLiquidity", gas: 85_099, measures: "isolated tx, AMM analogy" }],
  "book.market.fill1": [
    { venue: "Clober v2 take, 1 maker (spot)", gas: 153_941, measures: "whole tx, anvil fork" },
    { venue: "Crystal take, 1 maker (spot)", gas: 143_854, measures: "whole tx, anvil fork" },
    { venue: "Kuru take, 1 maker (spot)", gas: 143_738, measures: "whole tx, anvil fork" },
    { venue: "GTE take, 1 maker (spot)", gas: 217_158, measures: "whole tx, anvil fork" },
    { venue: "Uniswap v4 swap via V4Router", gas: 134_382, measures: "isolated tx, AMM reference" },
  ],
  "book.market.fill10sameLevel": [
    { venue: "Clober v2 take, 10 makers (claims later)", gas: 153_941, measures: "whole tx, anvil fork" },
    { venue: "Crystal take, 10 makers (spot)", gas: 228_627, measures: "whole tx, anvil fork" },
    { venue: "Kuru take, 10 makers (spot)", gas: 287_695, measures: "whole tx, anvil fork" },
    { venue: "GTE take, 10 makers (spot)", gas: 556_155, measures: "whole tx, anvil fork" },
  ],
  "ch.liquidate": [{ venue: "Morpho Blue pre-release PoC liquidate", gas: 116_655, measures: "whole tx, avg, PoC" }],
};
