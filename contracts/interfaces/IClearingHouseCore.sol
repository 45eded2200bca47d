// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IClearingHouseBase} from "./IClearingHouseBase.sol";
import {Position} from "../types/Position.sol";

/// @title IClearingHouseCore
/// @notice The clearing house's hot paths, implemented by `ClearingHouse` itself: collateral,
///         the order book's entry points, liquidation and account reads.
interface IClearingHouseCore is IClearingHouseBase {
    /// @notice The only caller of the trade entry points (fixed at deployment).
    function orderBook() external view returns (address);

    /// @notice Deposits `amount` of collateral from the caller into `account`.
    /// @dev Warning: reverts `TransferAmountMismatch` unless the clearing house's balance grows by
    ///      exactly `amount` (fee-on-transfer and rebasing tokens are not supported).
    /// @param account The account credited (anyone may fund any account).
    /// @param amount Amount in the token's smallest unit.
    function deposit(address account, uint256 amount) external;

    /// @notice Withdraws `amount` of the caller's collateral to `to`, as long as the account
    ///         keeps at least its initial margin (positions and resting orders) and its
    ///         collateral does not go negative.
    /// @dev Warning: with open positions the check reads the index; a stale index reverts.
    function withdraw(uint256 amount, address to) external;

    /// @notice Validates a new resting order and reserves its margin (worst side). Order book
    ///         only. Reverts with the reason the order is refused.
    /// @param reduceOnly A reduce-only order reserves nothing; it can only reduce when filled.
    /// @return epoch The account's order epoch in the market, to stamp on the order.
    function reserveOrder(
        address account,
        uint256 marketId,
        bool isBid,
        uint256 size,
        uint256 price,
        bool reduceOnly
    ) external returns (uint256 epoch);

    /// @notice Releases `size` of an account's resting orders on one side (cancel, expiry,
    ///         self-trade prevention). A no-op for orders of an older `epoch`. Order book only.
    function releaseOrder(address account, uint256 marketId, bool isBid, uint256 size, uint256 epoch) external;

    /// @notice Releases all of an account's resting orders in a market at once by starting a
    ///         new order epoch: orders stamped with older epochs are dead. Order book only.
    /// @return epoch The new epoch.
    function releaseAll(address account, uint256 marketId) external returns (uint256 epoch);

    /// @notice Checks a taker's order at entry: market trading, price on tick, size a multiple
    ///         of the lot. Order book only.
    function checkOrder(uint256 marketId, address account, uint256 size, uint256 price) external view;

    /// @notice Applies one fill between a resting maker order and a taker at `price`: both
    ///         positions, fees, open interest, mark average. The maker side is checked (order
    ///         epoch, self-trade, reduce-only, position limit, margin when its risk grows): when
    ///         refused nothing is filled, the maker order's remaining reservation is released
    ///         and the status says why; the book then drops the order. The taker side is checked
    ///         for reduce-only and limits here, for margin by `checkTaker`. Order book only.
    /// @param orderId The maker order (for the `Fill` event).
    /// @param takerSize Signed GPU-hours from the taker's side (the maker gets −takerSize).
    /// @param makerRemaining The maker order's remaining size, released when refused.
    /// @param flags Bits 0–15: the maker order's epoch; bit 16: maker order reduce-only;
    ///        bit 17: taker order reduce-only.
    function applyFill(
        uint256 marketId,
        uint256 orderId,
        address maker,
        address taker,
        int256 takerSize,
        uint256 price,
        uint256 makerRemaining,
        uint256 flags
    ) external returns (FillStatus status);

    /// @notice Checks the taker's initial margin after its order's fills in `marketId`, when
    ///         any fill added risk, and ends the transaction's index cache of the market. Order
    ///         book only; called once at the end of every taker order that filled.
    function checkTaker(uint256 marketId, address taker) external;

    /// @notice Liquidates part or all of `account`'s position in `marketId`, when the account is
    ///         below maintenance margin: the caller takes it over at mark, the account pays the
    ///         penalty (shared between the caller and the insurance fund). The size taken is the
    ///         least that restores the account to initial margin, capped by `maxSize`.
    /// @dev Warning: every position is valued at whichever of its mark and its index is better for
    ///      the account (a long at the higher, a short at the lower), and the position is taken
    ///      over at that price: a mark pushed by wash trades alone cannot liquidate anyone.
    /// @return size GPU-hours taken over.
    function liquidate(address account, uint256 marketId, uint256 maxSize) external returns (uint256 size);

    /// @notice The collateral token.
    function collateralToken() external view returns (address);

    /// @notice An account's collateral.
    function collateralOf(address account) external view returns (int256);

    /// @notice An account's position in a market.
    function positionOf(
        address account,
        uint256 marketId
    ) external view returns (int256 size, int256 openNotional, uint256 bidSize, uint256 askSize);

    /// @notice The raw packed position (see `types/Position.sol`).
    function rawPosition(address account, uint256 marketId) external view returns (Position);

    /// @notice An account's equity and margins now.
    function health(address account) external view returns (Health memory);
}
