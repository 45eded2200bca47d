// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IOrderBook
/// @notice On-chain central limit order books, one per clearing-house market, feeding fills
///         into the clearing house. Price-time priority: prices on ticks, a three-level bitmap of
///         active ticks, FIFO queues per level. A taker's gas grows with the levels and maker
///         orders it fills (and the dead orders it clears), never with the rest of the book.
/// @dev Margin, price band, lot, market state and mode are checked by the clearing house; its
///      errors (`IClearingHouseBase`) bubble up unchanged.
interface IOrderBook {
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

    /// @notice An order rests in the book (its price, remaining size and place in the queue
    ///         are in `orderId` and here). Fills of it are the clearing house's `Fill` events.
    event OrderPlaced(
        uint256 indexed marketId,
        uint256 indexed orderId,
        address indexed owner,
        bool isBid,
        uint256 price,
        uint256 size,
        uint256 expiry,
        bool reduceOnly
    );
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

    /// @notice A size of zero.
    error ZeroSize();
    /// @notice The price is zero, not a multiple of the tick or beyond the highest tick.
    error PriceNotOnTick(uint256 price, uint256 tickSize);
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

    /// @notice Places an order for the caller.
    /// @return orderId The resting order's id (0 when nothing rests).
    /// @return filled GPU-hours filled on entry.
    function place(PlaceParams calldata params) external returns (uint256 orderId, uint256 filled);

    /// @notice Cancels one of the caller's resting orders. Allowed in any market state.
    function cancel(uint256 orderId) external;

    /// @notice Cancels all the caller's resting orders in a market at once (O(1): a new order
    ///         epoch in the clearing house). Allowed in any market state.
    function cancelAll(uint256 marketId) external;

    /// @notice Cancels `cancels`, then places `places`, for the caller, in one transaction.
    /// @return orderIds The resting ids of `places` (0 when nothing rests).
    function batch(
        uint256[] calldata cancels,
        PlaceParams[] calldata places
    ) external returns (uint256[] memory orderIds);

    /// @notice The clearing house the books feed.
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
    ///      owner's in the clearing house); a level left with no live order is skipped and does
    ///      not count toward `maxLevels`. Reduce-only orders show at their full size, though a
    ///      fill may cut them to what their owner can close.
    ///      Warning: for off-chain reads (`eth_call`). Gas grows with every order walked, dead
    ///      ones included (one clearing-house read per order owner change).
    /// @param isBid Bids (highest first) or asks (lowest first).
    /// @param maxLevels The most levels to return.
    /// @return levels The live levels, best first (fewer than `maxLevels` when the side runs out).
    function depthOf(
        uint256 marketId,
        bool isBid,
        uint256 maxLevels
    ) external view returns (DepthLevel[] memory levels);
}
