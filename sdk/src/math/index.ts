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
  applyTradeDown,
  bandAt,
  bandLimits,
  bpsDown,
  bpsOfNotionalUp,
  clampToBand,
  emaDown,
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
export { capProviderWeights } from "./providerCap.js";
export { averagePriceDown, CUMULATIVE_MODULUS, cumulativeAt, type PriceRound } from "./twap.js";
