/**
 * Typed errors for every custom error of the clearing house (contracts/interfaces/
 * IClearingHouseBase.sol) and of its order books (IOrderBookBase.sol), one class each, with a
 * message a trader understands. The decoder maps a revert to them by error signature through
 * `clearingHouseErrors` (see `decodeContractError.ts`).
 */
import { type Address, type Hex, hexToString } from "viem";
import type { clearingHouseAbi } from "../generated/abis.js";
import { formatTimestamp } from "../utils/format.js";
import { ComputusContractError, type ContractErrorFactories } from "./base.js";
import {
  CapacityTokenAlreadySetError,
  CapacityTokenNotSetError,
  CoverIndexMismatchError,
  CoverNotEnabledError,
  CoverTokenMismatchError,
  CoverWindowMismatchError,
  InsufficientCoverError,
  InvalidCoverParamsError,
  NotCapacityTokenError,
  UnexpectedCapacityTransferError,
} from "./cover.js";

type Cause = { cause?: Error | undefined };

/** Market states, as the contract's `State` enum. */
export const MARKET_STATES = ["Listed", "Trading", "Averaging", "Expired", "Settled"] as const;
export type MarketStateName = (typeof MARKET_STATES)[number];
/** Settlement stages, as the contract's `Stage` enum. */
export const SETTLEMENT_STAGES = ["None", "Proposed", "Settled"] as const;
export type SettlementStageName = (typeof SETTLEMENT_STAGES)[number];

function bytes32Text(value: Hex): string {
  try {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the bytes32's zero padding
    const text = hexToString(value, { size: 32 }).replace(/\u0000+$/, "");
    return /^[\x20-\x7e]+$/.test(text) ? text : value;
  } catch {
    return value;
  }
}

/** Base of the clearing house's and order book's errors: a name, the decoded args, a message. */
abstract class TradeError extends ComputusContractError {}

function base(name: string, errorName: string, args: readonly unknown[], cause: Error | undefined) {
  return { name, errorName, args, cause };
}

export class UnauthorizedError extends TradeError {
  readonly caller: Address;
  readonly role: Hex;
  constructor({ caller, role, cause }: { caller: Address; role: Hex } & Cause) {
    super(
      `Account ${caller} is not allowed to do this: it needs the ${bytes32Text(role)} role.`,
      base("UnauthorizedError", "Unauthorized", [caller, role], cause),
    );
    this.caller = caller;
    this.role = role;
  }
}

export class ZeroAddressError extends TradeError {
  constructor({ cause }: Cause = {}) {
    super("An account address is needed, not the zero address.", base("ZeroAddressError", "ZeroAddress", [], cause));
  }
}

export class ZeroAmountError extends TradeError {
  constructor({ cause }: Cause = {}) {
    super("The amount must be more than zero.", base("ZeroAmountError", "ZeroAmount", [], cause));
  }
}

export class AmountTooLargeError extends TradeError {
  readonly amount: bigint;
  constructor({ amount, cause }: { amount: bigint } & Cause) {
    super(
      `The amount ${amount} is larger than an account's collateral can hold.`,
      base("AmountTooLargeError", "AmountTooLarge", [amount], cause),
    );
    this.amount = amount;
  }
}

export class TransferAmountMismatchError extends TradeError {
  readonly expected: bigint;
  readonly received: bigint;
  constructor({ expected, received, cause }: { expected: bigint; received: bigint } & Cause) {
    super(
      `The collateral token moved ${received} instead of ${expected}: fee-on-transfer, rebasing or re-entrant tokens cannot be deposited.`,
      base("TransferAmountMismatchError", "TransferAmountMismatch", [expected, received], cause),
    );
    this.expected = expected;
    this.received = received;
  }
}

