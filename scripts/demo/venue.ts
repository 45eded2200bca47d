/**
 * What the demo's actors do on the venue, each as one function over a wallet client: deposit,
 * quote a ladder, send a market order, liquidate, settle, claim. Kept in one place so the
 * actors read as strategies, not as contract calls.
 */
import {
  type Account,
  type Address,
  type Chain,
  erc20Abi,
  type Hash,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import type { Deployment } from "../../sdk/src/deployment/deployment.js";
import { clearingHouseAbi, orderBookAbi } from "../../sdk/src/generated/abis.js";

export type Wallet = WalletClient<Transport, Chain, Account>;

/** The order kinds of IOrderBook.OrderType. */
export const OrderKind = { Limit: 0, PostOnly: 1, IOC: 2, FOK: 3, Market: 4 } as const;

export type Venue = ReturnType<typeof venue>;

export function venue(publicClient: PublicClient, deployment: Deployment) {
  const clearingHouse = deployment.contracts.ClearingHouse?.address as Address;
  const orderBook = deployment.contracts.OrderBook?.address as Address;
  const collateral = deployment.collateral.address;
  if (!clearingHouse || !orderBook) throw new Error("the deployment has no clearing house or order book");

  /** Sends and waits; returns whether the transaction succeeded (reverts are part of trading). */
  async function confirm(hash: Promise<Hash>): Promise<boolean> {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    return receipt.status === "success";
  }

  /** Simulates first, so a refused action costs nothing and reports its reason. */
  async function send(
    wallet: Wallet,
    address: Address,
    abi: typeof clearingHouseAbi | typeof orderBookAbi,
    functionName: string,
    args: readonly unknown[],
  ): Promise<{ ok: boolean; reason?: string }> {
    try {
      const { request } = await publicClient.simulateContract({
        address,
        abi: abi as typeof clearingHouseAbi,
        functionName: functionName as "deposit",
        args: args as [Address, bigint],
        account: wallet.account,
      });
      return { ok: await confirm(wallet.writeContract(request)) };
    } catch (error) {
      const reason = (error as { shortMessage?: string }).shortMessage ?? String(error);
      return { ok: false, reason };
    }
  }

  const order = (marketId: bigint, isBid: boolean, kind: number, price: bigint, size: bigint) => ({
    marketId,
    isBid,
    kind,
    reduceOnly: false,
    price,
    size,
    expiry: 0n,
  });

  return {
    clearingHouse,
    orderBook,
    /** Approves the clearing house once and deposits `amount` of collateral. */
    async deposit(wallet: Wallet, amount: bigint) {
      await confirm(
        wallet.writeContract({
          address: collateral,
          abi: erc20Abi,
          functionName: "approve",
          args: [clearingHouse, 2n ** 255n],
        }),
      );
      return send(wallet, clearingHouse, clearingHouseAbi, "deposit", [wallet.account.address, amount]);
    },
    /** Replaces the wallet's quotes in a market: cancel-all, then a ladder of post-only orders. */
    async requote(
      wallet: Wallet,
      marketId: bigint,
      bids: readonly [bigint, bigint][],
      asks: readonly [bigint, bigint][],
    ) {
      await send(wallet, orderBook, orderBookAbi, "cancelAll", [marketId]);
      const places = [
        ...bids.map(([price, size]) => order(marketId, true, OrderKind.PostOnly, price, size)),
        ...asks.map(([price, size]) => order(marketId, false, OrderKind.PostOnly, price, size)),
      ];
      return send(wallet, orderBook, orderBookAbi, "batch", [[], places]);
    },
    /** A market order with a worst acceptable price. */
    async marketOrder(wallet: Wallet, marketId: bigint, isBid: boolean, size: bigint, limitPrice: bigint) {
      return send(wallet, orderBook, orderBookAbi, "place", [
        order(marketId, isBid, OrderKind.Market, limitPrice, size),
      ]);
    },
    async liquidate(wallet: Wallet, account: Address, marketId: bigint) {
      return send(wallet, clearingHouse, clearingHouseAbi, "liquidate", [account, marketId, 2n ** 63n]);
    },
    async proposeSettlement(wallet: Wallet, marketId: bigint) {
      return send(wallet, clearingHouse, clearingHouseAbi, "proposeSettlement", [marketId]);
    },
    async finalizeSettlement(wallet: Wallet, marketId: bigint) {
      return send(wallet, clearingHouse, clearingHouseAbi, "finalizeSettlement", [marketId]);
    },
    async claimSettlement(wallet: Wallet, account: Address, marketId: bigint) {
      return send(wallet, clearingHouse, clearingHouseAbi, "claimSettlement", [account, marketId]);
    },
    async health(account: Address) {
      return publicClient.readContract({
        address: clearingHouse,
        abi: clearingHouseAbi,
        functionName: "health",
        args: [account],
      });
    },
    async positionOf(account: Address, marketId: bigint) {
      const [size, openNotional] = await publicClient.readContract({
        address: clearingHouse,
        abi: clearingHouseAbi,
        functionName: "positionOf",
        args: [account, marketId],
      });
      return { size, openNotional };
    },
    async collateralOf(account: Address) {
      return publicClient.readContract({
        address: clearingHouse,
        abi: clearingHouseAbi,
        functionName: "collateralOf",
        args: [account],
      });
    },
    async market(marketId: bigint) {
      return publicClient.readContract({
        address: clearingHouse,
        abi: clearingHouseAbi,
        functionName: "market",
        args: [marketId],
      });
    },
  };
}
