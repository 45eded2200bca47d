/**
 * Order ids: the layout of OrderLib.id / decodeId (contracts/types/Order.sol), and what a `Fill`
 * event's order id says about the trade. Against the chain: getOrderBook.test.ts decodes the id of
 * every `OrderPlaced` and compares it with the clearing house's own `orderOf(id)`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MathInputError } from "./errors.js";
import { decodeFill, decodeOrderId, encodeOrderId } from "./orderId.js";

const part = {
  marketId: fc.bigInt({ min: 0n, max: 2n ** 16n - 1n }),
  isBid: fc.boolean(),
  tick: fc.bigInt({ min: 0n, max: 2n ** 22n - 1n }),
  index: fc.bigInt({ min: 0n, max: 2n ** 24n - 1n }),
};

describe("decodeOrderId", () => {
  it("reads the layout: index [0, 24), tick [24, 46), side [46], market [47, …)", () => {
    // Market 3, a bid at tick 2,000 (2.000 at a tick of 0.001), the 6th order of its level.
    const id = (3n << 47n) | (1n << 46n) | (2_000n << 24n) | 5n;
    expect(decodeOrderId(id)).toEqual({ marketId: 3n, isBid: true, tick: 2_000n, index: 5n });
    expect(decodeOrderId((1n << 47n) | (2_000n << 24n))).toEqual({
      marketId: 1n,
      isBid: false,
      tick: 2_000n,
      index: 0n,
    });
    expect(decodeOrderId(0n)).toEqual({ marketId: 0n, isBid: false, tick: 0n, index: 0n });
  });

  it("inverts encodeOrderId (OrderLib.id), and the other way round on any 63-bit id", () => {
    fc.assert(
      fc.property(part.marketId, part.isBid, part.tick, part.index, (marketId, isBid, tick, index) => {
        const parts = { marketId, isBid, tick, index };
        expect(decodeOrderId(encodeOrderId(parts))).toEqual(parts);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), (id) => {
        expect(encodeOrderId(decodeOrderId(id))).toBe(id);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses what no order id can be", () => {
    expect(() => decodeOrderId(-1n)).toThrow(MathInputError);
    expect(() => encodeOrderId({ marketId: 1n, isBid: true, tick: 2n ** 22n, index: 0n })).toThrow(MathInputError);
    expect(() => encodeOrderId({ marketId: 1n, isBid: true, tick: 1n, index: 2n ** 24n })).toThrow(MathInputError);
    expect(() => encodeOrderId({ marketId: -1n, isBid: true, tick: 1n, index: 0n })).toThrow(MathInputError);
  });
});

describe("decodeFill", () => {
  const tickSize = 1_000n;
  it("a bid filled: the maker bought, the taker sold (takerSize < 0), at tick × tick size", () => {
    const id = encodeOrderId({ marketId: 2n, isBid: true, tick: 1_990n, index: 0n });
    expect(decodeFill(id, 40n, tickSize)).toEqual({
      marketId: 2n,
      makerIsBid: true,
      price: 1_990_000n,
      takerSize: -40n,
    });
  });

  it("an ask filled: the taker bought (takerSize > 0)", () => {
    const id = encodeOrderId({ marketId: 1n, isBid: false, tick: 2_200n, index: 7n });
    expect(decodeFill(id, 40n, tickSize)).toEqual({
      marketId: 1n,
      makerIsBid: false,
      price: 2_200_000n,
      takerSize: 40n,
    });
  });

  it("refuses a negative size or tick size", () => {
    expect(() => decodeFill(1n, -1n, tickSize)).toThrow(MathInputError);
    expect(() => decodeFill(1n, 1n, -1n)).toThrow(MathInputError);
  });
});
