// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IOrderBookBase} from "./IOrderBookBase.sol";

/// @title IOrderBookReads
/// @notice Reading the order books, implemented by `ClearingHouseReader` and reached through the
///         fallbacks of `ClearingHouse` and `ClearingHouseExtension`.
interface IOrderBookReads is IOrderBookBase {
    /// @notice The clearing house the books belong to: the contract itself (kept for readers
    ///         written when the books were a contract of their own).
    function clearingHouse() external view returns (address);

    /// @notice Best bid and ask (0 when a side is empty).
    /// @dev Warning: a level holding only orders killed by `cancelAll` still shows until a
    ///      taker or their owners clear it.
    function bestPrices(uint256 marketId) external view returns (uint256 bid, uint256 ask);

    /// @notice A resting order (reverts `UnknownOrder` when there is none).
    function orderOf(uint256 orderId) external view returns (OrderView memory);

    /// @notice A price level's queue: next index to match, next index to assign, live orders.
    function levelOf(
        uint256 marketId,
        bool isBid,
        uint256 price
    ) external view returns (uint256 head, uint256 tail, uint256 count);

    /// @notice Up to `maxLevels` price levels of one side of a market's book, best first, with
    ///         the size and number of the live orders at each: what a taker would meet now.
    /// @dev Walks the bitmap outward from the cached best tick and each level's queue from head
    ///      to tail. Left out: cancelled and filled orders, orders past their `expiry` at this
    ///      block, and orders killed by their owner's `cancelAll` (an epoch older than the
    ///      owner's position's); a level left with no live order is skipped and does not count
    ///      toward `maxLevels`. Reduce-only orders show at their full size, though a fill may cut
    ///      them to what their owner can close.
    ///      Warning: for off-chain reads (`eth_call`). Gas grows with every order walked, dead
    ///      ones included.
    /// @param isBid Bids (highest first) or asks (lowest first).
    /// @param maxLevels The most levels to return.
    /// @return levels The live levels, best first (fewer than `maxLevels` when the side runs out).
    function depthOf(
        uint256 marketId,
        bool isBid,
        uint256 maxLevels
    ) external view returns (DepthLevel[] memory levels);
}
