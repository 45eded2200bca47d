import { type CustomTransport, type CustomTransportConfig, custom, type EIP1193RequestFn, RpcRequestError } from "viem";

/** What the transport needs of a provider: EIP-1193's `request` (window.ethereum, Hardhat's provider …). */
export type Eip1193ProviderLike = { request(args: { method: string; params?: unknown }): Promise<unknown> };

/**
 * viem's `custom(provider)` with deterministic errors left deterministic. `custom` wraps a
 * provider's error whose code viem has no class for (3, "execution reverted", above all) as an
 * unknown error and retries it: a reverting simulation then takes four requests and about a second
 * of back-off before the SDK can report it. Here a provider error that carries a numeric code is
 * rethrown as viem's `RpcRequestError` with that code and its revert data, so a revert or a user's
 * rejection fails at once, while transient ones (−32603 internal, −32005 limit, 429) still retry.
 *
 * @example
 * const client = createWalletClient({ account, chain, transport: eip1193(window.ethereum) });
 */
export function eip1193(provider: Eip1193ProviderLike, config: CustomTransportConfig = {}): CustomTransport {
  const request = (async ({ method, params }: { method: string; params?: unknown }) => {
    try {
      return await provider.request(params === undefined ? { method } : { method, params });
    } catch (error) {
      throw toRpcRequestError(error, { method, params });
    }
  }) as EIP1193RequestFn;
  return custom({ request }, { key: "eip1193", name: "EIP-1193 Provider", ...config });
}

/** A provider error with a numeric `code` as viem's `RpcRequestError` (keeping `data` and the original as cause). */
export function toRpcRequestError(error: unknown, body: { method: string; params?: unknown }): unknown {
  if (error === null || typeof error !== "object") return error;
  if (error instanceof RpcRequestError) return error;
  const { code, message, data } = error as { code?: unknown; message?: unknown; data?: unknown };
  if (typeof code !== "number") return error;
  const wrapped = new RpcRequestError({
    body: { method: body.method, params: body.params },
    error: { code, message: typeof message === "string" ? message : "RPC error", data },
    url: "eip1193",
  });
  // The original (a provider's own error class) stays reachable through `cause`.
  Object.defineProperty(wrapped, "cause", { value: error, enumerable: false, writable: true, configurable: true });
  return wrapped;
}
