/**
 * Trading on a local chain for the indexer's tests and benchmark: collateral minted and
 * deposited, orders placed, cancelled and batched, liquidations, settlement — plain viem contract
 * calls against the deployed clearing house (the order books live inside it), independent of the
 * SDK's actions. Every write waits for its receipt and throws if it reverted.
 */
import type { Address, Hex, WalletClient } from "viem";
import { clearingHouseAbi } from "../../sdk/src/generated/abis.js";
import type { LocalChain } from "./localChain.js";
import type { LocalDeployment } from "./oracle.js";

export const ORDER_KIND = { Limit: 0, PostOnly: 1, IOC: 2, FOK: 3, Market: 4 } as const;

export type PlaceParams = {
  readonly marketId: bigint;
  readonly isBid: boolean;
  readonly kind?: number;
  readonly reduceOnly?: boolean;
  readonly price: bigint;
  readonly size: bigint;
  readonly expiry?: bigint;
};

const mockErc20Abi = [
  {
    type: "function",
    name: "mint",
    stateMutability: "nonpayable",
    inputs: [
      { name: "to", type: "address" },
      { name: "amount", type: "uint256" },
    ],
    outputs: [],
  },
  {
    type: "function",
    name: "approve",
    stateMutability: "nonpayable",
    inputs: [
      { name: "spender", type: "address" },
      { name: "amount", type: "uint256" },
    ],
    outputs: [{ type: "bool" }],
  },
] as const;

export type Trader = {
  readonly chain: LocalChain;
  /** The clearing house, order books included. */
  readonly clearingHouse: Address;
  readonly collateral: Address;
  wallets(): Promise<WalletClient[]>;
  /** Sends a transaction from `wallet` and waits for it; returns the receipt's block number. */
  send(
    wallet: WalletClient,
    address: Address,
    abi: unknown,
    functionName: string,
    args: readonly unknown[],
  ): Promise<bigint>;
  fund(wallet: WalletClient, amount: bigint): Promise<void>;
  place(wallet: WalletClient, params: PlaceParams): Promise<bigint>;
  batch(wallet: WalletClient, cancels: readonly bigint[], places: readonly PlaceParams[]): Promise<bigint>;
  /** Calls any clearing-house function (the order books' `cancel`, `cancelAll` … included). */
  ch(wallet: WalletClient, functionName: string, args: readonly unknown[]): Promise<bigint>;
  /** Moves the chain's clock: the next block is mined at `timestamp`. */
  setNextTimestamp(timestamp: bigint): Promise<void>;
};

const toTuple = (p: PlaceParams) => ({
  marketId: p.marketId,
  isBid: p.isBid,
  kind: p.kind ?? ORDER_KIND.Limit,
  reduceOnly: p.reduceOnly ?? false,
  price: p.price,
  size: p.size,
  expiry: p.expiry ?? 0n,
});

export function trader(chain: LocalChain, { deployment }: LocalDeployment): Trader {
  const clearingHouse = deployment.contracts.ClearingHouse?.address as Address;
  const collateral = deployment.collateral.address as Address;
  const send = async (
    wallet: WalletClient,
    address: Address,
    abi: unknown,
    functionName: string,
    args: readonly unknown[],
  ): Promise<bigint> => {
    const publicClient = await chain.viem.getPublicClient();
    // biome-ignore lint/suspicious/noExplicitAny: one helper for every contract function
    const hash: Hex = await (wallet as any).writeContract({ address, abi, functionName, args, chain: null });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${functionName} reverted (${hash})`);
    return receipt.blockNumber;
  };
  return {
    chain,
    clearingHouse,
    collateral,
    wallets: () => chain.viem.getWalletClients() as Promise<WalletClient[]>,
    send,
    async fund(wallet, amount) {
      const address = wallet.account?.address as Address;
      await send(wallet, collateral, mockErc20Abi, "mint", [address, amount]);
      await send(wallet, collateral, mockErc20Abi, "approve", [clearingHouse, 2n ** 255n]);
      await send(wallet, clearingHouse, clearingHouseAbi, "deposit", [address, amount]);
    },
    place: (wallet, params) => send(wallet, clearingHouse, clearingHouseAbi, "place", [toTuple(params)]),
    batch: (wallet, cancels, places) =>
      send(wallet, clearingHouse, clearingHouseAbi, "batch", [cancels, places.map(toTuple)]),
    ch: (wallet, functionName, args) => send(wallet, clearingHouse, clearingHouseAbi, functionName, args),
    async setNextTimestamp(timestamp) {
      await chain.rpc("evm_setNextBlockTimestamp", [`0x${timestamp.toString(16)}`]);
    },
  };
}
