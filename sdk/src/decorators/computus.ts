import type { Account, Address, Chain, Client, Transport } from "viem";
import { type GetAccountParameters, getAccount } from "../actions/public/getAccount.js";
import { type GetAveragePriceParameters, getAveragePrice } from "../actions/public/getAveragePrice.js";
import { type GetIndexMetadataParameters, getIndexMetadata } from "../actions/public/getIndexMetadata.js";
import { type GetIndexParamsParameters, getIndexParams } from "../actions/public/getIndexParams.js";
import { type GetLatestRoundParameters, getLatestRound } from "../actions/public/getLatestRound.js";
import { type GetMarketParameters, getMarket } from "../actions/public/getMarket.js";
import { type GetMarketsParameters, getMarkets } from "../actions/public/getMarkets.js";
import { type GetOrderBookParameters, getOrderBook } from "../actions/public/getOrderBook.js";
import { type GetRegisteredIndexesParameters, getRegisteredIndexes } from "../actions/public/getRegisteredIndexes.js";
import { verifyDeployment } from "../actions/public/verifyDeployment.js";
import { type WaitForRoundParameters, waitForRound } from "../actions/public/waitForRound.js";
import { type BatchOrdersParameters, batchOrders } from "../actions/wallet/batchOrders.js";
import { type CancelAllOrdersParameters, cancelAllOrders } from "../actions/wallet/cancelAllOrders.js";
import { type CancelOrderParameters, cancelOrder } from "../actions/wallet/cancelOrder.js";
import { type ClaimCompensationParameters, claimCompensation } from "../actions/wallet/claimCompensation.js";
import { type ClaimSettlementParameters, claimSettlement } from "../actions/wallet/claimSettlement.js";
import { type ConfirmDeliveryParameters, confirmDelivery } from "../actions/wallet/confirmDelivery.js";
import { type DepositParameters, deposit } from "../actions/wallet/deposit.js";
import { type FinalizeSettlementParameters, finalizeSettlement } from "../actions/wallet/finalizeSettlement.js";
import { type FixCompensationPriceParameters, fixCompensationPrice } from "../actions/wallet/fixCompensationPrice.js";
import { type LiquidateParameters, liquidate } from "../actions/wallet/liquidate.js";
import { type MintCapacityParameters, mintCapacity } from "../actions/wallet/mintCapacity.js";
import { type PlaceOrderParameters, placeOrder } from "../actions/wallet/placeOrder.js";
import {
  type PostCapacityCollateralParameters,
  postCapacityCollateral,
} from "../actions/wallet/postCapacityCollateral.js";
import { type ProposeSettlementParameters, proposeSettlement } from "../actions/wallet/proposeSettlement.js";
import { type RedeemCapacityParameters, redeemCapacity } from "../actions/wallet/redeemCapacity.js";
import { type ReleaseExpiredParameters, releaseExpired } from "../actions/wallet/releaseExpired.js";
import {
  type SignCapacityAttestationParameters,
  signCapacityAttestation,
} from "../actions/wallet/signCapacityAttestation.js";
import { type SignObservationParameters, signObservation } from "../actions/wallet/signObservation.js";
import { type SubmitRoundParameters, submitRound } from "../actions/wallet/submitRound.js";
import { type WaitForOrderParameters, waitForOrder } from "../actions/wallet/waitForOrder.js";
import { type WithdrawParameters, withdraw } from "../actions/wallet/withdraw.js";
import {
  type WithdrawCapacityCollateralParameters,
  withdrawCapacityCollateral,
} from "../actions/wallet/withdrawCapacityCollateral.js";
import { type CreateKeeperParameters, createKeeper } from "../bots/keeper.js";
import { type Deployment, getContractAddress } from "../deployment/deployment.js";
import { AccountRequiredError } from "../errors/account.js";

/** Parameters of a bound action: the deployment fills in `oracle` (and `chainId`), which stay overridable. */
type Bound<parameters, keys extends keyof parameters> = Omit<parameters, keys> & Partial<Pick<parameters, keys>>;

