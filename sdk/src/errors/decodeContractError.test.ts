import fc from "fast-check";
import {
  type Abi,
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeAbiParameters,
  encodeErrorResult,
  getAddress,
  type Hex,
  toFunctionSelector,
  toHex,
  UserRejectedRequestError,
} from "viem";
import { describe, expect, it } from "vitest";
import { capacityTokenAbi, clearingHouseAbi, indexOracleAbi, orderBookAbi } from "../generated/abis.js";
import { toIndexId } from "../oracle/indexId.js";
import { ComputusContractError } from "./base.js";
import { CapacityInvalidWindowError } from "./capacity.js";
import { InsufficientMarginError, MarketNotTradingError, PriceNotOnTickError } from "./clearingHouse.js";
import { ContractRevertedError, UnknownContractError } from "./contract.js";
import {
  contractErrorsAbi,
  decodeContractError,
  decodeErrorData,
  isKnownContractError,
} from "./decodeContractError.js";
import {
  MoveTooLargeError,
  QuorumNotMetError,
  SignersNotAscendingError,
  StaleIndexError,
  TimestampNotIncreasingError,
} from "./oracle.js";

const H100 = toIndexId("H100-SXM-USD-HR");
const ALICE = "0x00000000000000000000000000000000000A11cE";
const BOB = "0x0000000000000000000000000000000000000B0b";

type AbiInput = { type: string };
/** A plausible value of an ABI type, for encoding test errors. */
function sample(input: AbiInput, i: number): unknown {
  if (input.type === "bytes32") return H100;
  if (input.type === "address") return i % 2 === 0 ? ALICE : BOB;
  if (input.type === "bool") return true;
  if (input.type === "string") return "Computus Index Oracle";
  if (input.type === "uint8" || input.type === "uint16") return BigInt(3 + i);
  if (input.type.startsWith("uint")) return BigInt(1_790_000_000 + i);
  if (input.type.startsWith("int")) return -5n;
  throw new Error(`no sample for ${input.type}`);
}
const toJs = (input: AbiInput, value: unknown) => {
  const bits = Number(input.type.replace(/^u?int/, "") || 256);
  return /^u?int/.test(input.type) && bits <= 48 ? Number(value) : value;
};

const oracleErrors = indexOracleAbi.filter((item) => item.type === "error");

