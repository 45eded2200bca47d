import { describe, expect, it } from "vitest";
import { toCsv } from "../../indexer/src/api/csv.js";
import {
  ApiError,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  parseAddress,
  parseIndexKey,
  parseInteger,
  parseInterval,
  parseLimit,
  parseMarketId,
  parseOptionalBlockNumber,
  parseOptionalEventId,
  parseOptionalMarketId,
  parseOptionalRoundId,
  parseRoundId,
  parseTimestamp,
  toJson,
} from "../../indexer/src/api/validate.js";

function rejects(fn: () => unknown, status = 400): ApiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
    expect((error as ApiError).message.length).toBeGreaterThan(0);
    return error as ApiError;
  }
  throw new Error("expected an ApiError");
}

const H100_ID = "0x483130302d53584d2d5553442d48520000000000000000000000000000000000";

describe("parseIndexKey", () => {
  it("takes a name or a bytes32 id, returning the lowercase id", () => {
    expect(parseIndexKey("H100-SXM-USD-HR")).toBe(H100_ID);
    expect(parseIndexKey(H100_ID)).toBe(H100_ID);
    expect(parseIndexKey(H100_ID.toUpperCase().replace("0X", "0x"))).toBe(H100_ID);
  });

  it.each([
    undefined,
    "",
    "0x1234",
    `0x${"zz".repeat(32)}`,
    `0x${"00".repeat(33)}`,
    "A".repeat(33),
    " leading-space",
    "line\nbreak",
    "émoji",
  ])("refuses %j", (raw) => {
    rejects(() => parseIndexKey(raw));
  });

  it("does not echo a huge input back whole", () => {
    const error = rejects(() => parseIndexKey(`0x${"g".repeat(10_000)}`));
    expect(error.message.length).toBeLessThan(200);
  });
});

describe("parseAddress", () => {
  const checksummed = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  it("accepts lowercase, uppercase and checksummed addresses, as lowercase", () => {
    expect(parseAddress(checksummed)).toBe(checksummed.toLowerCase());
    expect(parseAddress(checksummed.toLowerCase())).toBe(checksummed.toLowerCase());
    expect(parseAddress(`0x${checksummed.slice(2).toUpperCase()}`)).toBe(checksummed.toLowerCase());
  });
  it.each([undefined, "", "0x123", "70997970C51812dc3A010C7d01b50e0d17dc79C8", `${checksummed}00`])(
    "refuses %j",
    (raw) => {
      rejects(() => parseAddress(raw));
    },
  );
  it("refuses a mixed-case address with a wrong checksum", () => {
    const error = rejects(() => parseAddress("0x70997970c51812dc3A010C7d01b50e0d17dc79C8"));
    expect(error.message).toMatch(/checksum/);
  });
});

describe("integers", () => {
  it("parses unsigned decimals within range", () => {
    expect(parseInteger("0", "x")).toBe(0n);
    expect(parseInteger("18446744073709551615", "x")).toBe((1n << 64n) - 1n);
    expect(parseTimestamp("4294967295", "t")).toBe(4_294_967_295);
    expect(parseRoundId("1")).toBe(1);
    expect(parseOptionalRoundId(undefined, "before")).toBeUndefined();
  });
  it.each(["-1", "1e3", "0x10", "1.5", " 1", "abc", "18446744073709551616", "9".repeat(100)])("refuses %j", (raw) => {
    rejects(() => parseInteger(raw, "x"));
  });
  it("checks the ranges of timestamps and round ids", () => {
    rejects(() => parseTimestamp("4294967296", "t"));
    rejects(() => parseRoundId("0"));
    rejects(() => parseRoundId("2147483648"));
    rejects(() => parseTimestamp(undefined, "t"));
  });
});

describe("parseLimit", () => {
  it("defaults, accepts up to the maximum, refuses more (never clips)", () => {
    expect(parseLimit(undefined)).toBe(DEFAULT_PAGE_SIZE);
    expect(parseLimit(String(MAX_PAGE_SIZE))).toBe(MAX_PAGE_SIZE);
    expect(rejects(() => parseLimit(String(MAX_PAGE_SIZE + 1))).message).toMatch(/largest page size/);
    rejects(() => parseLimit("0"));
  });
});

describe("event ids and JSON", () => {
  it("accepts 75-digit event ids only", () => {
    expect(parseOptionalEventId("1".repeat(75), "before")).toBe("1".repeat(75));
    expect(parseOptionalEventId(undefined, "before")).toBeUndefined();
    rejects(() => parseOptionalEventId("123", "before"));
    rejects(() => parseOptionalEventId("x".repeat(75), "before"));
  });
  it("writes bigints as decimal strings", () => {
    expect(toJson({ a: 1n << 100n, b: [2n], c: "x" })).toEqual({ a: (1n << 100n).toString(), b: ["2"], c: "x" });
  });
});

describe("block numbers", () => {
  it("accepts blocks up to the indexed head; a later one is a 422", () => {
    expect(parseOptionalBlockNumber("10", "block", 10n)).toBe(10n);
    expect(parseOptionalBlockNumber(undefined, "block", 10n)).toBeUndefined();
    expect(rejects(() => parseOptionalBlockNumber("11", "block", 10n), 422).message).toMatch(/not indexed yet/);
    rejects(() => parseOptionalBlockNumber("-1", "block", 10n));
    rejects(() => parseOptionalBlockNumber("latest", "block", 10n));
  });
});

describe("toCsv", () => {
  it("writes RFC 4180 lines, quoting where needed and defusing formulas", () => {
    const csv = toCsv(
      ["a", "b", "c"],
      [
        [1n, "x,y", 'say "hi"'],
        [-5, "=SUM(A1)", ["0xab", "0xcd"]],
        [null, true, "+1"],
      ],
    );
    expect(csv).toBe('a,b,c\r\n1,"x,y","say ""hi"""\r\n-5,\'=SUM(A1),0xab 0xcd\r\n,true,\'+1\r\n');
    expect(() => toCsv(["a"], [[1, 2]])).toThrow(/fields/);
  });
});

describe("market ids and candle intervals", () => {
  it("accepts market ids 1 to 65,535", () => {
    expect(parseMarketId("1")).toBe(1n);
    expect(parseMarketId("65535")).toBe(65_535n);
    expect(parseOptionalMarketId(undefined)).toBeUndefined();
    expect(parseOptionalMarketId("")).toBeUndefined();
  });
  it("refuses anything else with a 400", () => {
    for (const raw of [undefined, "", "0", "65536", "-1", "1.5", "0x1", "abc", "1".repeat(100)]) {
      rejects(() => parseMarketId(raw));
    }
  });
  it("parses 1m, 1h, 1d (default 1m)", () => {
    expect(parseInterval(undefined)).toBe("1m");
    expect(parseInterval("1h")).toBe("1h");
    expect(parseInterval("1d")).toBe("1d");
    for (const raw of ["5m", "1M", "toString", "__proto__"]) rejects(() => parseInterval(raw));
  });
});
