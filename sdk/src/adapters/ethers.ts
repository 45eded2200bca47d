/**
 * ethers v6 adapter: use the SDK's viem actions with an ethers `Provider` and `Signer`.
 * Import from `@computus/sdk/ethers` (ethers is an optional peer dependency; this module imports
 * only its types, so it loads without ethers installed).
 *
 * - `ethersTransport(provider)`: an EIP-1193 bridge over the provider's `send(method, params)`.
 * - `ethersAccount(signer)`: a viem local account whose signing calls the ethers signer.
 * - `fromEthers({ provider, signer })`: viem public and wallet clients built from both.
 */
import type { JsonRpcApiProvider, Provider, Signer, TransactionRequest, TypedDataDomain, TypedDataField } from "ethers";
import {
  type Account,
  type Address,
  type Chain,
  type CustomTransport,
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  hexToBytes,
  hexToNumber,
  type LocalAccount,
  type PublicClient,
  type SignableMessage,
  type TransactionSerializable,
  type TypedDataDefinition,
  type WalletClient,
} from "viem";
import { toAccount } from "viem/accounts";
import { UnsupportedEthersProviderError, UnsupportedTransactionTypeError } from "../errors/adapter.js";
import { eip1193 } from "../transports/eip1193.js";

/** What the bridge needs of an ethers provider: `JsonRpcProvider`, `BrowserProvider`, `WebSocketProvider`, … */
export type EthersJsonRpcProvider = Pick<JsonRpcApiProvider, "send">;

type RpcErrorShape = { code?: unknown; message?: unknown; data?: unknown };

/** The JSON-RPC error ethers wrapped (`info.error` or `error`), as an EIP-1193 error viem understands. */
function toEip1193Error(error: unknown): unknown {
  if (error === null || typeof error !== "object") return error;
  const e = error as { info?: { error?: RpcErrorShape }; error?: RpcErrorShape; code?: unknown; data?: unknown };
  if (e.code === "ACTION_REJECTED") {
    return Object.assign(new Error("User rejected the request."), { code: 4001, cause: error });
  }
  const rpc = e.info?.error ?? e.error;
  if (rpc !== undefined && typeof rpc.code === "number") {
    const data = rpc.data ?? (e.code === "CALL_EXCEPTION" ? e.data : undefined);
    return Object.assign(new Error(typeof rpc.message === "string" ? rpc.message : "RPC error"), {
      code: rpc.code,
      data,
      cause: error,
    });
  }
  return error;
}

function isJsonRpcProvider(provider: unknown): provider is EthersJsonRpcProvider {
  return typeof (provider as { send?: unknown } | null)?.send === "function";
}

/**
 * A viem transport over an ethers provider: every request goes to `provider.send(method, params)`,
 * and the JSON-RPC errors ethers wraps are unwrapped again (code, message, revert data), so the
 * SDK decodes reverts into its typed errors as with any other transport.
 * @throws {UnsupportedEthersProviderError} when the provider has no `send` (e.g. `FallbackProvider`).
 */
export function ethersTransport(provider: EthersJsonRpcProvider | Provider): CustomTransport {
  if (!isJsonRpcProvider(provider)) {
    throw new UnsupportedEthersProviderError({ provider: provider?.constructor?.name ?? typeof provider });
  }
  return eip1193(
    {
      async request({ method, params }: { method: string; params?: unknown }) {
        try {
          return await provider.send(method, (params ?? []) as unknown[]);
        } catch (error) {
          throw toEip1193Error(error);
        }
      },
    },
    { name: "ethers", key: "ethers" },
  );
}

const TRANSACTION_TYPES = { legacy: 0, eip2930: 1, eip1559: 2 } as const;

/** A viem transaction as an ethers `TransactionRequest` (legacy, EIP-2930 and EIP-1559 types). */
export function toEthersTransactionRequest(transaction: TransactionSerializable): TransactionRequest {
  const type =
    transaction.type ??
    (transaction.maxFeePerGas !== undefined || transaction.maxPriorityFeePerGas !== undefined
      ? "eip1559"
      : transaction.accessList !== undefined
        ? "eip2930"
        : "legacy");
  if (!(type in TRANSACTION_TYPES)) throw new UnsupportedTransactionTypeError({ type });
  const request: TransactionRequest = {
    type: TRANSACTION_TYPES[type as keyof typeof TRANSACTION_TYPES],
    to: transaction.to ?? null,
    chainId: transaction.chainId,
  };
  if (transaction.data !== undefined) request.data = transaction.data;
  if (transaction.value !== undefined) request.value = transaction.value;
  if (transaction.nonce !== undefined) request.nonce = transaction.nonce;
  if (transaction.gas !== undefined) request.gasLimit = transaction.gas;
  if (transaction.gasPrice !== undefined) request.gasPrice = transaction.gasPrice;
  if (transaction.maxFeePerGas !== undefined) request.maxFeePerGas = transaction.maxFeePerGas;
  if (transaction.maxPriorityFeePerGas !== undefined) request.maxPriorityFeePerGas = transaction.maxPriorityFeePerGas;
  if (transaction.accessList !== undefined) {
    request.accessList = transaction.accessList.map(({ address, storageKeys }) => ({
      address,
      storageKeys: [...storageKeys],
    }));
  }
  return request;
}

/**
 * The types ethers' `signTypedData` takes: without `EIP712Domain`, and only those reachable from
 * the primary type (ethers infers the primary type and refuses unrelated ones).
 */