export class InsufficientCollateralError extends TradeError {
  readonly requested: bigint;
  readonly collateral: bigint;
  constructor({ requested, collateral, cause }: { requested: bigint; collateral: bigint } & Cause) {
    super(
      `Cannot withdraw ${requested}: the account's collateral is only ${collateral}.`,
      base("InsufficientCollateralError", "InsufficientCollateral", [requested, collateral], cause),
    );
    this.requested = requested;
    this.collateral = collateral;
  }
}

export class InsufficientMarginError extends TradeError {
  readonly account: Address;
  readonly equity: bigint;
  readonly required: bigint;
  constructor({ account, equity, required, cause }: { account: Address; equity: bigint; required: bigint } & Cause) {
    super(
      `Insufficient margin: account ${account} would have equity ${equity} against an initial margin of ${required} ` +
        `(${required - equity} short). Deposit more collateral or trade a smaller size.`,
      base("InsufficientMarginError", "InsufficientMargin", [account, equity, required], cause),
    );
    this.account = account;
    this.equity = equity;
    this.required = required;
  }
}

export class UnknownMarketError extends TradeError {
  readonly marketId: bigint;
  constructor({ marketId, cause }: { marketId: bigint } & Cause) {
    super(`Market ${marketId} does not exist.`, base("UnknownMarketError", "UnknownMarket", [marketId], cause));
    this.marketId = marketId;
  }
}

export class InvalidMarketParamsError extends TradeError {
  readonly field: string;
  readonly value: bigint;
  constructor({ field, value, cause }: { field: Hex; value: bigint } & Cause) {
    const name = bytes32Text(field);
    super(
      `Invalid market parameter ${name} (${value}).`,
      base("InvalidMarketParamsError", "InvalidMarketParams", [field, value], cause),
    );
    this.field = name;
    this.value = value;
  }
}

export class MarketNotTradingError extends TradeError {
  readonly marketId: bigint;
  readonly state: MarketStateName;
  constructor({ marketId, state, cause }: { marketId: bigint; state: number } & Cause) {
    const name = MARKET_STATES[state] ?? "Listed";
    const why =
      name === "Listed"
        ? "it has not opened for trading yet"
        : name === "Expired"
          ? "it has expired (its window has ended)"
          : name === "Settled"
            ? "it is settled"
            : `it is ${name}`;
    super(
      `Market ${marketId} does not trade: ${why}.`,
      base("MarketNotTradingError", "MarketNotTrading", [marketId, state], cause),
    );
    this.marketId = marketId;
    this.state = name;
  }
}

export class MarketPausedError extends TradeError {
  readonly marketId: bigint;
  constructor({ marketId, cause }: { marketId: bigint } & Cause) {
    super(`Market ${marketId} is paused.`, base("MarketPausedError", "MarketPaused", [marketId], cause));
    this.marketId = marketId;
  }
}

export class ReduceOnlyViolatedError extends TradeError {
  readonly marketId: bigint;
  readonly account: Address;
  readonly size: bigint;
  readonly delta: bigint;
  constructor({
    marketId,
    account,
    size,
    delta,
    cause,
  }: { marketId: bigint; account: Address; size: bigint; delta: bigint } & Cause) {
    super(
      `Reduce-only: a trade of ${delta} would not reduce the position of ${size} in market ${marketId} (the order or the market is reduce-only).`,
      base("ReduceOnlyViolatedError", "ReduceOnlyViolated", [marketId, account, size, delta], cause),
    );
    this.marketId = marketId;
    this.account = account;
    this.size = size;
    this.delta = delta;
  }
}

export class ZeroSizeError extends TradeError {
  constructor({ cause }: Cause = {}) {
    super("The order size must be more than zero.", base("ZeroSizeError", "ZeroSize", [], cause));
  }
}

export class InvalidSizeError extends TradeError {
  readonly size: bigint;
  readonly lotSize: bigint;
  readonly maxPosition: bigint;
  constructor({ size, lotSize, maxPosition, cause }: { size: bigint; lotSize: bigint; maxPosition: bigint } & Cause) {
    super(
      `Invalid size ${size}: it must be a multiple of the lot (${lotSize}) and at most ${maxPosition}.`,
      base("InvalidSizeError", "InvalidSize", [size, lotSize, maxPosition], cause),
    );
    this.size = size;
    this.lotSize = lotSize;
    this.maxPosition = maxPosition;
  }
}

