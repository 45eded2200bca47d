/**
 * @computus/sdk: TypeScript SDK for Computus, cash-settled futures on the price of GPU compute.
 * viem first: actions are functions `fn(client, parameters)`; `computusActions(deployment)` binds
 * them for `client.extend(...)`. Importing this module has no side effects.
 */

// Trading: markets, order book, orders, collateral, accounts, settlement.
export * from "./actions/public/getAccount.js";
// Actions
export {
  type GetAveragePriceErrorType,
  type GetAveragePriceParameters,
  type GetAveragePriceReturnType,
  getAveragePrice,
} from "./actions/public/getAveragePrice.js";
export {
  type GetIndexMetadataErrorType,
  type GetIndexMetadataParameters,
  type GetIndexMetadataReturnType,
  getIndexMetadata,
  type IndexMetadata,
} from "./actions/public/getIndexMetadata.js";
export {
  type GetIndexParamsErrorType,
  type GetIndexParamsParameters,
  type GetIndexParamsReturnType,
  getIndexParams,
  type IndexParams,
} from "./actions/public/getIndexParams.js";
export {
  type GetLatestRoundErrorType,
  type GetLatestRoundParameters,
  type GetLatestRoundReturnType,
  getLatestRound,
  type OracleRound,
} from "./actions/public/getLatestRound.js";
export * from "./actions/public/getLiquidationRisk.js";
export * from "./actions/public/getMarket.js";
export * from "./actions/public/getMarkets.js";
export * from "./actions/public/getOrderBook.js";
export {
  type GetRegisteredIndexesErrorType,
  type GetRegisteredIndexesParameters,
  type GetRegisteredIndexesReturnType,
  getRegisteredIndexes,
  type RegisteredIndex,
} from "./actions/public/getRegisteredIndexes.js";
export {
  type VerifyDeploymentErrorType,
  type VerifyDeploymentParameters,
  type VerifyDeploymentReturnType,
  verifyDeployment,
} from "./actions/public/verifyDeployment.js";
export {
  type RecordedRound,
  type WaitForRoundErrorType,
  type WaitForRoundParameters,
  type WaitForRoundReturnType,
  waitForRound,
} from "./actions/public/waitForRound.js";
export * from "./actions/wallet/batchOrders.js";
export * from "./actions/wallet/cancelAllOrders.js";
export * from "./actions/wallet/cancelOrder.js";
export * from "./actions/wallet/claimCompensation.js";
export * from "./actions/wallet/claimSettlement.js";
// GPU owners: capacity tokens.
export * from "./actions/wallet/confirmDelivery.js";
export * from "./actions/wallet/deposit.js";
export * from "./actions/wallet/finalizeSettlement.js";
export * from "./actions/wallet/fixCompensationPrice.js";
export * from "./actions/wallet/liquidate.js";
export * from "./actions/wallet/mintCapacity.js";
export * from "./actions/wallet/placeOrder.js";
export * from "./actions/wallet/postCapacityCollateral.js";
export * from "./actions/wallet/proposeSettlement.js";
export * from "./actions/wallet/redeemCapacity.js";
export * from "./actions/wallet/releaseExpired.js";
export * from "./actions/wallet/signCapacityAttestation.js";
export {
  type SignObservationErrorType,
  type SignObservationParameters,
  type SignObservationReturnType,
  signObservation,
} from "./actions/wallet/signObservation.js";
export {
  type SubmitRoundErrorType,
  type SubmitRoundParameters,
  type SubmitRoundReturnType,
  submitRound,
} from "./actions/wallet/submitRound.js";
export * from "./actions/wallet/waitForOrder.js";
export * from "./actions/wallet/withdraw.js";
export * from "./actions/wallet/withdrawCapacityCollateral.js";
export * from "./bots/keeper.js";
// Bots
export {
  type CreatePublisherParameters,
  createPublisher,
  latestFixing,
  type ObservationFailure,
  type ObservationProvider,
  type ObservationReport,
  type ObservationRequest,
  type PublishRoundParameters,
  type PublishRoundResult,
  publishRound,
  type QuoteSource,
  type RunPublisherBotParameters,
  runPublisherBot,
} from "./bots/publisher.js";
export {
  createPublisherHandler,
  type PublisherHandlerParameters,
  RemotePublisherError,
  type RemotePublisherParameters,
  remotePublisher,
} from "./bots/remotePublisher.js";
export * from "./capacity/typedData.js";
// Decorator
export { type ComputusActions, computusActions } from "./decorators/computus.js";
// Deployments
export {
  assertDeploymentChain,
  type CollateralToken,
  type ContractDeployment,
  type ContractName,
  DEPLOYMENT_FORMAT_VERSION,
  type Deployment,
  getContractAddress,
  parseDeployment,
  serializeDeployment,
} from "./deployment/deployment.js";
// Errors
export * from "./errors/index.js";
// ABIs (generated from the build artifacts)
export { indexOracleAbi } from "./generated/abis.js";
// Math (bigint, no viem; also at "@computus/sdk/math")
export * from "./math/index.js";
// Oracle publisher
export { type BuiltRound, buildRound, type PublisherObservation, type SignedObservation } from "./oracle/buildRound.js";
export { recoverObservationSigner, toCompactSignature } from "./oracle/compactSignature.js";
export { formatIndexId, toIndexId } from "./oracle/indexId.js";
export { observationToJson, type PublisherObservationJson, parseObservation } from "./oracle/observationJson.js";
export {
  assertObservation,
  hashObservation,
  OBSERVATION_DOMAIN_NAME,
  OBSERVATION_DOMAIN_VERSION,
  type Observation,
  observationTypedData,
  observationTypes,
} from "./oracle/typedData.js";
// Transports
export { type Eip1193ProviderLike, eip1193, toRpcRequestError } from "./transports/eip1193.js";
// Formatting
export { formatBps, formatDuration, formatTimestamp } from "./utils/format.js";
