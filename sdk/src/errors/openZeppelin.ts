/**
 * Typed errors for the OpenZeppelin custom errors the Computus contracts can revert with (access
 * control; EIP-712 name strings). Every contract's error map spreads `openZeppelinErrors`.
 */
import { type Address, type Hex, keccak256, stringToHex, zeroHash } from "viem";
import { ComputusContractError } from "./base.js";

type Cause = { cause?: Error | undefined };

/**
 * The AccessControl roles of the Computus contracts (the oracle's and the capacity token's), by
 * hash, so errors can name them. The clearing house has its own `Unauthorized` error.
 */
const ROLE_NAMES = ["INDEX_ADMIN_ROLE", "GUARDIAN_ROLE", "ATTESTOR_ROLE", "RISK_ADMIN_ROLE"] as const;
const roleNames: ReadonlyMap<string, string> = new Map([
  [zeroHash, "DEFAULT_ADMIN_ROLE"],
  ...ROLE_NAMES.map((name) => [keccak256(stringToHex(name)), name] as const),
]);

/** A role's name when it is one of Computus's, otherwise its hash. */
export function formatRole(role: Hex): string {
  return roleNames.get(role.toLowerCase()) ?? role;
}

/** The caller lacks the role the function needs. */
export class AccessControlUnauthorizedAccountError extends ComputusContractError {
  readonly account: Address;
  readonly neededRole: Hex;
  constructor({ account, neededRole, cause }: { account: Address; neededRole: Hex } & Cause) {
    super(`Account ${account} is not allowed to do this: it needs the role ${formatRole(neededRole)}.`, {
      name: "AccessControlUnauthorizedAccountError",
      errorName: "AccessControlUnauthorizedAccount",
      args: [account, neededRole],
      cause,
    });
    this.account = account;
    this.neededRole = neededRole;
  }
}

/** `renounceRole` was called for another account than the caller. */
export class AccessControlBadConfirmationError extends ComputusContractError {
  constructor({ cause }: Cause = {}) {
    super("An account can only renounce its own roles.", {
      name: "AccessControlBadConfirmationError",
      errorName: "AccessControlBadConfirmation",
      args: [],
      cause,
    });
  }
}

/** A short string (an EIP-712 name or version) could not be decoded. */
export class InvalidShortStringError extends ComputusContractError {
  constructor({ cause }: Cause = {}) {
    super("The contract holds a malformed short string (EIP-712 name or version).", {
      name: "InvalidShortStringError",
      errorName: "InvalidShortString",
      args: [],
      cause,
    });
  }
}

/** A string is too long to be stored as a short string. */
export class StringTooLongError extends ComputusContractError {
  readonly str: string;
  constructor({ str, cause }: { str: string } & Cause) {
    super(`The string "${str}" is too long for a short string (31 bytes at most).`, {
      name: "StringTooLongError",
      errorName: "StringTooLong",
      args: [str],
      cause,
    });
    this.str = str;
  }
}

/** The OpenZeppelin errors, by name, for the error maps of contracts built on OpenZeppelin. */
export const openZeppelinErrors = {
  AccessControlUnauthorizedAccount: ([account, neededRole]: readonly [Address, Hex], cause: Error | undefined) =>
    new AccessControlUnauthorizedAccountError({ account, neededRole, cause }),
  AccessControlBadConfirmation: (_args: readonly [], cause: Error | undefined) =>
    new AccessControlBadConfirmationError({ cause }),
  InvalidShortString: (_args: readonly [], cause: Error | undefined) => new InvalidShortStringError({ cause }),
  StringTooLong: ([str]: readonly [string], cause: Error | undefined) => new StringTooLongError({ str, cause }),
} as const;