export class PriceNotOnTickError extends TradeError {
  readonly price: bigint;
  readonly tickSize: bigint;
  constructor({ price, tickSize, cause }: { price: bigint; tickSize: bigint } & Cause) {
    super(
      `Price ${price} is off tick: it must be a positive multiple of the tick size ${tickSize}.`,
      base("PriceNotOnTickError", "PriceNotOnTick", [price, tickSize], cause),
    );
    this.price = price;
    this.tickSize = tickSize;
  }
}

export class PriceOutsideBandError extends TradeError {
  readonly price: bigint;
  readonly lower: bigint;
  readonly upper: bigint;
  constructor({ price, lower, upper, cause }: { price: bigint; lower: bigint; upper: bigint } & Cause) {
    super(
      `Price ${price} is outside the band around the index: orders must be priced between ${lower} and ${upper}.`,
      base("PriceOutsideBandError", "PriceOutsideBand", [price, lower, upper], cause),
    );
    this.price = price;
    this.lower = lower;
    this.upper = upper;
  }
}

export class MaxPositionExceededError extends TradeError {
  readonly account: Address;
  readonly size: bigint;
  readonly maxPosition: bigint;
  constructor({ account, size, maxPosition, cause }: { account: Address; size: bigint; maxPosition: bigint } & Cause) {
    super(
      `The position (with resting orders) would reach ${size}, above the market's maximum of ${maxPosition}.`,
      base("MaxPositionExceededError", "MaxPositionExceeded", [account, size, maxPosition], cause),
    );
    this.account = account;
    this.size = size;
    this.maxPosition = maxPosition;
  }
}

export class OpenInterestCapExceededError extends TradeError {
  readonly marketId: bigint;
  readonly openInterest: bigint;
  readonly cap: bigint;
  constructor({ marketId, openInterest, cap, cause }: { marketId: bigint; openInterest: bigint; cap: bigint } & Cause) {
    super(
      `Market ${marketId}'s open interest would reach ${openInterest}, above its cap of ${cap}.`,
      base("OpenInterestCapExceededError", "OpenInterestCapExceeded", [marketId, openInterest, cap], cause),
    );
    this.marketId = marketId;
    this.openInterest = openInterest;
    this.cap = cap;
  }
}

export class TooManyMarketsError extends TradeError {
  readonly account: Address;
  constructor({ account, cause }: { account: Address } & Cause) {
    super(
      `Account ${account} is already in 16 markets, the most one account may hold.`,
      base("TooManyMarketsError", "TooManyMarkets", [account], cause),
    );
    this.account = account;
  }
}

export class NoPositionError extends TradeError {
  readonly account: Address;
  readonly marketId: bigint;
  constructor({ account, marketId, cause }: { account: Address; marketId: bigint } & Cause) {
    super(
      `Account ${account} has no position in market ${marketId}.`,
      base("NoPositionError", "NoPosition", [account, marketId], cause),
    );
    this.account = account;
    this.marketId = marketId;
  }
}

export class AccountHealthyError extends TradeError {
  readonly account: Address;
  readonly equity: bigint;
  readonly maintenanceMargin: bigint;
  constructor({
    account,
    equity,
    maintenanceMargin,
    cause,
  }: { account: Address; equity: bigint; maintenanceMargin: bigint } & Cause) {
    super(
      `Account ${account} cannot be liquidated: its equity ${equity} is not below its maintenance margin ${maintenanceMargin}.`,
      base("AccountHealthyError", "AccountHealthy", [account, equity, maintenanceMargin], cause),
    );
    this.account = account;
    this.equity = equity;
    this.maintenanceMargin = maintenanceMargin;
  }
}

