import {
  type Abi,
  AbiErrorSignatureNotFoundError,
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  type Hex,
  isHex,
} from "viem";
import { indexOracleAbi } from "../generated/abis.js";
import { type ComputusContractError, ComputusError } from "./base.js";
import { ContractRevertedError, UnknownContractError } from "./contract.js";
import { indexOracleErrors } from "./oracle.js";

type AbiError = Extract<Abi[number], { type: "error" }>;

/** Solidity's panic codes (https://docs.soliditylang.org/en/latest/control-structures.html#panic-via-assert-and-error-via-require). */
const panicReasons: Readonly<Record<number, string>> = {
  1: "an assertion failed",
  17: "an arithmetic operation overflowed or underflowed",
  18: "division or modulo by zero",
  33: "a value was out of range for an enum",
  34: "a storage byte array was incorrectly encoded",
  49: "pop() on an empty array",
  50: "an array index was out of bounds",
  65: "too much memory was allocated",
  81: "a zero-initialised function was called",
};

type ErrorFactory = (args: readonly unknown[], cause: Error | undefined) => ComputusContractError;

/**
 * The contracts whose errors the SDK decodes: each ABI with its factories by error name. Add the
 * clearing house here (`{ abi: clearingHouseAbi, errors: clearingHouseErrors }`) when it lands.
 */
const registry: readonly { readonly abi: Abi; readonly errors: Readonly<Record<string, unknown>> }[] = [
  { abi: indexOracleAbi, errors: indexOracleErrors },
];

/** Every custom error of every known contract (one entry per selector). */
export const contractErrorsAbi: readonly AbiError[] = (() => {
  const bySelector = new Map<string, AbiError>();
  for (const { abi } of registry) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      const signature = `${item.name}(${item.inputs.map((input) => input.type).join(",")})`;
      bySelector.set(signature, item);
    }
  }
  return [...bySelector.values()];
})();

const factories: Readonly<Record<string, ErrorFactory>> = Object.assign(
  {},
  ...registry.map(({ errors }) => errors),
) as Record<string, ErrorFactory>;

/** Whether `name` is a contract error the SDK maps to a typed error. */
export function isKnownContractError(name: string): boolean {
  return Object.hasOwn(factories, name);
}

export type DecodeErrorDataReturnType = ComputusContractError | UnknownContractError;

/**
 * The SDK error for a contract's revert data: a custom error by name (e.g. `QuorumNotMetError`),
 * `ContractRevertedError` for `Error(string)`, `Panic(uint256)` or empty data, or
 * `UnknownContractError` for a selector in no known ABI.
 */
export function decodeErrorData(data: Hex, cause?: Error): DecodeErrorDataReturnType {
  if (data === "0x") return new ContractRevertedError({ cause });
  try {
    const { errorName, args = [] } = decodeErrorResult({ abi: contractErrorsAbi, data });
    if (errorName === "Error") return new ContractRevertedError({ reason: args[0] as string, errorName, args, cause });
    if (errorName === "Panic") {
      const code = args[0] as bigint;
      const reason = panicReasons[Number(code)] ?? `panic code ${code}`;
      return new ContractRevertedError({ reason, errorName, args, cause });
    }
    const factory = factories[errorName];
    if (factory !== undefined) return factory(args, cause);
    /* c8 ignore next: every error of a registered ABI has a factory (checked by the type system) */
    return new ContractRevertedError({ reason: errorName, errorName, args, cause });
  } catch (error) {
    if (error instanceof AbiErrorSignatureNotFoundError) return new UnknownContractError({ data, cause });
    return new UnknownContractError({ data, cause: error as Error });
  }
}

/** The revert data carried somewhere in an error's cause chain (viem's or a provider's), if any. */
export function findRevertData(error: unknown): Hex | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 16 && current !== null && typeof current === "object"; depth++) {
    if (current instanceof ContractFunctionRevertedError && current.raw !== undefined) return current.raw;
    const data = (current as { data?: unknown }).data;
    if (typeof data === "string" && isHex(data)) return data;
    if (data !== null && typeof data === "object") {
      const inner = (data as { data?: unknown }).data;
      if (typeof inner === "string" && isHex(inner)) return inner;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export type DecodeContractErrorReturnType<error> = DecodeErrorDataReturnType | error;

/**
 * Turns an error thrown by a contract call (a viem `ContractFunctionExecutionError`, an RPC error
 * with revert data, …) into the typed SDK error for the contract's custom error, keeping the
 * original as `cause`. Errors that carry no revert data (network, user rejection …) and SDK
 * errors are returned unchanged.
 */
export function decodeContractError<error>(error: error): DecodeContractErrorReturnType<error> {
  if (error instanceof ComputusError) return error;
  const data = findRevertData(error);
  if (data === undefined) return error;
  // A revert without data is only a revert when viem says so (an RPC error may carry `data: "0x"`).
  if (data === "0x" && !(error instanceof BaseError && error.walk((e) => e instanceof ContractFunctionRevertedError))) {
    return error;
  }
  return decodeErrorData(data, error instanceof Error ? error : undefined);
}