describe("decodeErrorData", () => {
  it("covers the 31 custom errors of IndexOracle (its own 27 and OpenZeppelin's 4)", () => {
    expect(oracleErrors.length).toBe(31);
    for (const item of oracleErrors) expect(isKnownContractError(item.name), item.name).toBe(true);
  });

  it.each(oracleErrors.map((item) => [item.name, item] as const))("maps %s to a typed error", (name, item) => {
    const args = item.inputs.map(sample);
    const data = encodeErrorResult({ abi: [item] as Abi, errorName: name, args });
    const error = decodeErrorData(data);
    expect(error).toBeInstanceOf(ComputusContractError);
    expect(error).toBeInstanceOf(BaseError);
    const typed = error as ComputusContractError;
    expect(typed.name).toBe(`${name}Error`);
    expect(typed.errorName).toBe(name);
    expect(typed.args).toEqual(item.inputs.map((input, i) => toJs(input, args[i])));
    expect(typed.shortMessage).not.toMatch(/undefined|NaN|\[object/);
    if (item.inputs.some((input) => input.name === "indexId")) expect(typed.shortMessage).toContain("H100-SXM-USD-HR");
    // Named fields mirror the error's parameters.
    for (const [i, input] of item.inputs.entries()) {
      expect((typed as unknown as Record<string, unknown>)[input.name], input.name).toEqual(toJs(input, args[i]));
    }
  });

  it("decodes every error's arguments exactly, whatever their values", () => {
    const arbitrary = (type: string): fc.Arbitrary<unknown> => {
      if (type === "bytes32") return fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => toHex(b));
      if (type === "address") return fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(toHex(b)));
      if (type === "bool") return fc.boolean();
      if (type === "string") return fc.string();
      const bits = BigInt(type.replace(/^u?int/, "") || 256);
      if (type.startsWith("uint")) return fc.bigInt({ min: 0n, max: (1n << bits) - 1n });
      return fc.bigInt({ min: -(1n << (bits - 1n)), max: (1n << (bits - 1n)) - 1n });
    };
    for (const item of oracleErrors) {
      fc.assert(
        fc.property(fc.tuple(...item.inputs.map((input) => arbitrary(input.type))), (args) => {
          const data = encodeErrorResult({ abi: [item] as Abi, errorName: item.name, args });
          const error = decodeErrorData(data) as ComputusContractError;
          expect(error.errorName).toBe(item.name);
          expect(error.args).toEqual(item.inputs.map((input, i) => toJs(input, args[i])));
          expect(error.shortMessage.length).toBeGreaterThan(10);
        }),
        { numRuns: 20 },
      );
    }
  });

  it("explains the errors an oracle publisher meets", () => {
    const quorum = decodeErrorData(
      encodeErrorResult({ abi: indexOracleAbi, errorName: "QuorumNotMet", args: [H100, 1n, 3] }),
    );
    expect(quorum).toBeInstanceOf(QuorumNotMetError);
    expect(quorum.shortMessage).toBe(
      "The round for H100-SXM-USD-HR carries 1 publisher signature(s); the index needs at least 3.",
    );

    const move = decodeErrorData(
      encodeErrorResult({ abi: indexOracleAbi, errorName: "MoveTooLarge", args: [2_000_000n, 2_500_000n, 1_000] }),
    );
    expect(move).toBeInstanceOf(MoveTooLargeError);
    expect(move.shortMessage).toBe(
      "The price moved from 2000000 to 2500000 (+25.00%), more than the 10.00% a round may move without the guardian's confirmation.",
    );

    const duplicate = decodeErrorData(
      encodeErrorResult({ abi: indexOracleAbi, errorName: "SignersNotAscending", args: [ALICE, ALICE] }),
    );
    expect(duplicate).toBeInstanceOf(SignersNotAscendingError);
    expect(duplicate.shortMessage).toContain("signed the round twice");

    const replay = decodeErrorData(
      encodeErrorResult({
        abi: indexOracleAbi,
        errorName: "TimestampNotIncreasing",
        args: [1_796_212_800, 1_796_212_800],
      }),
    );
    expect(replay).toBeInstanceOf(TimestampNotIncreasingError);
    expect(replay.shortMessage).toContain("2026-12-02T12:00:00Z");

    const stale = decodeErrorData(
      encodeErrorResult({
        abi: indexOracleAbi,
        errorName: "StaleIndex",
        args: [H100, 1_796_212_800, 200_000n, 172_800],
      }),
    );
    expect(stale).toBeInstanceOf(StaleIndexError);
    expect(stale.shortMessage).toBe(
      "Index H100-SXM-USD-HR is stale: its last price, at 2026-12-02T12:00:00Z, is 2d 7h 33m 20s old and the limit is 2d.",
    );
  });

  it("maps Error(string), Panic and empty data to ContractRevertedError", () => {
    const reason = decodeErrorData(
      `0x08c379a0${encodeAbiParameters([{ type: "string" }], ["Ownable: caller is not the owner"]).slice(2)}`,
    );
    expect(reason).toBeInstanceOf(ContractRevertedError);
    expect((reason as ContractRevertedError).reason).toBe("Ownable: caller is not the owner");

    const panic = decodeErrorData(`0x4e487b71${encodeAbiParameters([{ type: "uint256" }], [0x11n]).slice(2)}`);
    expect(panic).toBeInstanceOf(ContractRevertedError);
    expect(panic.shortMessage).toContain("overflowed");

    expect(decodeErrorData("0x")).toBeInstanceOf(ContractRevertedError);
  });

  it("maps an unknown selector to UnknownContractError", () => {
    const selector = toFunctionSelector("SomethingElse(uint256)");
    const error = decodeErrorData(`${selector}${"00".repeat(32)}` as Hex);
    expect(error).toBeInstanceOf(UnknownContractError);
    expect((error as UnknownContractError).selector).toBe(selector);
  });

  it("has one signature per error name across the registered contracts, but for InvalidWindow", () => {
    const names = contractErrorsAbi.map((item) => item.name);
    const repeated = names.filter((name, i) => names.indexOf(name) !== i);
    expect(repeated).toEqual(["InvalidWindow"]);
  });

  it("tells the oracle's InvalidWindow from the capacity token's by signature", () => {
    const oracle = decodeErrorData(
      encodeErrorResult({ abi: indexOracleAbi, errorName: "InvalidWindow", args: [10n, 5n] }),
    );
    const capacity = decodeErrorData(
      encodeErrorResult({ abi: capacityTokenAbi, errorName: "InvalidWindow", args: [10, 5] }),
    );
    expect(oracle.name).toBe("InvalidWindowError");
    expect(capacity).toBeInstanceOf(CapacityInvalidWindowError);
    expect(capacity.shortMessage).toContain("Delivery window");
  });

  it("maps every error of the clearing house, its order books' included, to a typed error", () => {
    const errors = clearingHouseAbi.filter((item) => item.type === "error");
    const bookErrors = orderBookAbi.filter((item) => item.type === "error").map((item) => item.name);
    expect(bookErrors).toEqual(expect.arrayContaining(["UnknownOrder", "NotOrderOwner", "LevelFull", "ZeroSize"]));
    expect(errors.map((item) => item.name)).toEqual(expect.arrayContaining(bookErrors));
    for (const item of errors) {
      const args = item.inputs.map(sample);
      const error = decodeErrorData(encodeErrorResult({ abi: [item] as Abi, errorName: item.name, args }));
      expect(error, item.name).toBeInstanceOf(ComputusContractError);
      expect((error as ComputusContractError).errorName).toBe(item.name);
      expect(error.shortMessage, item.name).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  it("decodes the clearing house's and order book's errors with a trader's message", () => {
    const margin = decodeErrorData(
      encodeErrorResult({
        abi: clearingHouseAbi,
        errorName: "InsufficientMargin",
        args: [ALICE, 100n, 250n],
      }),
    );
    expect(margin).toBeInstanceOf(InsufficientMarginError);
    expect((margin as InsufficientMarginError).required).toBe(250n);
    expect(margin.shortMessage).toContain("Insufficient margin");
    const tick = decodeErrorData(
      encodeErrorResult({ abi: orderBookAbi, errorName: "PriceNotOnTick", args: [1_500n, 1_000n] }),
    );
    expect(tick).toBeInstanceOf(PriceNotOnTickError);
    expect(tick.shortMessage).toBe("Price 1500 is off tick: it must be a positive multiple of the tick size 1000.");
    const expired = decodeErrorData(
      encodeErrorResult({ abi: clearingHouseAbi, errorName: "MarketNotTrading", args: [3n, 3] }),
    );
    expect(expired).toBeInstanceOf(MarketNotTradingError);
    expect(expired.shortMessage).toBe("Market 3 does not trade: it has expired (its window has ended).");
  });
});

describe("decodeContractError", () => {
  const data = encodeErrorResult({ abi: indexOracleAbi, errorName: "QuorumNotMet", args: [H100, 2n, 3] });

  it("finds the revert in viem's error chain and keeps the original as cause", () => {
    const reverted = new ContractFunctionRevertedError({ abi: indexOracleAbi, data, functionName: "submit" });
    const execution = new ContractFunctionExecutionError(reverted, {
      abi: indexOracleAbi,
      functionName: "submit",
      args: [H100, 1, []],
      contractAddress: ALICE,
    });
    const error = decodeContractError(execution);
    expect(error).toBeInstanceOf(QuorumNotMetError);
    expect((error as QuorumNotMetError).cause).toBe(execution);
    expect((error as QuorumNotMetError).provided).toBe(2n);
  });

  it("finds revert data on a provider's error (`data` or `data.data`)", () => {
    const flat = Object.assign(new Error("execution reverted"), { data });
    expect(decodeContractError(flat)).toBeInstanceOf(QuorumNotMetError);
    const nested = Object.assign(new Error("execution reverted"), { data: { message: "reverted", data } });
    expect(decodeContractError(nested)).toBeInstanceOf(QuorumNotMetError);
    const deep = new Error("outer", { cause: flat });
    expect(decodeContractError(deep)).toBeInstanceOf(QuorumNotMetError);
  });

  it("returns errors that are not reverts unchanged", () => {
    const rejected = new UserRejectedRequestError(new Error("user said no"));
    expect(decodeContractError(rejected)).toBe(rejected);
    const network = new Error("fetch failed");
    expect(decodeContractError(network)).toBe(network);
    const emptyData = Object.assign(new Error("rpc"), { data: "0x" });
    expect(decodeContractError(emptyData)).toBe(emptyData);
    expect(decodeContractError("a string")).toBe("a string");
  });

  it("recognises a revert without data when viem reports one", () => {
    const reverted = new ContractFunctionRevertedError({ abi: indexOracleAbi, data: "0x", functionName: "submit" });
    expect(decodeContractError(reverted)).toBeInstanceOf(ContractRevertedError);
  });
});