export class SelfLiquidationError extends TradeError {
  readonly account: Address;
  constructor({ account, cause }: { account: Address } & Cause) {
    super(
      `Account ${account} cannot liquidate itself.`,
      base("SelfLiquidationError", "SelfLiquidation", [account], cause),
    );
    this.account = account;
  }
}

export class LiquidationTooSmallError extends TradeError {
  readonly requested: bigint;
  readonly lotSize: bigint;
  constructor({ requested, lotSize, cause }: { requested: bigint; lotSize: bigint } & Cause) {
    super(
      `A liquidation of at most ${requested} is less than one lot (${lotSize}).`,
      base("LiquidationTooSmallError", "LiquidationTooSmall", [requested, lotSize], cause),
    );
    this.requested = requested;
    this.lotSize = lotSize;
  }
}

/**
 * The window's average is not final yet: proposals open at `opensAt`, the window's end plus the
 * index's `maxSubmissionDelay` (finding S-1).
 */
export class SettlementNotDueError extends TradeError {
  readonly marketId: bigint;
  readonly opensAt: bigint;
  constructor({ marketId, opensAt, cause }: { marketId: bigint; opensAt: bigint } & Cause) {
    super(
      `Market ${marketId} cannot settle before its window's average is final (${formatTimestamp(opensAt)}: the window's end plus the index's maximum submission delay).`,
      base("SettlementNotDueError", "SettlementNotDue", [marketId, opensAt], cause),
    );
    this.marketId = marketId;
    this.opensAt = opensAt;
  }
}

export class WrongSettlementStageError extends TradeError {
  readonly marketId: bigint;
  readonly stage: SettlementStageName;
  constructor({ marketId, stage, cause }: { marketId: bigint; stage: number } & Cause) {
    const name = SETTLEMENT_STAGES[stage] ?? "None";
    const why =
      name === "None"
        ? "no final price has been proposed yet"
        : name === "Proposed"
          ? "its final price is proposed, not yet final"
          : "it is settled already";
    super(
      `Not possible in market ${marketId} now: ${why}.`,
      base("WrongSettlementStageError", "WrongSettlementStage", [marketId, stage], cause),
    );
    this.marketId = marketId;
    this.stage = name;
  }
}

export class DisputePeriodError extends TradeError {
  readonly marketId: bigint;
  readonly endsAt: bigint;
  constructor({ marketId, endsAt, cause }: { marketId: bigint; endsAt: bigint } & Cause) {
    super(
      `Market ${marketId}'s dispute period ends at ${formatTimestamp(endsAt)}: a final price is disputed before it and finalised after it.`,
      base("DisputePeriodError", "DisputePeriod", [marketId, endsAt], cause),
    );
    this.marketId = marketId;
    this.endsAt = endsAt;
  }
}

export class IndexUnavailableError extends TradeError {
  readonly marketId: bigint;
  readonly fallbackAt: bigint;
  constructor({ marketId, fallbackAt, cause }: { marketId: bigint; fallbackAt: bigint } & Cause) {
    super(
      `The index of market ${marketId} cannot give a final price yet; the last good average may be used after ${formatTimestamp(fallbackAt)}.`,
      base("IndexUnavailableError", "IndexUnavailable", [marketId, fallbackAt], cause),
    );
    this.marketId = marketId;
    this.fallbackAt = fallbackAt;
  }
}

export class InvalidFinalPriceError extends TradeError {
  readonly price: bigint;
  constructor({ price, cause }: { price: bigint } & Cause) {
    super(
      `Final price ${price} is invalid (zero or above 2^64).`,
      base("InvalidFinalPriceError", "InvalidFinalPrice", [price], cause),
    );
    this.price = price;
  }
}

export class IndexOutOfSyncError extends TradeError {
  readonly indexNumber: bigint;
  constructor({ indexNumber, cause }: { indexNumber: bigint } & Cause) {
    super(
      `The clearing house's copy of index ${indexNumber} is behind the oracle's; it is not the oracle's subscriber.`,
      base("IndexOutOfSyncError", "IndexOutOfSync", [indexNumber], cause),
    );
    this.indexNumber = indexNumber;
  }
}

