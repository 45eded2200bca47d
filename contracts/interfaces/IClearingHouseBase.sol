// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IClearingHouseBase
/// @notice Types, events and errors of the Computus clearing house (see {IClearingHouse}).
interface IClearingHouseBase {
    /* ---------------------------------------------------------------- */
    /*                           Types                                  */
    /* ---------------------------------------------------------------- */

    /// @notice Market mode, set by the market admin (the guardian may pause).
    enum Mode {
        Active,
        ReduceOnly,
        Paused
    }

    /// @notice Market state, following the clock and the settlement stage.
    enum State {
        Listed,
        Trading,
        Averaging,
        Expired,
        Settled
    }

    /// @notice Settlement stage of a market.
    enum Stage {
        None,
        Proposed,
        Settled
    }

    /// @notice Parameters of a new market.
    /// @param indexId The index (from the index oracle) the market settles on.
    /// @param tradingStart When trading opens (Listed before).
    /// @param windowStart Start of the averaging window (trading continues).
    /// @param windowEnd End of the averaging window; trading stops (Expired).
    /// @param tickSize Price step, quote units per GPU-hour.
    /// @param lotSize Size step, GPU-hours (below 2^20).
    /// @param imBps Initial margin, basis points of notional at mark.
    /// @param mmBps Maintenance margin, basis points of notional at mark (< imBps).
    /// @param makerFeeBps Maker fee, basis points of the fill's notional.
    /// @param takerFeeBps Taker fee, basis points of the fill's notional.
    /// @param oiCap Open-interest cap (Σ long sizes), GPU-hours.
    /// @param maxPosition Largest |size| (and worst side with resting orders) of one account.
    /// @param bandBps Mark-price band around the index before the window; narrows to a
    ///        quarter during it. Orders must be priced inside the band.
    struct MarketParams {
        bytes32 indexId;
        uint32 tradingStart;
        uint32 windowStart;
        uint32 windowEnd;
        uint64 tickSize;
        uint32 lotSize;
        uint16 imBps;
        uint16 mmBps;
        uint16 makerFeeBps;
        uint16 takerFeeBps;
        uint64 oiCap;
        uint64 maxPosition;
        uint16 bandBps;
    }

    /// @notice Clock, tick, lot and fee parameters of a market, as the views show them (stored
    ///      apart: see `ClearingHouseStorage.Market`).
    struct MarketConfig {
        uint32 tradingStart;
        uint32 windowStart;
        uint32 windowEnd;
        uint64 tickSize;
        uint32 lotSize;
        uint16 imBps;
        uint16 mmBps;
        uint16 makerFeeBps;
        uint16 takerFeeBps;
    }

    /// @notice Risk limits, mode and settlement of a market, as the views show them.
    struct MarketRisk {
        uint64 oiCap;
        uint64 maxPosition;
        uint16 bandBps;
        Mode mode;
        uint64 finalPrice;
        uint32 proposedAt;
        Stage stage;
    }

    /// @notice Trading state of a market, one storage slot.
    /// @param ema Time-weighted moving average of traded prices (0 before the first trade).
    /// @param lastTradeAt When `ema` was last updated.
    /// @param openInterest Σ long sizes (= −Σ short sizes).
    /// @param longOpenNotional Σ open notional of long positions.
    struct MarketTrading {
        uint64 ema;
        uint32 lastTradeAt;
        uint64 openInterest;
        int96 longOpenNotional;
    }

    /// @notice Short-side aggregate, bad debt and write-down of a market, as the views show them.
    /// @param shortOpenNotional Σ open notional of short positions.
    /// @param badDebt Bad debt the insurance fund could not cover, to write down at settlement.
    /// @param winnerIsLong Set at finalisation: which side the write-down applies to.
    /// @param haircut Set at finalisation: write-down per GPU-hour of the winning side.
    struct MarketTail {
        int96 shortOpenNotional;
        uint88 badDebt;
        bool winnerIsLong;
        uint64 haircut;
    }

