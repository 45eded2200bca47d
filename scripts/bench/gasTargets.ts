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
  // issue 8: covered shorts (first post: two cover slots, the position's flag, the custody balance)
  "ch.postCapacityCollateral": 160_000,
  // issue 4: order book (further makers/levels: ≤ fill1 + 9 × 15,000 / 9 × 25,000)
  "book.place.newLevel": 90_000,
  "book.place.existingLevel": 70_000,
  "book.cancel": 40_000,
  "book.market.fill1": 120_000,
  "book.market.fill10sameLevel": 120_000 + 9 * 15_000,
  "book.market.fill10levels": 120_000 + 9 * 25_000,
};
