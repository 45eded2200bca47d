// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IOrderBookBase} from "./IOrderBookBase.sol";

/// @title IOrderBookActions
/// @notice Placing and cancelling orders: the order books' hot paths, implemented by
///         `ClearingHouse` itself (its core), where every fill is applied to both positions at once.
interface IOrderBookActions is IOrderBookBase {
    /// @notice Places an order for the caller.
    /// @dev Checks, each a custom error: size zero (`ZeroSize`); price zero, off tick or above the
    ///      highest tick (`PriceNotOnTick`); lot and max position (`InvalidSize`); a resting price
    ///      outside the band around the index (`PriceOutsideBand`); a good-till-time deadline
    ///      passed (`OrderExpired`) or beyond 2^32 (`InvalidExpiry`); a post-only order that would
    ///      cross (`PostOnlyWouldCross`); the market not trading or paused; the caller's initial
    ///      margin with the order resting, worst side (`InsufficientMargin`).
    /// @return orderId The resting order's id (0 when nothing rests).
    /// @return filled GPU-hours filled on entry.
    function place(PlaceParams calldata params) external returns (uint256 orderId, uint256 filled);

    /// @notice Cancels one of the caller's resting orders. Allowed in any market state.
    function cancel(uint256 orderId) external;

    /// @notice Cancels all the caller's resting orders in a market at once (O(1): a new order
    ///         epoch on the caller's position). Allowed in any market state.
    function cancelAll(uint256 marketId) external;

    /// @notice Cancels `cancels`, then places `places`, for the caller, in one transaction.
    /// @return orderIds The resting ids of `places` (0 when nothing rests).
    function batch(
        uint256[] calldata cancels,
        PlaceParams[] calldata places
    ) external returns (uint256[] memory orderIds);
}