    /// @notice An account's margin picture.
    /// @param equity Collateral + Σ unrealized PnL at mark (+ Σ unclaimed settlement PnL).
    /// @param initialMargin Initial margin over positions and resting orders (worst side).
    /// @param maintenanceMargin Maintenance margin over positions.
    struct Health {
        int256 equity;
        uint256 initialMargin;
        uint256 positionMargin;
        uint256 maintenanceMargin;
        uint256 openPositions;
    }

    /// @notice Covered-short parameters of a market, set by the market admin (one slot).
    /// @param haircutBps Cut off the value of posted capacity when a liquidation seizes it.
    /// @param imBps Initial margin of the covered part of a short (0 < mmBps < imBps ≤ the
    ///        market's IM); 0: covered shorts are not enabled on the market.
    /// @param mmBps Maintenance margin of the covered part (≤ the market's MM).
    struct CoverParams {
        uint16 haircutBps;
        uint16 imBps;
        uint16 mmBps;
    }

    /// @notice Capacity units an account posted for one market, with the window copied from the
    ///         token's terms (so the margin check reads one slot, not the token). One slot.
    struct CoverTerms {
        uint64 units;
        uint32 start;
        uint32 end;
    }

    /* ---------------------------------------------------------------- */
    /*                           Events                                 */
    /* ---------------------------------------------------------------- */

    /// @notice `from` deposited `amount` into `account`'s collateral.
    event Deposited(address indexed account, address indexed from, uint256 amount, int256 collateral);
    /// @notice `account` withdrew `amount` to `to`.
    event Withdrawn(address indexed account, address indexed to, uint256 amount, int256 collateral);
    /// @notice A market was created.
    event MarketCreated(uint256 indexed marketId, bytes32 indexed indexId, MarketParams params);
    /// @notice A market's mode changed.
    event MarketModeSet(uint256 indexed marketId, Mode mode, address indexed by);
    /// @notice A role changed.
    event RoleSet(bytes32 indexed role, address indexed account);
    /// @notice Resting order `orderId` of `maker` filled `size` GPU-hours against `taker`, at the
    ///         order's price: its market, side and price tick are in the id (`OrderLib.decodeId`;
    ///         price = tick × the market's tick size), and the maker took the order's side. Each
    ///         side paid its fee by `MarginLib.applyFillDown` (into its open notional when the
    ///         fill opened or added to its position, else out of the PnL it realized); the fees
    ///         went to the fee pool and insurance fund by `insuranceFeeShareBps`, and the
    ///         market's traded-price average moved by `MarginLib.emaDown`.
    event Fill(
        uint256 indexed orderId,
        address indexed maker,
        address indexed taker,
        uint256 size,
        uint256 makerFee,
        uint256 takerFee
    );
    /// @notice `liquidator` took over `size` (signed, from the liquidated account's side: its
    ///         position changes by −size) of `account`'s position at `markPrice`; `penalty` left
    ///         the account, `reward` of it went to the liquidator, the rest to insurance.
    event Liquidated(
        uint256 indexed marketId,
        address indexed account,
        address indexed liquidator,
        int256 size,
        uint256 markPrice,
        uint256 penalty,
        uint256 reward
    );
    /// @notice An account with no position left owed `deficit`; insurance covered `covered`,
    ///         `uncovered` was added to the market's bad debt (`marketId` 0: to the global deficit).
    event BadDebt(
        uint256 indexed marketId,
        address indexed account,
        uint256 deficit,
        uint256 covered,
        uint256 uncovered
    );
    /// @notice A final price was proposed (after the window), `fallbackUsed` when the index had
    ///         stopped and the last good average was taken.
    event SettlementProposed(uint256 indexed marketId, uint256 price, bool fallbackUsed);
    /// @notice The guardian replaced a proposed final price.
    event SettlementDisputed(uint256 indexed marketId, uint256 oldPrice, uint256 newPrice, string reason);
    /// @notice A market was settled; `haircut` per GPU-hour of the winning side covers
    ///         `badDebt`; `unrecovered` could not be written down and joined the global deficit;
    ///         `toInsurance` is the rounding surplus of the write-down.
    event SettlementFinalized(
        uint256 indexed marketId,
        uint256 price,
        bool winnerIsLong,
        uint256 haircut,
        uint256 badDebt,
        uint256 unrecovered,
        uint256 toInsurance
    );
    /// @notice `account`'s position in a settled market was closed: `pnl` (after write-down)
    ///         moved into collateral, now `collateral`.
    event SettlementClaimed(
        uint256 indexed marketId,
        address indexed account,
        int256 size,
        int256 pnl,
        int256 collateral
    );
    /// @notice `account` posted `units` of capacity `tokenId` as cover for its short in
    ///         `marketId`; it now has `posted` units there.
    event CapacityCollateralPosted(
        address indexed account,
        uint256 indexed marketId,
        uint256 indexed tokenId,
        uint256 units,
        uint256 posted
    );
    /// @notice `account` took back `units` of capacity `tokenId` from `marketId`; `posted` are left.
    event CapacityCollateralWithdrawn(
        address indexed account,
        uint256 indexed marketId,
        uint256 indexed tokenId,
        uint256 units,
        uint256 posted
    );
    /// @notice A liquidation of `account` in `marketId` sold all its `units` of capacity
    ///         `tokenId` posted there to `liquidator` for `value` (remaining hours × index ×
    ///         (1 − haircut)), moved from the liquidator's collateral to the account's.
    event CapacityCollateralSeized(
        address indexed account,
        uint256 indexed marketId,
        address indexed liquidator,
        uint256 tokenId,
        uint256 units,
        uint256 value
    );
    /// @notice The market admin set the covered-short parameters of `marketId`.
    event CoverParamsSet(uint256 indexed marketId, uint16 haircutBps, uint16 imBps, uint16 mmBps);
    /// @notice The owner registered the capacity token whose units the clearing house takes.
    event CapacityTokenSet(address indexed token);
    /// @notice The owner collected protocol fees.
    event FeesCollected(address indexed to, uint256 amount);

