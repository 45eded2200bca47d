import type { Address } from "viem";
import { ComputusError } from "./base.js";

/** An action that signs or sends needs an account, on the client or in its parameters. */
export class AccountRequiredError extends ComputusError {
  readonly action: string;
  constructor({ action }: { action: string }) {
    super(`${action} needs an account: pass \`account\`, or use a wallet client created with one.`, {
      name: "AccountRequiredError",
    });
    this.action = action;
  }
}

/** The wallet signed with another key than the account it was asked to sign with. */
export class SignerMismatchError extends ComputusError {
  readonly expected: Address;
  readonly actual: Address;
  constructor({ expected, actual }: { expected: Address; actual: Address }) {
    super(`The wallet signed as ${actual}, not as the publisher account ${expected}.`, { name: "SignerMismatchError" });
    this.expected = expected;
    this.actual = actual;
  }
}
