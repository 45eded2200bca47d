// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IOrderBook} from "../interfaces/IOrderBook.sol";
import {IClearingHouse} from "../interfaces/IClearingHouse.sol";
import {IClearingHouseBase} from "../interfaces/IClearingHouseBase.sol";
import {TickBitmapLib} from "../libraries/TickBitmapLib.sol";
import {Order, OrderLib} from "../types/Order.sol";

/// @title OrderBook
/// @notice See {IOrderBook}. Storage: per market one header slot (tick size and the two
///         bitmap roots); per resting order one slot; per price level 64 bits (4 levels share a
///         slot); bitmap words as `TickBitmapLib` describes.
/// @dev Matching is eager: each maker fill is applied in the clearing house at once (both
///      positions, fees, margin), so positions always net to zero and a maker breaching margin
///      is dropped at the fill. See docs/order-book.md for the choice against lazy claims.
contract OrderBook is IOrderBook {
    using TickBitmapLib for mapping(uint256 => uint256);

    /// @notice Highest tick index (prices are tickSize × tick, 0 < tick ≤ MAX_TICK).
    uint256 public constant MAX_TICK = (1 << 22) - 1;

    uint256 private constant MASK_64 = (1 << 64) - 1;
    uint256 private constant MASK_24 = (1 << 24) - 1;
    uint256 private constant MASK_22 = (1 << 22) - 1;
    uint256 private constant FLAG_MAKER_REDUCE_ONLY = 1 << 16;
    uint256 private constant FLAG_TAKER_REDUCE_ONLY = 1 << 17;

    IClearingHouse internal immutable _ch;

    /// @dev marketId => tickSize [0,64) | bid root [64,128) | ask root [128,192) | best bid tick
    ///      [192,214) | best ask tick [214,236) (0: side empty) | lot size [236,256). The best
    ///      ticks are kept so an order learns whether it crosses without reading the bitmap;
    ///      the lot so a crossing order needs no separate validation call.
    mapping(uint256 marketId => uint256) internal _headers;
    /// @dev TickBitmapLib words of every market and side.
    mapping(uint256 key => uint256) internal _bitmaps;
    /// @dev (marketId, side, tick >> 2) => 4 levels × (head uint24 | tail uint24 | count uint16).
    mapping(uint256 key => uint256) internal _levels;
    /// @dev orderId => packed order.
    mapping(uint256 orderId => Order) internal _orders;

    /// @dev Working state of one incoming order.
    struct Taker {
        uint256 marketId;
        address account;
        bool isBid;
        uint256 limitTick;
        uint256 tickSize;
        uint256 remaining;
        uint256 filled;
        uint256 flags;
        uint256 header;
    }

    constructor(IClearingHouse clearingHouse_) {
        _ch = clearingHouse_;
    }

    /* ---------------------------------------------------------------- */
    /*                           Orders                                 */
    /* ---------------------------------------------------------------- */

    /// @inheritdoc IOrderBook
    function place(PlaceParams calldata params) external returns (uint256 orderId, uint256 filled) {
        return _place(params);
    }

    /// @inheritdoc IOrderBook
    function cancel(uint256 orderId) external {
        _cancel(orderId);
    }

    /// @inheritdoc IOrderBook
    function cancelAll(uint256 marketId) external {
        uint256 epoch = _ch.releaseAll(msg.sender, marketId);
        emit AllCancelled(marketId, msg.sender, epoch);
    }

    /// @inheritdoc IOrderBook
    function batch(
        uint256[] calldata cancels,
        PlaceParams[] calldata places
    ) external returns (uint256[] memory orderIds) {
        for (uint256 i; i < cancels.length; ++i) _cancel(cancels[i]);
        orderIds = new uint256[](places.length);
        for (uint256 i; i < places.length; ++i) (orderIds[i], ) = _place(places[i]);
    }

    /* ---------------------------------------------------------------- */
    /*                           Reads                                  */
    /* ---------------------------------------------------------------- */

    /// @inheritdoc IOrderBook
    function clearingHouse() external view returns (address) {
        return address(_ch);
    }

    /// @inheritdoc IOrderBook
    function bestPrices(uint256 marketId) external view returns (uint256 bid, uint256 ask) {
        uint256 header = _headers[marketId];
        uint256 tickSize = header & MASK_64;
        return (_best(header, true) * tickSize, _best(header, false) * tickSize);
    }

    /// @inheritdoc IOrderBook
    function orderOf(uint256 orderId) external view returns (OrderView memory v) {
        Order o = _orders[orderId];
        if (Order.unwrap(o) == 0) revert UnknownOrder(orderId);
        (uint256 marketId, bool isBid, uint256 tick, ) = OrderLib.decodeId(orderId);
        return
            OrderView({
                owner: o.owner(),
                marketId: marketId,
                isBid: isBid,
                price: tick * (_headers[marketId] & MASK_64),
                size: o.size(),
                expiry: o.expiry(),
                epoch: o.epoch(),
                reduceOnly: o.reduceOnly()
            });
    }

    /// @inheritdoc IOrderBook
    function levelOf(
        uint256 marketId,
        bool isBid,
        uint256 price
    ) external view returns (uint256 head, uint256 tail, uint256 count) {
        uint256 tickSize = _headers[marketId] & MASK_64;
        if (tickSize == 0) return (0, 0, 0);
        uint256 tick = price / tickSize;
        uint256 lv = (_levels[_levelKey(marketId, isBid, tick)] >> ((tick & 3) * 64)) & MASK_64;
        return (lv & MASK_24, (lv >> 24) & MASK_24, lv >> 48);
    }

    /* ---------------------------------------------------------------- */
    /*                           Internals                              */
    /* ---------------------------------------------------------------- */

    function _place(PlaceParams calldata p) internal returns (uint256 orderId, uint256 filled) {
        if (p.size == 0) revert ZeroSize();
        Taker memory t;
        t.marketId = p.marketId;
        t.account = msg.sender;
        t.isBid = p.isBid;
        t.header = _header(p.marketId);
        uint256 header0 = t.header;
        t.tickSize = t.header & MASK_64;
        if (p.price == 0 || p.price % t.tickSize != 0 || p.price / t.tickSize > MAX_TICK) {
            revert PriceNotOnTick(p.price, t.tickSize);
        }
        t.limitTick = p.price / t.tickSize;
        if (p.expiry != 0 && p.expiry <= block.timestamp) revert OrderExpired(p.expiry, block.timestamp);
        if (p.expiry > type(uint32).max) revert InvalidExpiry(p.expiry);
        bool resting = p.kind == OrderType.Limit || p.kind == OrderType.PostOnly;

        uint256 best = _best(t.header, !p.isBid);
        bool crosses = best != 0 && (p.isBid ? best <= t.limitTick : best >= t.limitTick);
        if (p.kind == OrderType.PostOnly && crosses) revert PostOnlyWouldCross(p.price, best * t.tickSize);

        t.remaining = p.size;
        if (crosses || !resting) {
            // A crossing order is validated by its first fill (state, mode, limits); the lot
            // is checked here. Anything else gets the clearing house's full check and error.
            if (!crosses || p.size % (t.header >> 236) != 0) _ch.checkOrder(p.marketId, msg.sender, p.size, p.price);
            if (p.reduceOnly) {
                t.flags = FLAG_TAKER_REDUCE_ONLY;
                (int256 size, , , ) = _ch.positionOf(msg.sender, p.marketId);
                uint256 closable = p.isBid ? (size < 0 ? uint256(-size) : 0) : (size > 0 ? uint256(size) : 0);
                if (closable < t.remaining) t.remaining = closable;
            }
            if (crosses) {
                _match(t, best);
                // Always: it also ends the clearing house's per-operation index cache.
                _ch.checkTaker(p.marketId, msg.sender);
                if (t.filled == 0) _ch.checkOrder(p.marketId, msg.sender, p.size, p.price);
            }
            filled = t.filled;
            if (p.kind == OrderType.FOK && filled < p.size) revert FillOrKillNotFilled(p.size, filled);
            emit TakerOrder(p.marketId, msg.sender, p.isBid, p.kind, p.price, p.size, filled);
        }
        uint256 rest = p.size - filled;
        if (resting && rest != 0) orderId = _rest(t, p, rest);
        // Compared with the header as read (nothing else writes it meanwhile): no second SLOAD.
        if (t.header != header0) _headers[p.marketId] = t.header;
    }

    /// @dev Walks the opposite side from `tick` (its best level) while it crosses the limit,
    ///      then records that side's new best tick.
    function _match(Taker memory t, uint256 tick) internal {
        bool makerIsBid = !t.isBid;
        uint256 base = _base(t.marketId, makerIsBid);
        uint256 rootShift = makerIsBid ? 64 : 128;
        while (_matchLevel(t, makerIsBid, tick)) {
            uint256 root = _bitmaps.clear(base, (t.header >> rootShift) & MASK_64, tick);
            t.header = _setRoot(t.header, makerIsBid, root);
            bool found;
            (tick, found) = makerIsBid ? _bitmaps.nextBelow(base, root, tick) : _bitmaps.nextAbove(base, root, tick);
            if (!found) {
                tick = 0;
                break;
            }
            if (t.remaining == 0 || (makerIsBid ? tick < t.limitTick : tick > t.limitTick)) break;
        }
        t.header = _setBest(t.header, makerIsBid, tick);
    }

    /// @dev Fills makers at one level in time order; returns whether the level is now empty.
    // solhint-disable-next-line function-max-lines
    function _matchLevel(Taker memory t, bool makerIsBid, uint256 tick) internal returns (bool emptied) {
        uint256 key = _levelKey(t.marketId, makerIsBid, tick);
        uint256 shift = (tick & 3) * 64;
        uint256 word = _levels[key];
        uint256 lv = (word >> shift) & MASK_64;
        uint256 idx = lv & MASK_24;
        uint256 tail = (lv >> 24) & MASK_24;
        uint256 count = lv >> 48;
        uint256 price = tick * t.tickSize;
        // Stops at the level's last live order: cancelled slots behind it are never read.
        while (count != 0 && t.remaining != 0) {
            uint256 id = OrderLib.id(t.marketId, makerIsBid, tick, idx);
            Order o = _orders[id];
            if (Order.unwrap(o) == 0) {
                ++idx; // cancelled earlier (already uncounted)
                continue;
            }
            uint256 size = o.size();
            uint256 expiry = o.expiry();
            CancelReason reason;
            uint256 fill;
            if (expiry != 0 && expiry <= block.timestamp) {
                reason = CancelReason.Expired;
                if (!o.reduceOnly()) _ch.releaseOrder(o.owner(), t.marketId, makerIsBid, size, o.epoch());
            } else {
                fill = size < t.remaining ? size : t.remaining;
                IClearingHouseBase.FillStatus status = _ch.applyFill(
                    t.marketId,
                    id,
                    o.owner(),
                    t.account,
                    t.isBid ? int256(fill) : -int256(fill),
                    price,
                    size,
                    o.epoch() | (o.reduceOnly() ? FLAG_MAKER_REDUCE_ONLY : 0) | t.flags
                );
                if (status != IClearingHouseBase.FillStatus.Filled) {
                    // FillStatus and CancelReason share their order from StaleOrder on.
                    reason = CancelReason(uint8(status) + 1);
                    fill = 0;
                }
            }
            if (fill != 0) {
                t.remaining -= fill;
                t.filled += fill;
                if (fill < size) {
                    _orders[id] = o.withSize(size - fill); // partially filled: stays first
                    break;
                }
            } else {
                emit OrderCancelled(t.marketId, id, o.owner(), size, reason);
            }
            _orders[id] = Order.wrap(0);
            --count;
            ++idx;
        }
        emptied = count == 0;
        if (emptied) idx = tail;
        lv = idx | (tail << 24) | (count << 48);
        _levels[key] = (word & ~(MASK_64 << shift)) | (lv << shift);
    }

    /// @dev Rests `size` of the order at its level's tail.
    function _rest(Taker memory t, PlaceParams calldata p, uint256 size) internal returns (uint256 orderId) {
        uint256 epoch = _ch.reserveOrder(msg.sender, p.marketId, p.isBid, size, p.price, p.reduceOnly);
        uint256 tick = t.limitTick;
        uint256 key = _levelKey(p.marketId, p.isBid, tick);
        uint256 shift = (tick & 3) * 64;
        uint256 word = _levels[key];
        uint256 lv = (word >> shift) & MASK_64;
        uint256 tail = (lv >> 24) & MASK_24;
        uint256 count = lv >> 48;
        if (tail == MASK_24 || count == 0xffff) revert LevelFull(p.marketId, p.isBid, p.price);
        if (count == 0) {
            uint256 base = _base(p.marketId, p.isBid);
            if (p.isBid) t.header = _setRoot(t.header, true, _bitmaps.set(base, (t.header >> 64) & MASK_64, tick));
            else t.header = _setRoot(t.header, false, _bitmaps.set(base, t.header >> 128, tick));
            uint256 best = _best(t.header, p.isBid);
            if (best == 0 || (p.isBid ? tick > best : tick < best)) t.header = _setBest(t.header, p.isBid, tick);
        }
        orderId = OrderLib.id(p.marketId, p.isBid, tick, tail);
        _orders[orderId] = OrderLib.pack(msg.sender, size, p.expiry, epoch, p.reduceOnly);
        lv = (lv & MASK_24) | ((tail + 1) << 24) | ((count + 1) << 48);
        _levels[key] = (word & ~(MASK_64 << shift)) | (lv << shift);
        emit OrderPlaced(p.marketId, orderId, msg.sender, p.isBid, p.price, size, p.expiry, p.reduceOnly);
    }

    function _cancel(uint256 orderId) internal {
        Order o = _orders[orderId];
        if (Order.unwrap(o) == 0) revert UnknownOrder(orderId);
        if (o.owner() != msg.sender) revert NotOrderOwner(orderId, o.owner(), msg.sender);
        (uint256 marketId, bool isBid, uint256 tick, uint256 index) = OrderLib.decodeId(orderId);
        _orders[orderId] = Order.wrap(0);

        uint256 key = _levelKey(marketId, isBid, tick);
        uint256 shift = (tick & 3) * 64;
        uint256 word = _levels[key];
        uint256 lv = (word >> shift) & MASK_64;
        uint256 head = lv & MASK_24;
        uint256 tail = (lv >> 24) & MASK_24;
        uint256 count = (lv >> 48) - 1;
        if (count == 0) {
            head = tail;
            uint256 header = _headers[marketId];
            uint256 base = _base(marketId, isBid);
            uint256 root = _bitmaps.clear(base, (header >> (isBid ? 64 : 128)) & MASK_64, tick);
            uint256 next = _setRoot(header, isBid, root);
            if (_best(header, isBid) == tick) {
                (uint256 best, ) = isBid ? _bitmaps.nextBelow(base, root, tick) : _bitmaps.nextAbove(base, root, tick);
                next = _setBest(next, isBid, best);
            }
            if (next != header) _headers[marketId] = next;
        } else if (index == head) {
            ++head;
        }
        _levels[key] = (word & ~(MASK_64 << shift)) | ((head | (tail << 24) | (count << 48)) << shift);
        if (!o.reduceOnly()) _ch.releaseOrder(msg.sender, marketId, isBid, o.size(), o.epoch());
        emit OrderCancelled(marketId, orderId, msg.sender, o.size(), CancelReason.User);
    }

    /// @dev The market's header, read from the clearing house (tick size) on first use.
    function _header(uint256 marketId) internal returns (uint256 header) {
        header = _headers[marketId];
        if (header == 0) {
            (, IClearingHouseBase.MarketConfig memory c, , , ) = _ch.market(marketId);
            header = c.tickSize | (uint256(c.lotSize) << 236);
            _headers[marketId] = header;
        }
    }

    function _best(uint256 header, bool isBid) internal pure returns (uint256) {
        return (header >> (isBid ? 192 : 214)) & MASK_22;
    }

    function _setBest(uint256 header, bool isBid, uint256 tick) internal pure returns (uint256) {
        uint256 shift = isBid ? 192 : 214;
        return (header & ~(MASK_22 << shift)) | (tick << shift);
    }

    function _setRoot(uint256 header, bool isBid, uint256 root) internal pure returns (uint256) {
        uint256 shift = isBid ? 64 : 128;
        return (header & ~(MASK_64 << shift)) | (root << shift);
    }

    function _base(uint256 marketId, bool isBid) internal pure returns (uint256) {
        return (marketId << 24) | (isBid ? uint256(1) << 23 : 0);
    }

    function _levelKey(uint256 marketId, bool isBid, uint256 tick) internal pure returns (uint256) {
        return (marketId << 24) | (isBid ? uint256(1) << 23 : 0) | (tick >> 2);
    }

    /* ---------------------------------------------------------------- */
    /*                           Depth                                  */
    /* ---------------------------------------------------------------- */

    /// @inheritdoc IOrderBook
    function depthOf(
        uint256 marketId,
        bool isBid,
        uint256 maxLevels
    ) external view returns (DepthLevel[] memory levels) {
        levels = new DepthLevel[](maxLevels);
        uint256 header = _headers[marketId];
        uint256 tick = _best(header, isBid);
        uint256 n;
        if (tick != 0) {
            uint256 tickSize = header & MASK_64;
            uint256 base = _base(marketId, isBid);
            uint256 root = (header >> (isBid ? 64 : 128)) & MASK_64;
            bool found = true;
            while (found && n < maxLevels) {
                (uint256 size, uint256 count) = _liveAt(marketId, isBid, tick);
                if (count != 0) {
                    levels[n] = DepthLevel({price: tick * tickSize, size: size, orders: count});
                    ++n;
                }
                (tick, found) = isBid ? _bitmaps.nextBelow(base, root, tick) : _bitmaps.nextAbove(base, root, tick);
            }
        }
        // Trim the array to the levels found (memory-safe: it only shortens the length word).
        assembly ("memory-safe") {
            mstore(levels, n)
        }
    }

    /// @dev Size and number of the live orders of one level, walking its queue head to tail.
    function _liveAt(uint256 marketId, bool isBid, uint256 tick) internal view returns (uint256 size, uint256 count) {
        uint256 lv = (_levels[_levelKey(marketId, isBid, tick)] >> ((tick & 3) * 64)) & MASK_64;
        uint256 tail = (lv >> 24) & MASK_24;
        address owner;
        uint256 epoch;
        for (uint256 idx = lv & MASK_24; idx < tail; ++idx) {
            Order o = _orders[OrderLib.id(marketId, isBid, tick, idx)];
            if (Order.unwrap(o) == 0) continue; // filled or cancelled
            uint256 expiry = o.expiry();
            if (expiry != 0 && expiry <= block.timestamp) continue;
            if (o.owner() != owner) {
                owner = o.owner();
                epoch = _ch.rawPosition(owner, marketId).orderEpoch();
            }
            if (o.epoch() != epoch) continue; // killed by a cancel-all
            size += o.size();
            ++count;
        }
    }
}