/** The actions `computusActions(deployment)` adds to a client. */
export type ComputusActions = {
  /** The deployment the actions are bound to. */
  readonly computusDeployment: Deployment;
  /** Checks the RPC's chain id and the contracts' code against the deployment. See `verifyDeployment`. */
  verifyDeployment: (parameters?: { checkCode?: boolean | undefined }) => ReturnType<typeof verifyDeployment>;
  /** Signs an observation for the deployment's oracle and chain. See `signObservation`. */
  signObservation: (
    parameters: Bound<SignObservationParameters, "oracle" | "chainId">,
  ) => ReturnType<typeof signObservation>;
  /** Simulates, then submits a round to the deployment's oracle. See `submitRound`. */
  submitRound: (parameters: Bound<SubmitRoundParameters, "oracle">) => ReturnType<typeof submitRound>;
  /** Waits for a round's transaction; returns the recorded round (its `RoundRecorded` event). See `waitForRound`. */
  waitForRound: (parameters: Bound<WaitForRoundParameters, "oracle">) => ReturnType<typeof waitForRound>;
  /** The newest round of an index, or null. See `getLatestRound`. */
  getLatestRound: (parameters: Bound<GetLatestRoundParameters, "oracle">) => ReturnType<typeof getLatestRound>;
  /** Time-weighted average of an index over a window. See `getAveragePrice`. */
  getAveragePrice: (parameters: Bound<GetAveragePriceParameters, "oracle">) => ReturnType<typeof getAveragePrice>;
  /** An index's description, methodology and decimals. See `getIndexMetadata`. */
  getIndexMetadata: (parameters: Bound<GetIndexMetadataParameters, "oracle">) => ReturnType<typeof getIndexMetadata>;
  /** Every index registered on the oracle (from its events, from its deployment block). See `getRegisteredIndexes`. */
  getRegisteredIndexes: (
    parameters?: Partial<GetRegisteredIndexesParameters>,
  ) => ReturnType<typeof getRegisteredIndexes>;
  /** An index's quorum and guards. See `getIndexParams`. */
  getIndexParams: (parameters: Bound<GetIndexParamsParameters, "oracle">) => ReturnType<typeof getIndexParams>;

  /* Trading (needs ClearingHouse in the deployment, the order books included: `MissingContractError` otherwise). */
  /** Every market with its parameters and state. See `getMarkets`. */
  getMarkets: (parameters?: Partial<GetMarketsParameters>) => ReturnType<typeof getMarkets>;
  /** One market. See `getMarket`. */
  getMarket: (parameters: Bound<GetMarketParameters, "clearingHouse">) => ReturnType<typeof getMarket>;
  /** A market's book by price level, best first. See `getOrderBook`. */
  getOrderBook: (parameters: Bound<GetOrderBookParameters, "clearingHouse">) => ReturnType<typeof getOrderBook>;
  /** An account's equity, margins, positions and (by default) realized PnL. See `getAccount`. */
  getAccount: (
    parameters?: Partial<Bound<GetAccountParameters, "clearingHouse" | "historyFromBlock">> & { history?: boolean },
  ) => ReturnType<typeof getAccount>;
  /** Checks, simulates and places an order. See `placeOrder`. */
  placeOrder: (parameters: Bound<PlaceOrderParameters, "clearingHouse" | "chainId">) => ReturnType<typeof placeOrder>;
  cancelOrder: (
    parameters: Bound<CancelOrderParameters, "clearingHouse" | "chainId">,
  ) => ReturnType<typeof cancelOrder>;
  cancelAllOrders: (
    parameters: Bound<CancelAllOrdersParameters, "clearingHouse" | "chainId">,
  ) => ReturnType<typeof cancelAllOrders>;
  batchOrders: (
    parameters: Bound<BatchOrdersParameters, "clearingHouse" | "chainId">,
  ) => ReturnType<typeof batchOrders>;
  waitForOrder: (parameters: WaitForOrderParameters) => ReturnType<typeof waitForOrder>;
  /** Approves (if needed) and deposits the deployment's collateral. See `deposit`. */
  deposit: (parameters: Bound<DepositParameters, "clearingHouse" | "token" | "chainId">) => ReturnType<typeof deposit>;
  withdraw: (parameters: Bound<WithdrawParameters, "clearingHouse" | "chainId">) => ReturnType<typeof withdraw>;
  claimSettlement: (
    parameters: Bound<ClaimSettlementParameters, "clearingHouse" | "chainId">,
  ) => ReturnType<typeof claimSettlement>;
  liquidate: (parameters: Bound<LiquidateParameters, "clearingHouse" | "chainId">) => ReturnType<typeof liquidate>;
  proposeSettlement: (
    parameters: Bound<ProposeSettlementParameters, "clearingHouse" | "chainId">,
  ) => ReturnType<typeof proposeSettlement>;
  finalizeSettlement: (
    parameters: Bound<FinalizeSettlementParameters, "clearingHouse" | "chainId">,
  ) => ReturnType<typeof finalizeSettlement>;
  /* GPU owners (need CapacityToken in the deployment). */
  /** An attestor signs a mint or a delivery. See `signCapacityAttestation`. */
  signCapacityAttestation: (
    parameters: Bound<SignCapacityAttestationParameters, "capacityToken" | "chainId">,
  ) => ReturnType<typeof signCapacityAttestation>;
  /** The provider mints attested capacity (bond approved when short). See `mintCapacity`. */
  mintCapacity: (
    parameters: Bound<MintCapacityParameters, "capacityToken" | "chainId">,
  ) => ReturnType<typeof mintCapacity>;
  redeemCapacity: (
    parameters: Bound<RedeemCapacityParameters, "capacityToken" | "chainId">,
  ) => ReturnType<typeof redeemCapacity>;
  confirmDelivery: (
    parameters: Bound<ConfirmDeliveryParameters, "capacityToken" | "chainId">,
  ) => ReturnType<typeof confirmDelivery>;
  /** After the deadline, pays a holder for undelivered hours from the bond. See `claimCompensation`. */
  claimCompensation: (
    parameters: Bound<ClaimCompensationParameters, "capacityToken" | "chainId">,
  ) => ReturnType<typeof claimCompensation>;
  /** Fixes an id's compensation price at the window's average. See `fixCompensationPrice`. */
  fixCompensationPrice: (
    parameters: Bound<FixCompensationPriceParameters, "capacityToken" | "chainId">,
  ) => ReturnType<typeof fixCompensationPrice>;
  /** Returns the bond of never-redeemed units to the provider. See `releaseExpired`. */
  releaseExpired: (
    parameters: Bound<ReleaseExpiredParameters, "capacityToken" | "chainId">,
  ) => ReturnType<typeof releaseExpired>;
  /** Posts capacity as cover for a short (approves the clearing house first). See `postCapacityCollateral`. */
  postCapacityCollateral: (
    parameters: Bound<PostCapacityCollateralParameters, "clearingHouse" | "capacityToken" | "chainId">,
  ) => ReturnType<typeof postCapacityCollateral>;
  /** Takes posted capacity back (margin re-checked). See `withdrawCapacityCollateral`. */
  withdrawCapacityCollateral: (
    parameters: Bound<WithdrawCapacityCollateralParameters, "clearingHouse" | "chainId">,
  ) => ReturnType<typeof withdrawCapacityCollateral>;
  /** A keeper bound to the deployment's clearing house, scanning from its start block. See `createKeeper`. */
  createKeeper: (parameters?: Partial<CreateKeeperParameters>) => ReturnType<typeof createKeeper>;
};