function ethersTypes(definition: TypedDataDefinition): Record<string, TypedDataField[]> {
  const all = definition.types as Record<string, readonly { name: string; type: string }[]>;
  const reachable: Record<string, TypedDataField[]> = {};
  const visit = (name: string) => {
    const fields = all[name];
    if (fields === undefined || name in reachable || name === "EIP712Domain") return;
    reachable[name] = fields.map(({ name, type }) => ({ name, type }));
    for (const { type } of fields) visit(type.replace(/(\[\d*\])+$/, ""));
  };
  visit(definition.primaryType as string);
  return reachable;
}

function ethersMessage(message: SignableMessage): string | Uint8Array {
  if (typeof message === "string") return message;
  return typeof message.raw === "string" ? hexToBytes(message.raw) : message.raw;
}

/**
 * A viem account whose signing goes to the ethers signer: messages (`signMessage`), EIP-712 typed
 * data (`signTypedData`, observations and orders) and transactions (`signTransaction`; viem fills
 * nonce, gas and fees, then sends the signed bytes). For an ethers `Wallet` or any signer that can
 * sign a transaction without sending it. A browser wallet (`JsonRpcSigner`) cannot: `fromEthers`
 * uses it as a JSON-RPC account instead.
 */
export async function ethersAccount(signer: Signer): Promise<LocalAccount<"ethers">> {
  const address = getAddress(await signer.getAddress());
  const account = toAccount({
    address,
    signMessage: async ({ message }) => (await signer.signMessage(ethersMessage(message))) as `0x${string}`,
    signTypedData: async (definition) => {
      const typed = definition as TypedDataDefinition;
      return (await signer.signTypedData(
        (typed.domain ?? {}) as TypedDataDomain,
        ethersTypes(typed),
        typed.message as Record<string, unknown>,
      )) as `0x${string}`;
    },
    signTransaction: async (transaction) =>
      (await signer.signTransaction(toEthersTransactionRequest(transaction))) as `0x${string}`,
  });
  return { ...account, source: "ethers" };
}

/** Whether the signer signs through a JSON-RPC wallet (ethers `JsonRpcSigner`: a browser wallet, a node's accounts). */
function isJsonRpcSigner(signer: Signer): boolean {
  return (
    typeof (signer as { sendUncheckedTransaction?: unknown }).sendUncheckedTransaction === "function" &&
    isJsonRpcProvider(signer.provider)
  );
}

export type FromEthersParameters<signer extends Signer | undefined = Signer | undefined> = {
  /** Reads go here. Default: the signer's provider. */
  provider?: EthersJsonRpcProvider | Provider | undefined;
  /** Signs (and, as a JSON-RPC wallet, sends). Omit for read-only use. */
  signer?: signer;
  /** The viem chain; default a minimal chain with the provider's chain id. */
  chain?: Chain | undefined;
  /**
   * How the signer is used. `"local"`: a viem local account (`ethersAccount`) signs, transactions
   * are sent raw. `"json-rpc"`: the signer's provider signs and sends (`eth_sendTransaction`,
   * `eth_signTypedData_v4`), as a browser wallet must. Default: `"json-rpc"` for an ethers
   * `JsonRpcSigner`, `"local"` otherwise.
   */
  mode?: "local" | "json-rpc" | undefined;
};

export type FromEthersReturnType<signer extends Signer | undefined> = {
  chain: Chain;
  publicClient: PublicClient<CustomTransport, Chain>;
} & (signer extends Signer
  ? { account: Account; walletClient: WalletClient<CustomTransport, Chain, Account> }
  : { account?: undefined; walletClient?: undefined });

/**
 * viem clients from an ethers v6 provider and signer, for the SDK's actions and decorator.
 *
 * @example
 * const { publicClient, walletClient } = await fromEthers({ provider, signer });
 * const client = walletClient.extend(publicActions).extend(computusActions(deployment));
 * await client.submitRound({ indexId, timestamp, observations });
 */
export async function fromEthers<signer extends Signer | undefined = undefined>(
  parameters: FromEthersParameters<signer>,
): Promise<FromEthersReturnType<signer>> {
  const { signer } = parameters;
  const provider = parameters.provider ?? signer?.provider ?? undefined;
  if (provider === undefined || provider === null) {
    throw new UnsupportedEthersProviderError({ provider: "none: pass a provider or a signer connected to one" });
  }
  const transport = ethersTransport(provider);
  const chain = parameters.chain ?? (await chainOf(provider as EthersJsonRpcProvider));
  const publicClient = createPublicClient({ chain, transport });
  if (signer === undefined) return { chain, publicClient } as FromEthersReturnType<signer>;

  const mode = parameters.mode ?? (isJsonRpcSigner(signer) ? "json-rpc" : "local");
  let account: Account;
  let walletTransport = transport;
  if (mode === "json-rpc") {
    const address: Address = getAddress(await signer.getAddress());
    account = { address, type: "json-rpc" };
    // The wallet that holds the key must receive eth_sendTransaction: the signer's own provider.
    if (signer.provider !== null && signer.provider !== provider) walletTransport = ethersTransport(signer.provider);
  } else {
    account = await ethersAccount(signer);
  }
  const walletClient = createWalletClient({ account, chain, transport: walletTransport });
  return { chain, publicClient, account, walletClient } as unknown as FromEthersReturnType<signer>;
}

async function chainOf(provider: EthersJsonRpcProvider): Promise<Chain> {
  const id = hexToNumber((await provider.send("eth_chainId", [])) as `0x${string}`);
  return defineChain({
    id,
    name: `Chain ${id}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [] } },
  });
}
