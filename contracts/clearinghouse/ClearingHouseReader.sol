// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IClearingHouseReads} from "../interfaces/IClearingHouseReads.sol";
import {IOrderBookReads} from "../interfaces/IOrderBookReads.sol";
import {IIndexOracle} from "../interfaces/IIndexOracle.sol";
import {CapacityMathLib} from "../libraries/CapacityMathLib.sol";
import {TickBitmapLib} from "../libraries/TickBitmapLib.sol";
import {Position} from "../types/Position.sol";
import {AccountSlot, AccountSlotLib, MarketList} from "../types/AccountSlot.sol";
import {BookHeader} from "../types/BookHeader.sol";
import {Level, LevelLib} from "../types/Level.sol";
import {Order, OrderLib} from "../types/Order.sol";
import {ClearingHouseStorage} from "./ClearingHouseStorage.sol";

/// @title ClearingHouseReader
/// @notice The clearing house's reads: accounts, markets, covers ({IClearingHouseReads}) and the
///         order books ({IOrderBookReads}), run by delegatecall from `ClearingHouseExtension`'s
///         fallback (itself reached from `ClearingHouse`'s).
/// @dev Warning: deploy it with the same constructor arguments as the `ClearingHouse` that uses
///      it (its immutables are read in the core's context). Called directly it only reads its
///      own, empty storage.
contract ClearingHouseReader is ClearingHouseStorage, IClearingHouseReads, IOrderBookReads {
    using TickBitmapLib for mapping(uint256 => uint256);

    constructor(
        IERC20Metadata token,
        IIndexOracle oracle_,
        address owner_,
        address marketAdmin_,
        address guardian_,
        RiskParams memory risk
    ) ClearingHouseStorage(token, oracle_, owner_, marketAdmin_, guardian_, risk) {}

    /* ---------------------------------------------------------------- */
    /*                          Accounts                                */
    /* ---------------------------------------------------------------- */

    /// @inheritdoc IClearingHouseReads
    function collateralToken() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc IClearingHouseReads
    function collateralOf(address account) external view returns (int256) {
        return _accounts[account].collateral();
    }

    /// @inheritdoc IClearingHouseReads
    function positionOf(
        address account,
        uint256 marketId
    ) external view returns (int256 size, int256 openNotional, uint256 bidSize, uint256 askSize) {
        Position p = _positions[account][marketId];
        return (p.size(), p.openNotional(), p.bidSize(), p.askSize());
    }

    /// @inheritdoc IClearingHouseReads
    function rawPosition(address account, uint256 marketId) external view returns (Position) {
        return _positions[account][marketId];
    }

    /// @inheritdoc IClearingHouseReads
    function health(address account) external view returns (Health memory) {
        AccountSlot a = _accounts[account];
        return _health(account, a, 0, Position.wrap(0), a.collateral());
    }

    /* ---------------------------------------------------------------- */
    /*                          Markets and covers                      */
    /* ---------------------------------------------------------------- */

    /// @inheritdoc IClearingHouseReads
    function market(
        uint256 marketId
    )
        external
        view
        returns (
            bytes32 indexId,
            MarketConfig memory config,
            MarketRisk memory risk,
            MarketTrading memory trading,
            MarketTail memory tail
        )
    {
        Market storage m = _market(marketId);
        MarketRules memory r = m.rules;
        MarketSettlement memory st = m.settlement;
        MarketShorts memory shorts = m.shorts;
        BookHeader header = _book.headers[marketId];
        config = MarketConfig({
            tradingStart: r.tradingStart,
            windowStart: r.windowStart,
            windowEnd: r.windowEnd,
            tickSize: uint64(header.tickSize()),
            lotSize: uint32(header.lotSize()),
            imBps: r.imBps,
            mmBps: r.mmBps,
            makerFeeBps: r.makerFeeBps,
            takerFeeBps: r.takerFeeBps
        });
        risk = MarketRisk({
            oiCap: shorts.oiCap,
            maxPosition: r.maxPosition,
            bandBps: r.bandBps,
            mode: r.mode,
            finalPrice: st.finalPrice,
            proposedAt: st.proposedAt,
            stage: r.stage
        });
        tail = MarketTail({
            shortOpenNotional: shorts.shortOpenNotional,
            badDebt: st.badDebt,
            winnerIsLong: st.winnerIsLong,
            haircut: st.haircut
        });
        return (m.indexId, config, risk, m.trading, tail);
    }

    /// @inheritdoc IClearingHouseReads
    function marketState(uint256 marketId) external view returns (State) {
        Market storage m = _market(marketId);
        return _state(m.rules);
    }

    /// @inheritdoc IClearingHouseReads
    function markPrice(uint256 marketId) external view returns (uint256) {
        Market storage m = _market(marketId);
        return _markPrice(marketId, m, m.rules);
    }

    /// @inheritdoc IClearingHouseReads
    function indexCopy(uint256 indexNumber) external view returns (IIndexOracle.LatestIndex memory) {
        return _indexes[indexNumber];
    }

    /// @inheritdoc IClearingHouseReads
    function marketsOf(address account) external view returns (uint256[] memory ids) {
        AccountSlot a = _accounts[account];
        MarketList list = _overflow[account];
        ids = new uint256[](AccountSlotLib.MAX_MARKETS);
        uint256 n;
        for (uint256 i; i < AccountSlotLib.HOT_ENTRIES; ++i) {
            uint256 id = a.marketAt(i);
            if (id != 0) {
                ids[n] = id;
                ++n;
            }
        }
        for (uint256 i; i < AccountSlotLib.OVERFLOW_ENTRIES; ++i) {
            uint256 id = AccountSlotLib.overflowAt(list, i);
            if (id != 0) {
                ids[n] = id;
                ++n;
            }
        }
        assembly ("memory-safe") {
            mstore(ids, n)
        }
    }

    /// @inheritdoc IClearingHouseReads
    function pools() external view returns (uint256 fees, uint256 insurance, uint256 deficit) {
        return (_pools.fees, _pools.insurance, _deficit);
    }

    /// @inheritdoc IClearingHouseReads
    function capacityToken() external view returns (address) {
        return _capacityToken;
    }

    /// @inheritdoc IClearingHouseReads
    function coverParams(uint256 marketId) external view returns (CoverParams memory) {
        return _coverParams[marketId];
    }

    /// @inheritdoc IClearingHouseReads
    function coverOf(
        address account,
        uint256 marketId
    ) external view returns (uint256 tokenId, uint256 units, uint256 coveredHours, uint256 value) {
        Market storage m = _market(marketId);
        Cover storage cv = _covers[account][marketId];
        CoverTerms memory ct = cv.terms;
        tokenId = cv.tokenId;
        units = ct.units;
        if (units == 0) return (tokenId, 0, 0, 0);
        coveredHours = CapacityMathLib.coveredHoursDown(
            units,
            ct.start,
            ct.end,
            m.rules.windowStart,
            m.rules.windowEnd,
            block.timestamp
        );
        value = CapacityMathLib.coverValueDown(
            CapacityMathLib.coveredHoursDown(units, ct.start, ct.end, ct.start, ct.end, block.timestamp),
            _indexPrice(marketId),
            _coverParams[marketId].haircutBps
        );
    }

    /* ---------------------------------------------------------------- */
    /*                          Order book reads                        */
    /* ---------------------------------------------------------------- */

    /// @inheritdoc IOrderBookReads
    function clearingHouse() external view returns (address) {
        return address(this);
    }

    /// @inheritdoc IOrderBookReads
    function bestPrices(uint256 marketId) external view returns (uint256 bid, uint256 ask) {
        BookHeader header = _book.headers[marketId];
        uint256 tickSize = header.tickSize();
        return (header.best(true) * tickSize, header.best(false) * tickSize);
    }

    /// @inheritdoc IOrderBookReads
    function orderOf(uint256 orderId) external view returns (OrderView memory v) {
        Order o = _book.orders[orderId];
        if (Order.unwrap(o) == 0) revert UnknownOrder(orderId);
        (uint256 marketId, bool isBid, uint256 tick, ) = OrderLib.decodeId(orderId);
        return
            OrderView({
                owner: o.owner(),
                marketId: marketId,
                isBid: isBid,
                price: tick * _book.headers[marketId].tickSize(),
                size: o.size(),
                expiry: o.expiry(),
                epoch: o.epoch(),
                reduceOnly: o.reduceOnly()
            });
    }

    /// @inheritdoc IOrderBookReads
    function levelOf(
        uint256 marketId,
        bool isBid,
        uint256 price
    ) external view returns (uint256 head, uint256 tail, uint256 count) {
        uint256 tickSize = _book.headers[marketId].tickSize();
        if (tickSize == 0) return (0, 0, 0);
        uint256 tick = price / tickSize;
        Level lv = LevelLib.read(_book.levels[LevelLib.key(marketId, isBid, tick)], tick);
        return (lv.head(), lv.tail(), lv.count());
    }

    /// @inheritdoc IOrderBookReads
    function depthOf(
        uint256 marketId,
        bool isBid,
        uint256 maxLevels
    ) external view returns (DepthLevel[] memory levels) {
        levels = new DepthLevel[](maxLevels);
        BookHeader header = _book.headers[marketId];
        uint256 tick = header.best(isBid);
        uint256 n;
        if (tick != 0) {
            uint256 tickSize = header.tickSize();
            uint256 base = TickBitmapLib.baseOf(marketId, isBid);
            uint256 root = header.root(isBid);
            bool found = true;
            while (found && n < maxLevels) {
                (uint256 size, uint256 count) = _liveAt(marketId, isBid, tick);
                if (count != 0) {
                    levels[n] = DepthLevel({price: tick * tickSize, size: size, orders: count});
                    ++n;
                }
                (tick, found) = isBid
                    ? _book.bitmaps.nextBelow(base, root, tick)
                    : _book.bitmaps.nextAbove(base, root, tick);
            }
        }
        // Trim the array to the levels found (memory-safe: it only shortens the length word).
        assembly ("memory-safe") {
            mstore(levels, n)
        }
    }

    /// @dev Size and number of the live orders of one level, walking its queue head to tail.
    function _liveAt(uint256 marketId, bool isBid, uint256 tick) internal view returns (uint256 size, uint256 count) {
        Level lv = LevelLib.read(_book.levels[LevelLib.key(marketId, isBid, tick)], tick);
        uint256 tail = lv.tail();
        address owner;
        uint256 epoch;
        for (uint256 idx = lv.head(); idx < tail; ++idx) {
            Order o = _book.orders[OrderLib.id(marketId, isBid, tick, idx)];
            if (Order.unwrap(o) == 0) continue; // filled or cancelled
            uint256 expiry = o.expiry();
            if (expiry != 0 && expiry <= block.timestamp) continue;
            // One position read per change of owner along the queue (a maker's orders cluster).
            if (o.owner() != owner) {
                owner = o.owner();
                epoch = _positions[owner][marketId].orderEpoch();
            }
            if (o.epoch() != epoch) continue; // killed by a cancel-all
            size += o.size();
            ++count;
        }
    }
}
