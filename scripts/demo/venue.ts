/**
 * What the demo's actors do on the venue, through the SDK (`computusActions`): deposit, quote a
 * ladder, send a market order, liquidate, settle, claim. Kept in one place so the actors read as
 * strategies. A refused action (the SDK simulates first, so it costs nothing) is reported with
 * the SDK's typed error message, never thrown: refusals are part of trading.
 */
import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from "viem";
import { createWalletClient, http } from "viem";
import { computusActions } from "../../sdk/src/decorators/computus.js";
import type { Deployment } from "../../sdk/src/deployment/deployment.js";
import { clearingHouseAbi } from "../../sdk/src/generated/abis.js";

export type Wallet = WalletClient<Transport, Chain, Account>;
export type Outcome = { ok: boolean; reason?: string };

export type Venue = ReturnType<typeof venue>;

export function venue(publicClient: PublicClient, deployment: Deployment, rpcUrl: string) {
  const clearingHouse = deployment.contracts.ClearingHouse?.address as Address;
  if (!clearingHouse) throw new Error("the deployment has no clearing house");
  const clients = new Map<Address, ReturnType<typeof sdkClient>>();
  const sdkClient = (wallet: Wallet) =>
    createWalletClient({ account: wallet.account, chain: wallet.chain, transport: http(rpcUrl) }).extend(
      computusActions(deployment),
    );
  const sdk = (wallet: Wallet) => {
    let client = clients.get(wallet.account.address);
    if (!client) {
      client = sdkClient(wallet);
      clients.set(wallet.account.address, client);
    }
    return client;
  };

  /** Runs an SDK action and waits for its receipt; refusals come back as `{ ok: false, reason }`. */
  async function run(action: () => Promise<{ hash: `0x${string}` }>): Promise<Outcome> {
    try {
      const { hash } = await action();
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      return { ok: receipt.status === "success" };
    } catch (error) {
      return { ok: false, reason: (error as { shortMessage?: string }).shortMessage ?? String(error) };
    }
  }

  return {
    clearingHouse,
    /** The wallet's SDK client (one per account), for the actions this venue does not wrap. */
    sdk,
    /** Approves the clearing house when needed and deposits `amount` of collateral. */
    deposit: (wallet: Wallet, amount: bigint) => run(() => sdk(wallet).deposit({ amount })),
    /** Replaces the wallet's quotes in a market: cancel-all, then a ladder of post-only orders. */
    async requote(
      wallet: Wallet,
      marketId: bigint,
      bids: readonly [bigint, bigint][],
      asks: readonly [bigint, bigint][],
    ) {
      await run(() => sdk(wallet).cancelAllOrders({ marketId }));
      const orders = [
        ...bids.map(([price, size]) => ({ marketId, side: "buy" as const, type: "postOnly" as const, price, size })),
        ...asks.map(([price, size]) => ({ marketId, side: "sell" as const, type: "postOnly" as const, price, size })),
      ];
      return run(() => sdk(wallet).batchOrders({ orders }));
    },
    /** A market order with a worst acceptable price. */
    marketOrder: (wallet: Wallet, marketId: bigint, isBid: boolean, size: bigint, limitPrice: bigint) =>
      run(() =>
        sdk(wallet).placeOrder({ marketId, side: isBid ? "buy" : "sell", type: "market", price: limitPrice, size }),
      ),
    liquidate: (wallet: Wallet, owner: Address, marketId: bigint) =>
      run(() => sdk(wallet).liquidate({ owner, marketId })),
    proposeSettlement: (wallet: Wallet, marketId: bigint) => run(() => sdk(wallet).proposeSettlement({ marketId })),
    finalizeSettlement: (wallet: Wallet, marketId: bigint) => run(() => sdk(wallet).finalizeSettlement({ marketId })),
    claimSettlement: (wallet: Wallet, account: Address, marketId: bigint) =>
      run(() => sdk(wallet).claimSettlement({ owner: account, marketId })),
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
