import {
  type Abi,
  AbiErrorSignatureNotFoundError,
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  type Hex,
  isHex,
  toFunctionSelector,
} from "viem";
import { capacityTokenAbi, clearingHouseAbi, indexOracleAbi } from "../generated/abis.js";
import { type ComputusContractError, ComputusError } from "./base.js";
import { capacityTokenErrors } from "./capacity.js";
import { clearingHouseErrors } from "./clearingHouse.js";
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
 * The contracts whose errors the SDK decodes: each ABI with its factories by error name. Factories
 * are looked up by signature, so two contracts may use one name with different parameters (the
 * oracle's and the capacity token's `InvalidWindow`).
 */
const registry: readonly { readonly abi: Abi; readonly errors: Readonly<Record<string, unknown>> }[] = [
  { abi: indexOracleAbi, errors: indexOracleErrors },
  { abi: clearingHouseAbi, errors: clearingHouseErrors },
  { abi: capacityTokenAbi, errors: capacityTokenErrors },
];

function errorSignature(item: AbiError): string {
  return `${item.name}(${item.inputs.map((input) => input.type).join(",")})`;
}

/** Every custom error of every known contract (one entry per selector). */
export const contractErrorsAbi: readonly AbiError[] = (() => {
  const bySelector = new Map<string, AbiError>();
  for (const { abi } of registry) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      bySelector.set(errorSignature(item), item);
    }
  }
  return [...bySelector.values()];
})();

/** Factories by error signature (`Name(type,…)`); the first contract to declare one wins. */
const factories: ReadonlyMap<string, ErrorFactory> = (() => {
  const map = new Map<string, ErrorFactory>();
  for (const { abi, errors } of registry) {
    for (const item of abi) {
      if (item.type !== "error" || map.has(errorSignature(item))) continue;
      const factory = errors[item.name];
      if (typeof factory === "function") map.set(errorSignature(item), factory as ErrorFactory);
    }
  }
  return map;
})();

const knownNames: ReadonlySet<string> = new Set(contractErrorsAbi.map((item) => item.name));

/** Whether `name` is a contract error the SDK maps to a typed error. */
export function isKnownContractError(name: string): boolean {
  return knownNames.has(name);
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
    const item = contractErrorsAbi.find(
      (candidate) =>
        candidate.name === errorName && candidate.inputs.length === args.length && matches(candidate, data),
    );
    const factory = item ? factories.get(errorSignature(item)) : undefined;
    if (factory !== undefined) return factory(args, cause);
    /* c8 ignore next: every error of a registered ABI has a factory (checked by the type system) */
    return new ContractRevertedError({ reason: errorName, errorName, args, cause });
  } catch (error) {
    if (error instanceof AbiErrorSignatureNotFoundError) return new UnknownContractError({ data, cause });
    return new UnknownContractError({ data, cause: error as Error });
  }
}

function matches(item: AbiError, data: Hex): boolean {
  return toFunctionSelector(errorSignature(item)) === data.slice(0, 10).toLowerCase();
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
