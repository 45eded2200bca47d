/** Whole-transaction gas targets set by the issues; the bench marks figures above them. */
export const targets: Record<string, number> = {
  "oracle.submit.3sig": 80_000,
  // issue 3: clearing house
  "ch.deposit": 60_000,
  "ch.deposit.first": 80_000,
  "ch.withdraw": 60_000,
  "ch.liquidate": 120_000,
  "ch.finalizeSettlement": 70_000,
  "ch.claimSettlement": 50_000,
};