export class NotIndexOracleError extends TradeError {
  readonly caller: Address;
  constructor({ caller, cause }: { caller: Address } & Cause) {
    super(
      `Only the index oracle may push index prices to the clearing house, not ${caller}.`,
      base("NotIndexOracleError", "NotIndexOracle", [caller], cause),
    );
    this.caller = caller;
  }
}

export class NotIndexSubscriberError extends TradeError {
  readonly subscriber: Address;
  constructor({ subscriber, cause }: { subscriber: Address } & Cause) {
    super(
      `Markets can be listed only on an oracle that pushes its rounds to this clearing house; its subscriber is ${subscriber}.`,
      base("NotIndexSubscriberError", "NotIndexSubscriber", [subscriber], cause),
    );
    this.subscriber = subscriber;
  }
}

export class EpochExhaustedError extends TradeError {
  readonly account: Address;
  readonly marketId: bigint;
  constructor({ account, marketId, cause }: { account: Address; marketId: bigint } & Cause) {
    super(
      `Account ${account} has used all 32,767 cancel-all's in market ${marketId}; cancel orders one by one.`,
      base("EpochExhaustedError", "EpochExhausted", [account, marketId], cause),
    );
    this.account = account;
    this.marketId = marketId;
  }
}

export class InsufficientFeesError extends TradeError {
  readonly requested: bigint;
  readonly accrued: bigint;
  constructor({ requested, accrued, cause }: { requested: bigint; accrued: bigint } & Cause) {
    super(
      `Cannot collect ${requested} in fees: only ${accrued} accrued.`,
      base("InsufficientFeesError", "InsufficientFees", [requested, accrued], cause),
    );
    this.requested = requested;
    this.accrued = accrued;
  }
}

/* --------------------------------- order book --------------------------------- */

export class OrderExpiredError extends TradeError {
  readonly expiry: bigint;
  readonly timestamp: bigint;
  constructor({ expiry, timestamp, cause }: { expiry: bigint; timestamp: bigint } & Cause) {
    super(
      `The order's deadline ${formatTimestamp(expiry)} has passed (the chain's time is ${formatTimestamp(timestamp)}).`,
      base("OrderExpiredError", "OrderExpired", [expiry, timestamp], cause),
    );
    this.expiry = expiry;
    this.timestamp = timestamp;
  }
}

export class InvalidExpiryError extends TradeError {
  readonly expiry: bigint;
  constructor({ expiry, cause }: { expiry: bigint } & Cause) {
    super(
      `Order deadline ${expiry} is beyond 2^32 − 1 seconds.`,
      base("InvalidExpiryError", "InvalidExpiry", [expiry], cause),
    );
    this.expiry = expiry;
  }
}

export class PostOnlyWouldCrossError extends TradeError {
  readonly price: bigint;
  readonly bestOpposite: bigint;
  constructor({ price, bestOpposite, cause }: { price: bigint; bestOpposite: bigint } & Cause) {
    super(
      `A post-only order at ${price} would trade against the best opposite price ${bestOpposite}.`,
      base("PostOnlyWouldCrossError", "PostOnlyWouldCross", [price, bestOpposite], cause),
    );
    this.price = price;
    this.bestOpposite = bestOpposite;
  }
}

export class FillOrKillNotFilledError extends TradeError {
  readonly size: bigint;
  readonly filled: bigint;
  constructor({ size, filled, cause }: { size: bigint; filled: bigint } & Cause) {
    super(
      `A fill-or-kill order for ${size} could only fill ${filled}; nothing was traded.`,
      base("FillOrKillNotFilledError", "FillOrKillNotFilled", [size, filled], cause),
    );
    this.size = size;
    this.filled = filled;
  }
}