    /* ---------------------------------------------------------------- */
    /*                           Errors                                 */
    /* ---------------------------------------------------------------- */

    /// @notice The caller lacks `role`.
    error Unauthorized(address caller, bytes32 role);
    /// @notice The zero address where an account or role is needed.
    error ZeroAddress();
    /// @notice An amount of zero.
    error ZeroAmount();
    /// @notice An amount larger than collateral can hold.
    error AmountTooLarge(uint256 amount);
    /// @notice The collateral token moved a different amount than asked (fee-on-transfer,
    ///         rebasing or re-entrant tokens are refused).
    error TransferAmountMismatch(uint256 expected, uint256 received);
    /// @notice Withdrawing more than the account's collateral.
    error InsufficientCollateral(uint256 requested, int256 collateral);
    /// @notice The account would be below its initial margin.
    error InsufficientMargin(address account, int256 equity, uint256 required);
    /// @notice `marketId` does not exist.
    error UnknownMarket(uint256 marketId);
    /// @notice Invalid market parameters; `field` names the first bad one.
    error InvalidMarketParams(bytes32 field, uint256 value);
    /// @notice The market does not trade in its current state.
    error MarketNotTrading(uint256 marketId, State state);
    /// @notice The market is paused.
    error MarketPaused(uint256 marketId);
    /// @notice A trade would increase the position in a reduce-only market or order.
    error ReduceOnlyViolated(uint256 marketId, address account, int256 size, int256 delta);
    /// @notice A size of zero.
    error ZeroSize();
    /// @notice The size is not a multiple of the lot or exceeds the market's maximum position.
    error InvalidSize(uint256 size, uint256 lotSize, uint256 maxPosition);
    /// @notice The price is zero, not a multiple of the tick or beyond the highest tick.
    error PriceNotOnTick(uint256 price, uint256 tickSize);
    /// @notice The price is outside the band around the index.
    error PriceOutsideBand(uint256 price, uint256 lower, uint256 upper);
    /// @notice The account's position (or worst side with resting orders) would exceed the max.
    error MaxPositionExceeded(address account, uint256 size, uint256 maxPosition);
    /// @notice The market's open interest would exceed its cap.
    error OpenInterestCapExceeded(uint256 marketId, uint256 openInterest, uint256 cap);
    /// @notice The account is already in 16 markets.
    error TooManyMarkets(address account);
    /// @notice The account has no position in the market.
    error NoPosition(address account, uint256 marketId);
    /// @notice The account is not below maintenance margin.
    error AccountHealthy(address account, int256 equity, uint256 maintenanceMargin);
    /// @notice A liquidator cannot liquidate itself.
    error SelfLiquidation(address account);
    /// @notice The liquidation size rounds to zero lots.
    error LiquidationTooSmall(uint256 requested, uint256 lotSize);
    /// @notice The window's average is not final yet: proposals open at `opensAt`, the window's
    ///         end plus the index's `maxSubmissionDelay` (the last moment a round inside the
    ///         window can still arrive).
    error SettlementNotDue(uint256 marketId, uint256 opensAt);
    /// @notice The settlement stage does not allow the call.
    error WrongSettlementStage(uint256 marketId, Stage stage);
    /// @notice The dispute period is over (dispute) or still running (finalise).
    error DisputePeriod(uint256 marketId, uint256 endsAt);
    /// @notice The index cannot give a final price and the grace period has not passed.
    error IndexUnavailable(uint256 marketId, uint256 fallbackAt);
    /// @notice A final price of zero or above 2^64.
    error InvalidFinalPrice(uint256 price);
    /// @notice The oracle has a price for index `indexNumber` that this contract's copy lacks.
    error IndexOutOfSync(uint256 indexNumber);
    /// @notice Only the index oracle may push index prices.
    error NotIndexOracle(address caller);
    /// @notice Markets can be listed only once this contract is the oracle's subscriber
    ///         (`IIndexOracle.subscriber`): orders price from the copy the oracle pushes.
    error NotIndexSubscriber(address subscriber);
    /// @notice The account used all 65,535 cancel-all epochs in the market.
    error EpochExhausted(address account, uint256 marketId);
    /// @notice Collecting more fees than accrued.
    error InsufficientFees(uint256 requested, uint256 accrued);

