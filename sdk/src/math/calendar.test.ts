import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { businessSecondsBetween, businessTime, DAY, indexAge, WEEK } from "./calendar.js";
import { MathInputError } from "./errors.js";

const HOUR = 3_600n;
const at = (iso: string) => BigInt(Date.parse(iso) / 1000);

/** Reference: walk day by day and count the seconds that fall on Monday to Friday (UTC). */
function bruteBusinessSeconds(t0: bigint, t1: bigint): bigint {
  let sum = 0n;
  let t = t0;
  while (t < t1) {
    const dayStart = t - (t % DAY);
    const end = dayStart + DAY < t1 ? dayStart + DAY : t1;
    const weekday = new Date(Number(dayStart) * 1000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) sum += end - t;
    t = end;
  }
  return sum;
}

const uint32 = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n });

describe("business-day calendar", () => {
  it("counts Friday noon to Monday noon as one business day", () => {
    expect(businessSecondsBetween(at("2026-11-27T12:00:00Z"), at("2026-11-30T12:00:00Z"))).toBe(DAY);
  });

  it("counts nothing over a weekend", () => {
    expect(businessSecondsBetween(at("2026-11-28T00:00:00Z"), at("2026-11-30T00:00:00Z"))).toBe(0n);
    expect(businessSecondsBetween(at("2026-11-28T09:30:00Z"), at("2026-11-29T23:59:59Z"))).toBe(0n);
  });

  it("counts Wednesday to Thursday in full", () => {
    expect(businessSecondsBetween(at("2026-11-25T08:00:00Z"), at("2026-11-26T10:00:00Z"))).toBe(DAY + 2n * HOUR);
  });

  it("starts B(t) on a Monday: the epoch (a Thursday) is 3 business days in", () => {
    expect(businessTime(0n)).toBe(3n * DAY);
    expect(businessTime(2n * DAY)).toBe(5n * DAY); // Saturday 1970-01-03
    expect(businessTime(4n * DAY)).toBe(5n * DAY); // Monday 1970-01-05
  });

  it("rejects t1 < t0 and negative times", () => {
    expect(() => businessSecondsBetween(10n, 9n)).toThrow(MathInputError);
    expect(() => businessTime(-1n)).toThrow(MathInputError);
    expect(() => indexAge(10n, 9n, false)).toThrow(MathInputError);
  });

  it("equals a day-by-day count of Monday-to-Friday seconds", () => {
    fc.assert(
      fc.property(uint32, fc.bigInt({ min: 0n, max: 400n * DAY }), (t0, span) => {
        expect(businessSecondsBetween(t0, t0 + span)).toBe(bruteBusinessSeconds(t0, t0 + span));
      }),
      { numRuns: 500 },
    );
  });

  it("is additive and counts 5 days in any full week", () => {
    fc.assert(
      fc.property(uint32, uint32, uint32, (a, b, c) => {
        const [t0, t1, t2] = [a, b, c].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)) as [bigint, bigint, bigint];
        expect(businessSecondsBetween(t0, t1) + businessSecondsBetween(t1, t2)).toBe(businessSecondsBetween(t0, t2));
        expect(businessSecondsBetween(t0, t0 + WEEK)).toBe(5n * DAY);
        expect(businessSecondsBetween(t0, t1) <= t1 - t0).toBe(true);
      }),
    );
  });

  it("indexAge is plain seconds unless the index counts business days only", () => {
    const friday = at("2026-11-27T18:00:00Z");
    const monday = at("2026-11-30T06:00:00Z");
    expect(indexAge(friday, monday, false)).toBe(60n * HOUR);
    expect(indexAge(friday, monday, true)).toBe(12n * HOUR);
  });
});