export class UnknownOrderError extends TradeError {
  readonly orderId: bigint;
  constructor({ orderId, cause }: { orderId: bigint } & Cause) {
    super(
      `No live order has id ${orderId} (filled, cancelled or never placed).`,
      base("UnknownOrderError", "UnknownOrder", [orderId], cause),
    );
    this.orderId = orderId;
  }
}

export class NotOrderOwnerError extends TradeError {
  readonly orderId: bigint;
  readonly owner: Address;
  readonly caller: Address;
  constructor({ orderId, owner, caller, cause }: { orderId: bigint; owner: Address; caller: Address } & Cause) {
    super(
      `Order ${orderId} belongs to ${owner}; ${caller} cannot cancel it.`,
      base("NotOrderOwnerError", "NotOrderOwner", [orderId, owner, caller], cause),
    );
    this.orderId = orderId;
    this.owner = owner;
    this.caller = caller;
  }
}

export class LevelFullError extends TradeError {
  readonly marketId: bigint;
  readonly isBid: boolean;
  readonly price: bigint;
  constructor({ marketId, isBid, price, cause }: { marketId: bigint; isBid: boolean; price: bigint } & Cause) {
    super(
      `The ${isBid ? "bid" : "ask"} level at ${price} in market ${marketId} is full; use another price.`,
      base("LevelFullError", "LevelFull", [marketId, isBid, price], cause),
    );
    this.marketId = marketId;
    this.isBid = isBid;
    this.price = price;
  }
}

