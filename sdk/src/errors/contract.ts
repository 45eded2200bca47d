import { type Hex, slice } from "viem";
import { ComputusContractError, ComputusError } from "./base.js";

/** A contract reverted with `Error(string)`, a `Panic`, or no data at all. */
export class ContractRevertedError extends ComputusContractError {
  /** The revert reason string, or the panic's description, when there is one. */
  readonly reason: string | undefined;
  constructor({
    reason,
    errorName = "",
    args = [],
    cause,
  }: { reason?: string | undefined; errorName?: string; args?: readonly unknown[]; cause?: Error | undefined }) {
    super(
      reason
        ? `The transaction was rejected by the contract: ${reason}.`
        : "The transaction was rejected by the contract without a reason.",
      {
        name: "ContractRevertedError",
        errorName,
        args,
        cause,
      },
    );
    this.reason = reason;
  }
}

/** A contract reverted with a custom error the SDK does not know (its selector is in no known ABI). */
export class UnknownContractError extends ComputusError {
  readonly data: Hex;
  readonly selector: Hex;
  constructor({ data, cause }: { data: Hex; cause?: Error | undefined }) {
    const selector = data.length >= 10 ? slice(data, 0, 4) : data;
    super(`The transaction was rejected by the contract with an error this SDK does not know (selector ${selector}).`, {
      name: "UnknownContractError",
      cause,
      metaMessages: ["Is the SDK older than the contracts it talks to?", `Revert data: ${data}`],
    });
    this.data = data;
    this.selector = selector;
  }
}
