/** Whole-transaction gas targets set by the issues; the bench marks figures above them. */
export const targets: Record<string, number> = {
  "oracle.submit.3sig": 80_000,
};
