import { ComputusError } from "./base.js";

/** The ethers provider cannot carry raw JSON-RPC requests (it has no `send`), so viem cannot use it. */
export class UnsupportedEthersProviderError extends ComputusError {
  constructor({ provider }: { provider: string }) {
    super(
      `The ethers provider (${provider}) cannot forward JSON-RPC requests: use a JsonRpcProvider, BrowserProvider or another provider with send(method, params).`,
      { name: "UnsupportedEthersProviderError" },
    );
  }
}

/** The transaction's type cannot be signed through the ethers signer. */
export class UnsupportedTransactionTypeError extends ComputusError {
  readonly type: string;
  constructor({ type }: { type: string }) {
    super(`Transactions of type ${type} cannot be signed through an ethers signer by this SDK.`, {
      name: "UnsupportedTransactionTypeError",
    });
    this.type = type;
  }
}