/** Every custom error of the clearing house, its order books' included, by name. */
export const clearingHouseErrors = {
  Unauthorized: ([caller, role], cause) => new UnauthorizedError({ caller, role, cause }),
  ZeroAddress: (_args, cause) => new ZeroAddressError({ cause }),
  ZeroAmount: (_args, cause) => new ZeroAmountError({ cause }),
  AmountTooLarge: ([amount], cause) => new AmountTooLargeError({ amount, cause }),
  TransferAmountMismatch: ([expected, received], cause) =>
    new TransferAmountMismatchError({ expected, received, cause }),
  InsufficientCollateral: ([requested, collateral], cause) =>
    new InsufficientCollateralError({ requested, collateral, cause }),
  InsufficientMargin: ([account, equity, required], cause) =>
    new InsufficientMarginError({ account, equity, required, cause }),
  UnknownMarket: ([marketId], cause) => new UnknownMarketError({ marketId, cause }),
  InvalidMarketParams: ([field, value], cause) => new InvalidMarketParamsError({ field, value, cause }),
  MarketNotTrading: ([marketId, state], cause) => new MarketNotTradingError({ marketId, state, cause }),
  MarketPaused: ([marketId], cause) => new MarketPausedError({ marketId, cause }),
  ReduceOnlyViolated: ([marketId, account, size, delta], cause) =>
    new ReduceOnlyViolatedError({ marketId, account, size, delta, cause }),
  ZeroSize: (_args, cause) => new ZeroSizeError({ cause }),
  InvalidSize: ([size, lotSize, maxPosition], cause) => new InvalidSizeError({ size, lotSize, maxPosition, cause }),
  PriceNotOnTick: ([price, tickSize], cause) => new PriceNotOnTickError({ price, tickSize, cause }),
  PriceOutsideBand: ([price, lower, upper], cause) => new PriceOutsideBandError({ price, lower, upper, cause }),
  MaxPositionExceeded: ([account, size, maxPosition], cause) =>
    new MaxPositionExceededError({ account, size, maxPosition, cause }),
  OpenInterestCapExceeded: ([marketId, openInterest, cap], cause) =>
    new OpenInterestCapExceededError({ marketId, openInterest, cap, cause }),
  TooManyMarkets: ([account], cause) => new TooManyMarketsError({ account, cause }),
  NoPosition: ([account, marketId], cause) => new NoPositionError({ account, marketId, cause }),
  AccountHealthy: ([account, equity, maintenanceMargin], cause) =>
    new AccountHealthyError({ account, equity, maintenanceMargin, cause }),
  SelfLiquidation: ([account], cause) => new SelfLiquidationError({ account, cause }),
  LiquidationTooSmall: ([requested, lotSize], cause) => new LiquidationTooSmallError({ requested, lotSize, cause }),
  SettlementNotDue: ([marketId, opensAt], cause) => new SettlementNotDueError({ marketId, opensAt, cause }),
  WrongSettlementStage: ([marketId, stage], cause) => new WrongSettlementStageError({ marketId, stage, cause }),
  DisputePeriod: ([marketId, endsAt], cause) => new DisputePeriodError({ marketId, endsAt, cause }),
  IndexUnavailable: ([marketId, fallbackAt], cause) => new IndexUnavailableError({ marketId, fallbackAt, cause }),
  InvalidFinalPrice: ([price], cause) => new InvalidFinalPriceError({ price, cause }),
  IndexOutOfSync: ([indexNumber], cause) => new IndexOutOfSyncError({ indexNumber, cause }),
  NotIndexOracle: ([caller], cause) => new NotIndexOracleError({ caller, cause }),
  NotIndexSubscriber: ([subscriber], cause) => new NotIndexSubscriberError({ subscriber, cause }),
  EpochExhausted: ([account, marketId], cause) => new EpochExhaustedError({ account, marketId, cause }),
  InsufficientFees: ([requested, accrued], cause) => new InsufficientFeesError({ requested, accrued, cause }),
  CapacityTokenNotSet: (_args, cause) => new CapacityTokenNotSetError({ cause }),
  CapacityTokenAlreadySet: ([token], cause) => new CapacityTokenAlreadySetError({ token, cause }),
  NotCapacityToken: ([token], cause) => new NotCapacityTokenError({ token, cause }),
  UnexpectedCapacityTransfer: ([operator], cause) => new UnexpectedCapacityTransferError({ operator, cause }),
  CoverNotEnabled: ([marketId], cause) => new CoverNotEnabledError({ marketId, cause }),
  CoverIndexMismatch: ([marketId, tokenId, marketIndex, tokenIndex], cause) =>
    new CoverIndexMismatchError({ marketId, tokenId, marketIndex, tokenIndex, cause }),
  CoverWindowMismatch: ([marketId, tokenId, start, end], cause) =>
    new CoverWindowMismatchError({ marketId, tokenId, start, end, cause }),
  CoverTokenMismatch: ([marketId, posted, tokenId], cause) =>
    new CoverTokenMismatchError({ marketId, posted, tokenId, cause }),
  InsufficientCover: ([marketId, tokenId, posted, requested], cause) =>
    new InsufficientCoverError({ marketId, tokenId, posted, requested, cause }),
  InvalidCoverParams: ([field, value], cause) => new InvalidCoverParamsError({ field, value, cause }),
  OrderExpired: ([expiry, timestamp], cause) => new OrderExpiredError({ expiry, timestamp, cause }),
  InvalidExpiry: ([expiry], cause) => new InvalidExpiryError({ expiry, cause }),
  PostOnlyWouldCross: ([price, bestOpposite], cause) => new PostOnlyWouldCrossError({ price, bestOpposite, cause }),
  FillOrKillNotFilled: ([size, filled], cause) => new FillOrKillNotFilledError({ size, filled, cause }),
  UnknownOrder: ([orderId], cause) => new UnknownOrderError({ orderId, cause }),
  NotOrderOwner: ([orderId, owner, caller], cause) => new NotOrderOwnerError({ orderId, owner, caller, cause }),
  LevelFull: ([marketId, isBid, price], cause) => new LevelFullError({ marketId, isBid, price, cause }),
} as const satisfies ContractErrorFactories<typeof clearingHouseAbi>;

/**
 * The order books' errors, by name: the order books are part of the clearing house, so this is
 * `clearingHouseErrors` (kept for code written when the book was a contract of its own).
 * @deprecated Use `clearingHouseErrors`.
 */
export const orderBookErrors = clearingHouseErrors;
