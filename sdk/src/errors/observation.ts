import type { Address, Hex } from "viem";
import { formatIndexId, formatTimestamp } from "../utils/format.js";
import { ComputusError } from "./base.js";

/** An observation's fields are out of the range the oracle accepts (checked before signing). */
export class InvalidObservationError extends ComputusError {
  readonly field: string;
  constructor({ field, reason }: { field: string; reason: string }) {
    super(`Invalid observation: ${field} ${reason}.`, { name: "InvalidObservationError" });
    this.field = field;
  }
}

/** A round needs at least one observation. */
export class EmptyRoundError extends ComputusError {
  constructor() {
    super("A round needs at least one signed observation.", { name: "EmptyRoundError" });
  }
}

/** Two observations of a round come from the same publisher: the oracle counts each publisher once. */
export class DuplicateSignerError extends ComputusError {
  readonly signer: Address;
  constructor({ signer }: { signer: Address }) {
    super(`Publisher ${signer} signed this round more than once: keep one observation per publisher.`, {
      name: "DuplicateSignerError",
    });
    this.signer = signer;
  }
}

/** Observations of one round must all be for the same oracle, chain, index and time. */
export class MismatchedObservationError extends ComputusError {
  readonly signer: Address;
  readonly field: "oracle" | "chainId" | "indexId" | "timestamp";
  constructor({
    signer,
    field,
    expected,
    actual,
  }: {
    signer: Address;
    field: "oracle" | "chainId" | "indexId" | "timestamp";
    expected: string | number | bigint;
    actual: string | number | bigint;
  }) {
    const show = (value: string | number | bigint) =>
      field === "indexId"
        ? formatIndexId(value as Hex)
        : field === "timestamp"
          ? formatTimestamp(value as number)
          : String(value);
    super(
      `The observation from ${signer} is for ${field} ${show(actual)}, but the round is for ${show(expected)}: ` +
        "every publisher must sign the same oracle, chain, index and time.",
      { name: "MismatchedObservationError" },
    );
    this.signer = signer;
    this.field = field;
  }
}