/**
 * Binds the Computus actions to a client and a deployment, for `client.extend(...)`. Only binds:
 * nothing is read or checked until an action is called (call `verifyDeployment()` at start-up).
 *
 * @example
 * const client = createWalletClient({ account, chain, transport: http() })
 *   .extend(publicActions)
 *   .extend(computusActions(deployment));
 * await client.verifyDeployment();
 * const round = await client.getLatestRound({ indexId: toIndexId("H100-SXM-USD-HR") });
 */
export function computusActions(deployment: Deployment) {
  const oracle: Address = deployment.contracts.IndexOracle.address;
  const chainId = deployment.chainId;
  // Resolved when a trading action is called, so an oracle-only deployment still binds.
  const ch = () => getContractAddress(deployment, "ClearingHouse");
  const chStart = () => BigInt(deployment.contracts.ClearingHouse?.startBlock ?? 0);
  return <chain extends Chain | undefined, account extends Account | undefined>(
    client: Client<Transport, chain, account>,
  ): ComputusActions => ({
    computusDeployment: deployment,
    verifyDeployment: (parameters = {}) => verifyDeployment(client, { ...parameters, deployment }),
    signObservation: (parameters) => signObservation(client, { oracle, chainId: deployment.chainId, ...parameters }),
    submitRound: (parameters) => submitRound(client, { oracle, ...parameters }),
    waitForRound: (parameters) => waitForRound(client, { oracle, ...parameters }),
    getLatestRound: (parameters) => getLatestRound(client, { oracle, ...parameters }),
    getAveragePrice: (parameters) => getAveragePrice(client, { oracle, ...parameters }),
    getIndexMetadata: (parameters) => getIndexMetadata(client, { oracle, ...parameters }),
    getIndexParams: (parameters) => getIndexParams(client, { oracle, ...parameters }),
    getRegisteredIndexes: (parameters = {}) =>
      getRegisteredIndexes(client, { oracle, fromBlock: deployment.contracts.IndexOracle.startBlock, ...parameters }),
    getMarkets: (parameters = {}) => getMarkets(client, { clearingHouse: ch(), ...parameters }),
    getMarket: (parameters) => getMarket(client, { clearingHouse: ch(), ...parameters }),
    getOrderBook: (parameters) => getOrderBook(client, { clearingHouse: ch(), ...parameters }),
    getAccount: ({ history = true, ...parameters } = {}) => {
      const account = parameters.account ?? client.account?.address;
      if (!account) throw new AccountRequiredError({ action: "getAccount" });
      return getAccount(client, {
        clearingHouse: ch(),
        historyFromBlock: history ? chStart() : undefined,
        ...parameters,
        account,
      });
    },
    placeOrder: (parameters) => placeOrder(client, { clearingHouse: ch(), chainId, ...parameters }),
    cancelOrder: (parameters) => cancelOrder(client, { clearingHouse: ch(), chainId, ...parameters }),
    cancelAllOrders: (parameters) => cancelAllOrders(client, { clearingHouse: ch(), chainId, ...parameters }),
    batchOrders: (parameters) => batchOrders(client, { clearingHouse: ch(), chainId, ...parameters }),
    waitForOrder: (parameters) => waitForOrder(client, parameters),
    deposit: (parameters) =>
      deposit(client, { clearingHouse: ch(), token: deployment.collateral.address, chainId, ...parameters }),
    withdraw: (parameters) => withdraw(client, { clearingHouse: ch(), chainId, ...parameters }),
    claimSettlement: (parameters) => claimSettlement(client, { clearingHouse: ch(), chainId, ...parameters }),
    liquidate: (parameters) => liquidate(client, { clearingHouse: ch(), chainId, ...parameters }),
    proposeSettlement: (parameters) => proposeSettlement(client, { clearingHouse: ch(), chainId, ...parameters }),
    finalizeSettlement: (parameters) => finalizeSettlement(client, { clearingHouse: ch(), chainId, ...parameters }),
    signCapacityAttestation: (parameters) =>
      signCapacityAttestation(client, {
        capacityToken: getContractAddress(deployment, "CapacityToken"),
        chainId,
        ...parameters,
      } as SignCapacityAttestationParameters),
    mintCapacity: (parameters) =>
      mintCapacity(client, { capacityToken: getContractAddress(deployment, "CapacityToken"), chainId, ...parameters }),
    redeemCapacity: (parameters) =>
      redeemCapacity(client, {
        capacityToken: getContractAddress(deployment, "CapacityToken"),
        chainId,
        ...parameters,
      }),
    confirmDelivery: (parameters) =>
      confirmDelivery(client, {
        capacityToken: getContractAddress(deployment, "CapacityToken"),
        chainId,
        ...parameters,
      }),
    claimCompensation: (parameters) =>
      claimCompensation(client, {
        capacityToken: getContractAddress(deployment, "CapacityToken"),
        chainId,
        ...parameters,
      }),
    fixCompensationPrice: (parameters) =>
      fixCompensationPrice(client, {
        capacityToken: getContractAddress(deployment, "CapacityToken"),
        chainId,
        ...parameters,
      }),
    releaseExpired: (parameters) =>
      releaseExpired(client, {
        capacityToken: getContractAddress(deployment, "CapacityToken"),
        chainId,
        ...parameters,
      }),
    postCapacityCollateral: (parameters) =>
      postCapacityCollateral(client, {
        clearingHouse: ch(),
        capacityToken: getContractAddress(deployment, "CapacityToken"),
        chainId,
        ...parameters,
      }),
    withdrawCapacityCollateral: (parameters) =>
      withdrawCapacityCollateral(client, { clearingHouse: ch(), chainId, ...parameters }),
    createKeeper: (parameters = {}) =>
      createKeeper(client, { clearingHouse: ch(), fromBlock: chStart(), ...parameters }),
  });
}
