export { businessSecondsBetween, businessTime, DAY, indexAge, WEEK } from "./calendar.js";
export { InsufficientQuotesError, MathInputError } from "./errors.js";
export {
  type ComputeIndexOptions,
  computeIndex,
  type DropReason,
  type IndexComputation,
  type ProviderQuote,
} from "./indexMethod.js";
export {
  abs,
  accountHealth,
  applyFillDown,
  applyTradeDown,
  bandAt,
  bandLimits,
  bpsDown,
  bpsOfNotionalUp,
  clampToBand,
  emaDown,
  type FillResult,
  freeMargin,
  type Health,
  haircutPerUnitUp,
  isLiquidatable,
  isReducing,
  liquidationHealth,
  liquidationPrice,
  liquidationSizeUp,
  liquidationValuationPrice,
  markPrice,
  mulDivSignedUp,
  opensOrAdds,
  type PositionRisk,
  settlementPnlDown,
  sidePnls,
  type TradeResult,
  unrealizedPnl,
  worstSize,
} from "./margin.js";
export { medianDown, type Weighted, weightedMedianDown } from "./median.js";
export {
  BPS,
  exceedsMoveGuard,
  type IsStaleParameters,
  isStale,
  type MoveGuardParameters,
  moveGuardBounds,
} from "./oracleGuards.js";
export {
  type DecodedFill,
  type DecodedOrderId,
  decodeFill,
  decodeOrderId,
  encodeOrderId,
} from "./orderId.js";
export { capProviderWeights } from "./providerCap.js";
export { averagePriceDown, CUMULATIVE_MODULUS, cumulativeAt, type PriceRound } from "./twap.js";
