import { BaseError, type ContractErrorArgs, type ContractErrorName } from "viem";

export type ComputusErrorParameters = {
  /** The error this one explains (kept as `cause`; its details are appended to the message). */
  cause?: Error | undefined;
  /** Extra lines shown under the short message. */
  metaMessages?: string[] | undefined;
  details?: string | undefined;
};

/**
 * Base of every error the SDK throws (apart from the pure math's, see `math/errors.ts`).
 * `shortMessage` is the sentence for a trader; `message` adds the details for a developer.
 */
export class ComputusError extends BaseError {
  constructor(shortMessage: string, args: ComputusErrorParameters & { name: string }) {
    super(shortMessage, {
      cause: args.cause,
      metaMessages: args.metaMessages,
      details: args.details,
      name: args.name,
    });
  }
}

/**
 * A contract reverted with a custom error the SDK knows by name. `errorName` and `args` are the
 * decoded error, as in the contract's ABI.
 */
export class ComputusContractError extends ComputusError {
  readonly errorName: string;
  readonly args: readonly unknown[];

  constructor(
    shortMessage: string,
    args: ComputusErrorParameters & { name: string; errorName: string; args: readonly unknown[] },
  ) {
    super(shortMessage, args);
    this.errorName = args.errorName;
    this.args = args.args;
  }
}

/** From each error's decoded arguments to its SDK error; one entry per error of a contract's ABI. */
export type ContractErrorFactories<abi extends readonly unknown[]> = {
  readonly [name in ContractErrorName<abi>]: (
    args: ContractErrorArgs<abi, name>,
    cause: Error | undefined,
  ) => ComputusContractError;
};
