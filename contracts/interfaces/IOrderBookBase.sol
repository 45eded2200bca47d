// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IClearingHouseBase} from "./IClearingHouseBase.sol";

/// @title IOrderBookBase
/// @notice Types, events and errors of the clearing house's order books (see {IOrderBook}). The
///         books live in the clearing house itself, so their operations also emit its `Fill`
///         and revert with its errors (`IClearingHouseBase`).
interface IOrderBookBase is IClearingHouseBase {
    /// @notice How an order executes.
    /// @dev Limit: fills what crosses, rests the rest (good till cancelled, or till `expiry`).
    ///      PostOnly: rests or reverts if it would cross. IOC: fills what crosses up to the
    ///      limit price, drops the rest. FOK: fills entirely or reverts. Market: an IOC whose
    ///      price is only a protection limit (not checked against the band).
    enum OrderType {
        Limit,
        PostOnly,
        IOC,
        FOK,
        Market
    }

    /// @notice Why a resting order left the book without filling.
    enum CancelReason {
        User,
        Expired,
        StaleOrder,
        SelfTrade,
        ReduceOnly,
        MaxPosition,
        Margin
    }

    /// @notice An order to place.
    /// @param expiry Good-till-time deadline for a resting order (0: good till cancelled).
    struct PlaceParams {
        uint256 marketId;
        bool isBid;
        OrderType kind;
        bool reduceOnly;
        uint256 price;
        uint256 size;
        uint256 expiry;
    }

    /// @notice A resting order as read back.
    struct OrderView {
        address owner;
        uint256 marketId;
        bool isBid;
        uint256 price;
        uint256 size;
        uint256 expiry;
        uint256 epoch;
        bool reduceOnly;
    }

    /// @notice One price level of one side, as `depthOf` reads it.
    /// @param price The level's price (tick × tick size).
    /// @param size GPU-hours of the level's live orders.
    /// @param orders How many live orders rest at the level.
    struct DepthLevel {
        uint256 price;
        uint256 size;
        uint256 orders;
    }

    /// @notice An order of `owner` rests in the book with `size` GPU-hours: its market, side,
    ///         price tick and place in its level's queue are in `orderId` (`OrderLib.decodeId`;
    ///         price = tick × the market's tick size). Fills of it are `Fill` events.
    /// @param expiry Good-till-time deadline (0: good till cancelled).
    event OrderPlaced(uint256 indexed orderId, address indexed owner, uint256 size, uint256 expiry, bool reduceOnly);
    /// @notice A resting order left the book with `size` unfilled.
    event OrderCancelled(
        uint256 indexed marketId,
        uint256 indexed orderId,
        address indexed owner,
        uint256 size,
        CancelReason reason
    );
    /// @notice An incoming order matched (or, for IOC/FOK/Market, did not rest): `filled` of
    ///         `size` at prices no worse than `price`.
    event TakerOrder(
        uint256 indexed marketId,
        address indexed taker,
        bool isBid,
        OrderType kind,
        uint256 price,
        uint256 size,
        uint256 filled
    );
    /// @notice Every order of `owner` in the market placed before `epoch` is dead: it no longer
    ///         reserves margin, and is removed when a taker reaches it or its owner cancels it.
    event AllCancelled(uint256 indexed marketId, address indexed owner, uint256 epoch);

    /// @notice A good-till-time order whose deadline has passed.
    error OrderExpired(uint256 expiry, uint256 timestamp);
    /// @notice A good-till-time deadline beyond 2^32 − 1.
    error InvalidExpiry(uint256 expiry);
    /// @notice A post-only order would cross the best opposite price.
    error PostOnlyWouldCross(uint256 price, uint256 bestOpposite);
    /// @notice A fill-or-kill order could not be filled entirely.
    error FillOrKillNotFilled(uint256 size, uint256 filled);
    /// @notice No live order has this id.
    error UnknownOrder(uint256 orderId);
    /// @notice Only the owner cancels an order.
    error NotOrderOwner(uint256 orderId, address owner, address caller);
    /// @notice A price level holds at most 65,535 live orders and 2^24 orders over its life.
    error LevelFull(uint256 marketId, bool isBid, uint256 price);
}