    /// @notice No capacity token is registered yet.
    error CapacityTokenNotSet();
    /// @notice The capacity token is registered already (once only: units are in custody).
    error CapacityTokenAlreadySet(address token);
    /// @notice ERC-1155 units arrived from `token`, which is not the registered capacity token.
    error NotCapacityToken(address token);
    /// @notice Capacity units arrived other than through `postCapacityCollateral` (`operator`
    ///         was not the clearing house itself), or in a batch.
    error UnexpectedCapacityTransfer(address operator);
    /// @notice Covered shorts are not enabled on `marketId` (no cover parameters).
    error CoverNotEnabled(uint256 marketId);
    /// @notice Capacity `tokenId` is priced by `tokenIndex`, not the market's `marketIndex`.
    error CoverIndexMismatch(uint256 marketId, uint256 tokenId, bytes32 marketIndex, bytes32 tokenIndex);
    /// @notice The token's window [`start`, `end`) has no hour left inside the market's window.
    error CoverWindowMismatch(uint256 marketId, uint256 tokenId, uint32 start, uint32 end);
    /// @notice The account has `posted` units of another token in `marketId` (one token per market).
    error CoverTokenMismatch(uint256 marketId, uint256 posted, uint256 tokenId);
    /// @notice Withdrawing more units of `tokenId` than the `posted` ones.
    error InsufficientCover(uint256 marketId, uint256 tokenId, uint256 posted, uint256 requested);
    /// @notice Invalid cover parameters; `field` names the first bad one.
    error InvalidCoverParams(bytes32 field, uint256 value);

    /* ---------------------------------------------------------------- */
    /*                     Reads shared by both halves                  */
    /* ---------------------------------------------------------------- */

    /// @notice The collateral token's decimals, read at deployment.
    function collateralDecimals() external view returns (uint8);

    /// @notice Number of markets created (ids are 1..marketCount).
    function marketCount() external view returns (uint256);

    /// @notice May create markets and set their modes.
    function marketAdmin() external view returns (address);

    /// @notice May pause markets and replace a proposed final price.
    function guardian() external view returns (address);
}
