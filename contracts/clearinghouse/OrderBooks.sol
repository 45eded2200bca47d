// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IOrderBookBase} from "../interfaces/IOrderBookBase.sol";
import {MarginLib} from "../libraries/MarginLib.sol";
import {TickBitmapLib} from "../libraries/TickBitmapLib.sol";
import {Position} from "../types/Position.sol";
import {AccountSlot} from "../types/AccountSlot.sol";
import {BookHeader} from "../types/BookHeader.sol";
import {RulesWord} from "../types/MarketWords.sol";
import {Level, LevelLib} from "../types/Level.sol";
import {Order, OrderLib} from "../types/Order.sol";
import {ClearingHouseStorage} from "./ClearingHouseStorage.sol";

/// @title OrderBooks
/// @notice The clearing house's order books: placing (validation, matching, resting with its
///         margin reserved), cancelling, and applying each fill to both sides. Run by the core
///         (`ClearingHouse`), whose entry points call in.
/// @dev Matching is eager and in-contract: each maker fill is applied to the maker's position at
///      once (fee, margin checked, refused makers dropped from the book), while the taker's
///      position, the market's aggregates and the fee pool are carried in memory across the
///      fills of one order (`Take`) and written once at its end. See docs/order-book.md.
abstract contract OrderBooks is ClearingHouseStorage, IOrderBookBase {
    using SafeCast for int256;
    using TickBitmapLib for mapping(uint256 => uint256);

    /// @dev Working state of one incoming order while it matches: the market as read once, the
    ///      taker's position and collateral change and the market's aggregates (written once, by
    ///      `_finishTake`), and the quote at which makers' margins are checked.
    struct Take {
        uint256 marketId;
        address taker;
        bool isBid;
        bool reduceOnly;
        bool reduceOnlyMode;
        bool addedRisk;
        uint256 limitTick;
        uint256 remaining;
        uint256 filled;
        BookHeader header;
        uint256 maxPosition;
        uint256 makerFeeBps;
        uint256 takerFeeBps;
        uint256 index;
        uint256 bandBps;
        uint256 ema;
        uint256 lastTradeAt;
        uint256 openInterestBefore;
        int256 openInterest;
        int256 longOpenNotional;
        int256 shortOpenNotional;
        uint256 fees;
        Position takerBefore;
        Position takerAfter;
        int256 takerCollateralChange;
        MarketQuote quote;
    }

    /* ---------------------------------------------------------------- */
    /*                           Placing                                */
    /* ---------------------------------------------------------------- */

    function _place(PlaceParams calldata p) internal returns (uint256 orderId, uint256 filled) {
        uint256 size = p.size;
        if (size == 0) revert ZeroSize();
        uint256 marketId = p.marketId;
        BookHeader header = _book.headers[marketId];
        uint256 tickSize = header.tickSize();
        if (tickSize == 0) revert UnknownMarket(marketId);
        uint256 price = p.price;
        uint256 tick = price / tickSize;
        if (price == 0 || price % tickSize != 0 || tick > MAX_TICKS) revert PriceNotOnTick(price, tickSize);
        uint256 expiry = p.expiry;
        if (expiry != 0 && expiry <= block.timestamp) revert OrderExpired(expiry, block.timestamp);
        if (expiry > type(uint32).max) revert InvalidExpiry(expiry);
        OrderType kind = p.kind;
        bool resting = kind == OrderType.Limit || kind == OrderType.PostOnly;
        uint256 best = header.best(!p.isBid);
        bool crosses = best != 0 && (p.isBid ? best <= tick : best >= tick);
        if (kind == OrderType.PostOnly && crosses) revert PostOnlyWouldCross(price, best * tickSize);

        Market storage m = _markets[marketId];
        RulesWord r = _rules(m);
        _requireTrading(marketId, m, r);
        uint256 lotSize = header.lotSize();
        if (size % lotSize != 0 || size > r.maxPosition()) revert InvalidSize(size, lotSize, r.maxPosition());

        BookHeader before = header;
        uint256 index; // read from the oracle once, by the first part of the order that needs it
        if (crosses || !resting) {
            if (crosses) {
                Take memory t = _startTake(p, tick, header, m, r);
                _match(t, best);
                _finishTake(t, m);
                filled = t.filled;
                header = t.header;
                index = t.index;
            }
            if (kind == OrderType.FOK && filled < size) revert FillOrKillNotFilled(size, filled);
            emit TakerOrder(marketId, msg.sender, p.isBid, kind, price, size, filled);
        }
        if (resting && filled < size) (orderId, header) = _rest(p, tick, size - filled, header, m, r, index);
        // Compared with the header as read (nothing else writes it meanwhile): no second SLOAD.
        if (BookHeader.unwrap(header) != BookHeader.unwrap(before)) _book.headers[marketId] = header;
    }

    /// @dev Rests `size` of the order at its level's tail, reserving its margin (worst side).
    ///      `index`: the market's index if the order read it already (0: not yet).
    function _rest(
        PlaceParams calldata p,
        uint256 tick,
        uint256 size,
        BookHeader header,
        Market storage m,
        RulesWord r,
        uint256 index
    ) internal returns (uint256 orderId, BookHeader) {
        uint256 marketId = p.marketId;
        bool isBid = p.isBid; // read from calldata once (each read re-validates the bool)
        if (index == 0) index = _latestIndex(header.indexNumber());
        uint256 band = MarginLib.bandAt(r.bandBps(), r.windowStart(), r.windowEnd(), block.timestamp);
        (uint256 lower, uint256 upper) = MarginLib.bandLimits(index, band);
        if (p.price < lower || p.price > upper) revert PriceOutsideBand(p.price, lower, upper);
        uint256 positionSlot = _positionSlot(msg.sender, marketId);
        Position pos = _loadPosition(positionSlot);
        uint256 epoch = pos.orderEpoch();
        if (p.reduceOnly || r.mode() == uint256(Mode.ReduceOnly)) {
            int256 delta = isBid ? int256(size) : -int256(size);
            if (!p.reduceOnly || !MarginLib.isReducing(pos.size(), delta)) {
                revert ReduceOnlyViolated(marketId, msg.sender, pos.size(), delta);
            }
            // Reduces only: nothing to reserve (a fill that would not reduce is refused).
        } else {
            Position next =
                isBid
                    ? pos.withOrders(pos.bidSize() + size, pos.askSize())
                    : pos.withOrders(pos.bidSize(), pos.askSize() + size);
            uint256 worst = MarginLib.worstSize(next.size(), next.bidSize(), next.askSize());
            if (worst > r.maxPosition()) revert MaxPositionExceeded(msg.sender, worst, r.maxPosition());
            AccountSlot a = _requireRestingMargin(marketId, next, worst, m, r, index, band, lower, upper);
            // The account slot changes only when the market enters its list (collateral does not).
            if (pos.isFlat()) _writePosition(msg.sender, marketId, pos, next, a);
            else _storePosition(positionSlot, next);
        }

        uint256 levelSlot = _levelSlot(LevelLib.key(marketId, isBid, tick));
        uint256 word = _loadWord(levelSlot);
        Level lv = LevelLib.read(word, tick);
        uint256 tail = lv.tail();
        uint256 count = lv.count();
        if (tail == LevelLib.MAX_INDEX || count == LevelLib.MAX_COUNT) revert LevelFull(marketId, isBid, p.price);
        if (count == 0) {
            uint256 root = _book.bitmaps.set(TickBitmapLib.baseOf(marketId, isBid), header.root(isBid), tick);
            header = header.withRoot(isBid, root);
            uint256 best = header.best(isBid);
            if (best == 0 || (isBid ? tick > best : tick < best)) header = header.withBest(isBid, tick);
        }
        orderId = OrderLib.id(marketId, isBid, tick, tail);
        _book.orders[orderId] = OrderLib.pack(msg.sender, size, p.expiry, epoch, p.reduceOnly);
        _storeWord(levelSlot, LevelLib.write(word, tick, LevelLib.pack(lv.head(), tail + 1, count + 1)));
        emit OrderPlaced(orderId, msg.sender, size, p.expiry, p.reduceOnly);
        return (orderId, header);
    }

    function _cancel(uint256 orderId) internal {
        Order o = _book.orders[orderId];
        if (Order.unwrap(o) == 0) revert UnknownOrder(orderId);
        if (o.owner() != msg.sender) revert NotOrderOwner(orderId, o.owner(), msg.sender);
        (uint256 marketId, bool isBid, uint256 tick, uint256 index) = OrderLib.decodeId(orderId);
        _book.orders[orderId] = Order.wrap(0);

        uint256 levelSlot = _levelSlot(LevelLib.key(marketId, isBid, tick));
        uint256 word = _loadWord(levelSlot);
        Level lv = LevelLib.read(word, tick);
        uint256 head = lv.head();
        uint256 tail = lv.tail();
        uint256 count = lv.count() - 1;
        if (count == 0) {
            head = tail;
            BookHeader header = _book.headers[marketId];
            uint256 base = TickBitmapLib.baseOf(marketId, isBid);
            uint256 root = _book.bitmaps.clear(base, header.root(isBid), tick);
            BookHeader next = header.withRoot(isBid, root);
            if (header.best(isBid) == tick) {
                (uint256 best, ) = isBid
                    ? _book.bitmaps.nextBelow(base, root, tick)
                    : _book.bitmaps.nextAbove(base, root, tick);
                next = next.withBest(isBid, best);
            }
            if (BookHeader.unwrap(next) != BookHeader.unwrap(header)) _book.headers[marketId] = next;
        } else if (index == head) {
            ++head;
        }
        _storeWord(levelSlot, LevelLib.write(word, tick, LevelLib.pack(head, tail, count)));
        if (!o.reduceOnly()) _release(msg.sender, marketId, isBid, o.size(), o.epoch());
        emit OrderCancelled(marketId, orderId, msg.sender, o.size(), CancelReason.User);
    }

    /// @dev Releases `size` of an account's resting orders on one side. A no-op for orders of
    ///      an older `epoch` and for positions closed by settlement (they hold no reservation).
    function _release(address account, uint256 marketId, bool isBid, uint256 size, uint256 epoch) internal {
        Position p = _positions[account][marketId];
        if (p.isFlat() || p.orderEpoch() != epoch) return;
        _writeOrders(account, marketId, p, _withReleased(p, isBid, size));
    }

    /// @dev `p` with `size` less resting on one side (never below zero).
    function _withReleased(Position p, bool isBid, uint256 size) internal pure returns (Position) {
        uint256 bid = p.bidSize();
        uint256 ask = p.askSize();
        if (isBid) bid = bid > size ? bid - size : 0;
        else ask = ask > size ? ask - size : 0;
        return p.withOrders(bid, ask);
    }

    /// @dev Writes a position whose resting sizes changed; the account slot is read and written
    ///      only when the market enters or leaves the account's list.
    function _writeOrders(address account, uint256 marketId, Position before, Position after_) internal {
        if (before.isFlat() != after_.isFlat()) _writePosition(account, marketId, before, after_, _accounts[account]);
        else _positions[account][marketId] = after_;
    }

    /* ---------------------------------------------------------------- */
    /*                           Matching                               */
    /* ---------------------------------------------------------------- */

    /// @dev The state a crossing order matches with: the market read once, the taker's position.
    function _startTake(
        PlaceParams calldata p,
        uint256 tick,
        BookHeader header,
        Market storage m,
        RulesWord r
    ) internal returns (Take memory t) {
        t.marketId = p.marketId;
        t.taker = msg.sender;
        t.isBid = p.isBid;
        t.limitTick = tick;
        t.remaining = p.size;
        t.header = header;
        t.maxPosition = r.maxPosition();
        t.makerFeeBps = r.makerFeeBps();
        t.takerFeeBps = r.takerFeeBps();
        t.reduceOnlyMode = r.mode() == uint256(Mode.ReduceOnly);
        Position taker = _positions[msg.sender][p.marketId];
        t.takerBefore = taker;
        t.takerAfter = taker;
        if (p.reduceOnly) {
            // A reduce-only taker fills at most what closes its position.
            t.reduceOnly = true;
            int256 s = taker.size();
            uint256 closable = p.isBid ? (s < 0 ? uint256(-s) : 0) : (s > 0 ? uint256(s) : 0);
            if (closable < t.remaining) t.remaining = closable;
        }
        t.index = _latestIndex(header.indexNumber());
        t.bandBps = MarginLib.bandAt(r.bandBps(), r.windowStart(), r.windowEnd(), block.timestamp);
        MarketTrading memory trading = m.trading;
        t.ema = trading.ema;
        t.lastTradeAt = trading.lastTradeAt;
        t.openInterestBefore = trading.openInterest;
        t.openInterest = int256(uint256(trading.openInterest));
        t.longOpenNotional = trading.longOpenNotional;
        t.shortOpenNotional = m.shorts.shortOpenNotional;
        t.quote = MarketQuote(p.marketId, MarginLib.markPrice(t.ema, t.index, t.bandBps), r.imBps(), r.mmBps());
    }

    /// @dev Walks the opposite side from `tick` (its best level) while it crosses the limit,
    ///      then records that side's new best tick.
    function _match(Take memory t, uint256 tick) internal {
        bool makerIsBid = !t.isBid;
        uint256 base = TickBitmapLib.baseOf(t.marketId, makerIsBid);
        while (_matchLevel(t, makerIsBid, tick)) {
            uint256 root = _book.bitmaps.clear(base, t.header.root(makerIsBid), tick);
            t.header = t.header.withRoot(makerIsBid, root);
            bool found;
            (tick, found) = makerIsBid
                ? _book.bitmaps.nextBelow(base, root, tick)
                : _book.bitmaps.nextAbove(base, root, tick);
            if (!found) {
                tick = 0;
                break;
            }
            if (t.remaining == 0 || (makerIsBid ? tick < t.limitTick : tick > t.limitTick)) break;
        }
        t.header = t.header.withBest(makerIsBid, tick);
    }

    /// @dev Fills makers at one level in time order; returns whether the level is now empty.
    function _matchLevel(Take memory t, bool makerIsBid, uint256 tick) internal returns (bool emptied) {
        uint256 levelSlot = _levelSlot(LevelLib.key(t.marketId, makerIsBid, tick));
        uint256 word = _loadWord(levelSlot);
        Level lv = LevelLib.read(word, tick);
        uint256 idx = lv.head();
        uint256 tail = lv.tail();
        uint256 count = lv.count();
        uint256 price = tick * t.header.tickSize();
        // Stops at the level's last live order: cancelled slots behind it are never read.
        while (count != 0 && t.remaining != 0) {
            uint256 id = OrderLib.id(t.marketId, makerIsBid, tick, idx);
            Order o = _book.orders[id];
            if (Order.unwrap(o) == 0) {
                ++idx; // cancelled earlier (already uncounted)
                continue;
            }
            uint256 size = o.size();
            (uint256 fill, CancelReason reason) = _fillMaker(t, id, o, price);
            if (fill == 0) {
                emit OrderCancelled(t.marketId, id, o.owner(), size, reason);
            } else if (fill < size) {
                _book.orders[id] = o.withSize(size - fill); // partially filled: stays first
                break;
            }
            _book.orders[id] = Order.wrap(0);
            --count;
            ++idx;
        }
        emptied = count == 0;
        if (emptied) idx = tail;
        _storeWord(levelSlot, LevelLib.write(word, tick, LevelLib.pack(idx, tail, count)));
    }

    /// @dev Fills maker order `o` against the taker at `price`: the maker's position, fee and
    ///      collateral are written now; the taker's side and the market's aggregates go into `t`.
    ///      A maker that may not fill (expired, stale, the taker itself, reduce-only, position
    ///      limit, margin) is refused, its reservation released: fill 0 and the reason.
    // solhint-disable-next-line function-max-lines
    function _fillMaker(
        Take memory t,
        uint256 orderId,
        Order o,
        uint256 price
    ) internal returns (uint256 fill, CancelReason reason) {
        address maker = o.owner();
        uint256 marketId = t.marketId;
        uint256 expiry = o.expiry();
        if (expiry != 0 && expiry <= block.timestamp) {
            if (!o.reduceOnly()) {
                _release(maker, marketId, !t.isBid, o.size(), o.epoch());
                if (maker == t.taker) _resyncTakerOrders(t);
            }
            return (0, CancelReason.Expired);
        }
        uint256 positionSlot = _positionSlot(maker, marketId);
        Position p = _loadPosition(positionSlot);
        if (p.orderEpoch() != o.epoch()) return (0, CancelReason.StaleOrder); // reserves nothing
        if (maker == t.taker) {
            _refuse(maker, marketId, p, o, !t.isBid, CancelReason.SelfTrade);
            _resyncTakerOrders(t);
            return (0, CancelReason.SelfTrade);
        }

        uint256 remaining = t.remaining;
        fill = o.size() < remaining ? o.size() : remaining;
        // Unchecked: sizes are below 2^41, prices below 2^64, collateral within int96 and fees
        // and PnL products of those (MarginLib's bounds): nothing here comes near 2^255.
        unchecked {
            int256 delta = t.isBid ? -int256(fill) : int256(fill); // the maker's change
            int256 posSize = p.size();
            bool reducing = MarginLib.isReducing(posSize, delta);
            if (!reducing && (o.reduceOnly() || t.reduceOnlyMode)) {
                return _refuse(maker, marketId, p, o, !t.isBid, CancelReason.ReduceOnly);
            }
            uint256 makerFee = MarginLib.bpsOfNotionalUp(fill, price, t.makerFeeBps);
            (int256 newSize, int256 newOpenNotional, int256 change) = MarginLib.applyFillDown(
                posSize,
                p.openNotional(),
                delta,
                price,
                makerFee
            );
            if (!reducing && MarginLib.abs(newSize) > t.maxPosition) {
                return _refuse(maker, marketId, p, o, !t.isBid, CancelReason.MaxPosition);
            }
            Position next = p.withTrade(newSize, newOpenNotional);
            if (!o.reduceOnly()) next = _withReleased(next, !t.isBid, fill);
            uint256 accountSlot = _accountSlot(maker);
            AccountSlot a = _loadAccount(accountSlot);
            int256 collateral = a.collateral() + change;
            // Checked at the mark before this fill: the order's price may be off the mark, the
            // fee is charged and the maker's other positions are marked afresh.
            if (!reducing) {
                (int256 equity, uint256 required) = _initialMargin(maker, a, next, collateral, t.quote);
                if (equity < int256(required)) return _refuse(maker, marketId, p, o, !t.isBid, CancelReason.Margin);
            }
            if (p.isFlat() == next.isFlat()) {
                _storePosition(positionSlot, next);
                // A fill that opens or adds pays its fee into the open notional: no collateral move.
                if (change != 0) _storeAccount(accountSlot, a.withCollateral(collateral.toInt96()));
            } else {
                _writePosition(maker, marketId, p, next, a.withCollateral(collateral.toInt96()));
            }
            _aggregate(t, p, next);

            uint256 takerFee = _applyTaker(t, -delta, price, fill);
            t.remaining = remaining - fill;
            t.filled += fill;
            t.fees += makerFee + takerFee;
            // The average moves at a take's first fill only: the others are 0 seconds later.
            if (t.lastTradeAt != block.timestamp || t.ema == 0) {
                uint256 ema = MarginLib.emaDown(t.ema, price, block.timestamp - t.lastTradeAt, markPeriod);
                t.lastTradeAt = block.timestamp;
                if (ema != t.ema) {
                    t.ema = ema;
                    t.quote.mark = MarginLib.markPrice(ema, t.index, t.bandBps);
                }
            }
            emit Fill(orderId, maker, t.taker, fill, makerFee, takerFee);
        }
    }

    /// @dev Reverts unless the caller meets its initial margin with `next` (its position with the
    ///      new order resting; `worst` its worst-side size) in `marketId`; returns its account
    ///      slot. An account in that market alone and uncovered (`_initialMargin`'s fast path)
    ///      whose margin holds at every mark the band allows around `index` (`lower`..`upper`;
    ///      `MarginLib.initialMarginHoldsBetween`, exact) is not priced at the mark: the
    ///      traded-price average, one cold slot, is read only when the answer depends on it.
    function _requireRestingMargin(
        uint256 marketId,
        Position next,
        uint256 worst,
        Market storage m,
        RulesWord r,
        uint256 index,
        uint256 band,
        uint256 lower,
        uint256 upper
    ) internal view returns (AccountSlot a) {
        a = _accounts[msg.sender];
        if (a.marketIds() == marketId && !next.isCovered()) {
            bool holds = MarginLib.initialMarginHoldsBetween(
                a.collateral(),
                next.size(),
                next.openNotional(),
                worst,
                r.imBps(),
                lower,
                upper
            );
            if (holds) return a;
        }
        MarketQuote memory q = MarketQuote(
            marketId,
            MarginLib.markPrice(m.trading.ema, index, band),
            r.imBps(),
            r.mmBps()
        );
        (int256 equity, uint256 required) = _initialMargin(msg.sender, a, next, a.collateral(), q);
        if (equity < int256(required)) revert InsufficientMargin(msg.sender, equity, required);
    }

    /// @dev Equity and initial margin of `account` with `pos` as its position in `q.marketId` and
    ///      `collateral`. An account in that market alone and uncovered (most makers and takers)
    ///      is valued from `q` directly; any other goes through the generic `_health` loop.
    function _initialMargin(
        address account,
        AccountSlot a,
        Position pos,
        int256 collateral,
        MarketQuote memory q
    ) internal view returns (int256 equity, uint256 required) {
        if (a.marketIds() == q.marketId && !pos.isCovered()) {
            int256 size = pos.size();
            uint256 worst = MarginLib.worstSize(size, pos.bidSize(), pos.askSize());
            // Unchecked: collateral (int96) plus a PnL below 2^106 (MarginLib's bounds).
            unchecked {
                equity = collateral + MarginLib.unrealizedPnl(size, pos.openNotional(), q.mark);
            }
            return (equity, MarginLib.bpsOfNotionalUp(worst, q.mark, q.imBps));
        }
        Health memory h = _health(account, a, q.marketId, pos, collateral, q);
        return (h.equity, h.initialMargin);
    }

    /// @dev After the taker's own resting order was dropped (released in storage), the position
    ///      the take carries in memory takes the stored resting sizes: `_finishTake` writes it
    ///      back, and must neither restore the released reservation nor miss that the release
    ///      took the market off the account's list (found by the order-book invariant suite).
    function _resyncTakerOrders(Take memory t) internal view {
        Position stored = _positions[t.taker][t.marketId];
        t.takerBefore = t.takerBefore.withOrders(stored.bidSize(), stored.askSize());
        t.takerAfter = t.takerAfter.withOrders(stored.bidSize(), stored.askSize());
    }

    /// @dev Refuses a maker order: its whole remaining size is released (reduce-only orders
    ///      reserve nothing); the book then drops it with `reason`.
    function _refuse(
        address maker,
        uint256 marketId,
        Position p,
        Order o,
        bool makerIsBid,
        CancelReason reason
    ) internal returns (uint256, CancelReason) {
        if (!o.reduceOnly()) _writeOrders(maker, marketId, p, _withReleased(p, makerIsBid, o.size()));
        return (0, reason);
    }

    /// @dev The taker's side of one fill, in memory: checked for reduce-only and the position
    ///      limit here, for margin once by `_finishTake` (which also moves its change into the
    ///      market's aggregates: they telescope over the fills). Returns the taker's fee.
    function _applyTaker(Take memory t, int256 delta, uint256 price, uint256 fill) internal pure returns (uint256 fee) {
        Position before = t.takerAfter;
        int256 size = before.size();
        fee = MarginLib.bpsOfNotionalUp(fill, price, t.takerFeeBps);
        (int256 newSize, int256 newOpenNotional, int256 change) = MarginLib.applyFillDown(
            size,
            before.openNotional(),
            delta,
            price,
            fee
        );
        if (!MarginLib.isReducing(size, delta)) {
            if (t.reduceOnly || t.reduceOnlyMode) revert ReduceOnlyViolated(t.marketId, t.taker, size, delta);
            uint256 absAfter = MarginLib.abs(newSize);
            if (absAfter > t.maxPosition) revert MaxPositionExceeded(t.taker, absAfter, t.maxPosition);
            t.addedRisk = true;
        }
        t.takerAfter = before.withTrade(newSize, newOpenNotional);
        // Unchecked: realized PnL and fees are far inside int96 (MarginLib's bounds).
        unchecked {
            t.takerCollateralChange += change;
        }
    }

    /// @dev Writes what the fills of one order carried in memory: the market's aggregates and
    ///      traded-price average, the fee pool, the taker's position and collateral; then checks
    ///      the open-interest cap and, if any fill added to its risk, the taker's initial margin.
    function _finishTake(Take memory t, Market storage m) internal {
        if (t.filled == 0) return;
        _aggregate(t, t.takerBefore, t.takerAfter);
        uint256 openInterest = uint256(t.openInterest);
        MarketShorts storage shorts = m.shorts;
        // The cap shares the slot `_startTake` read for the short side's aggregate (warm).
        uint256 oiCap = shorts.oiCap;
        if (openInterest > t.openInterestBefore && openInterest > oiCap) {
            revert OpenInterestCapExceeded(t.marketId, openInterest, oiCap);
        }
        m.trading = MarketTrading({
            ema: uint64(t.ema),
            lastTradeAt: uint32(t.lastTradeAt),
            openInterest: uint64(openInterest),
            longOpenNotional: t.longOpenNotional.toInt96()
        });
        shorts.shortOpenNotional = t.shortOpenNotional.toInt96();
        _accrueFees(t.fees);
        uint256 accountSlot = _accountSlot(t.taker);
        AccountSlot a = _loadAccount(accountSlot);
        int256 collateral = a.collateral() + t.takerCollateralChange;
        if (t.takerBefore.isFlat() != t.takerAfter.isFlat()) {
            a = _writePosition(
                t.taker,
                t.marketId,
                t.takerBefore,
                t.takerAfter,
                a.withCollateral(collateral.toInt96())
            );
        } else {
            _positions[t.taker][t.marketId] = t.takerAfter;
            if (t.takerCollateralChange != 0) _storeAccount(accountSlot, a.withCollateral(collateral.toInt96()));
        }
        if (t.addedRisk) {
            (int256 equity, uint256 required) = _initialMargin(t.taker, a, t.takerAfter, collateral, t.quote);
            if (equity < int256(required)) revert InsufficientMargin(t.taker, equity, required);
        }
    }

    /// @dev Moves one position's change into the market's aggregates carried by `t`.
    function _aggregate(Take memory t, Position before, Position after_) internal pure {
        // Unchecked: sizes below 2^41 and open notionals below 2^104 added to int96 totals.
        unchecked {
            int256 s0 = before.size();
            int256 s1 = after_.size();
            if (s0 > 0) {
                t.openInterest -= s0;
                t.longOpenNotional -= before.openNotional();
            } else if (s0 < 0) {
                t.shortOpenNotional -= before.openNotional();
            }
            if (s1 > 0) {
                t.openInterest += s1;
                t.longOpenNotional += after_.openNotional();
            } else if (s1 < 0) {
                t.shortOpenNotional += after_.openNotional();
            }
        }
    }

    /// @dev A market's rules slot as a word (`MarketWords.sol`): the order path reads a few of
    ///      its fields.
    function _rules(Market storage m) internal view returns (RulesWord r) {
        MarketRules storage rules = m.rules;
        assembly ("memory-safe") {
            r := sload(rules.slot)
        }
    }

    /// @dev Reverts unless the market is not paused and trades in its current state (Trading or
    ///      Averaging: from `tradingStart` to `windowEnd`, not settled). The market exists.
    function _requireTrading(uint256 marketId, Market storage m, RulesWord r) internal view {
        if (r.mode() == uint256(Mode.Paused)) revert MarketPaused(marketId);
        if (
            r.stage() == uint256(Stage.Settled) ||
            block.timestamp < r.tradingStart() ||
            block.timestamp >= r.windowEnd()
        ) revert MarketNotTrading(marketId, _state(m.rules));
    }
}
