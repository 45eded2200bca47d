// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IClearingHouseLiquidation} from "../interfaces/IClearingHouseLiquidation.sol";
import {MarginLib} from "../libraries/MarginLib.sol";
import {CapacityMathLib} from "../libraries/CapacityMathLib.sol";
import {Position} from "../types/Position.sol";
import {AccountSlot} from "../types/AccountSlot.sol";
import {BookHeader} from "../types/BookHeader.sol";
import {ClearingHouseStorage} from "./ClearingHouseStorage.sol";

/// @title Liquidation
/// @notice The clearing house's liquidation (`IClearingHouseCore.liquidate`): an account below
///         maintenance margin is taken over, in part or whole, by the caller at the liquidation
///         price; posted capacity is sold to the caller first; bad debt goes to insurance, then
///         to the market's write-down at settlement.
abstract contract Liquidation is ClearingHouseStorage, IClearingHouseLiquidation {
    using SafeCast for int256;
    using SafeCast for uint256;

    /// @inheritdoc IClearingHouseLiquidation
    function liquidate(address account, uint256 marketId, uint256 maxSize) external returns (uint256 size) {
        if (account == msg.sender) revert SelfLiquidation(account);
        Market storage m = _markets[marketId];
        MarketRules memory r = m.rules;
        // Tick and lot live in the book's header (zero: no such market).
        BookHeader header = _book.headers[marketId];
        if (header.tickSize() == 0) revert UnknownMarket(marketId);
        if (r.mode == Mode.Paused) revert MarketPaused(marketId);
        State s = _state(r);
        if (s == State.Listed || s == State.Settled) revert MarketNotTrading(marketId, s);
        Position p = _positions[account][marketId];
        int256 posSize = p.size();
        if (posSize == 0) revert NoPosition(account, marketId);

        uint256 index = _cacheIndex(marketId, header.indexNumber());
        uint256 mark = _liquidationPrice(
            posSize,
            index,
            MarginLib.markPrice(
                m.trading.ema,
                index,
                MarginLib.bandAt(r.bandBps, r.windowStart, r.windowEnd, block.timestamp)
            )
        );
        if (mark > header.tickSize() * MAX_TICKS) revert PriceOutsideBand(mark, 0, header.tickSize() * MAX_TICKS);
        AccountSlot a = _accounts[account];
        // Valued at mark or index, whichever is better for the account: wash trades that push the
        // mark to the band's edge cannot liquidate an account that is healthy at the index.
        _liquidating = true;
        Health memory h = _health(account, a, 0, Position.wrap(0), a.collateral());
        _liquidating = false;
        if (h.equity >= int256(h.maintenanceMargin)) revert AccountHealthy(account, h.equity, h.maintenanceMargin);
        if (p.isCovered()) {
            // Capacity posted for this market goes first (to the liquidator, at its value less
            // the haircut); the position is then liquidated uncovered, if still needed.
            (uint256 tokenId, uint256 units) = _seizeCover(account, marketId, p, index);
            a = _accounts[account];
            _liquidating = true;
            h = _health(account, a, 0, Position.wrap(0), a.collateral());
            _liquidating = false;
            if (h.equity < int256(h.maintenanceMargin)) {
                size = _liquidationSize(h, r.imBps, header.lotSize(), mark, MarginLib.abs(posSize), maxSize);
                _liquidateApply(
                    m,
                    r,
                    marketId,
                    account,
                    posSize > 0 ? -int256(size) : int256(size),
                    mark,
                    h.openPositions
                );
            } else {
                _clearIndex(marketId);
            }
            IERC1155(_capacityToken).safeTransferFrom(address(this), msg.sender, tokenId, units, "");
            return size;
        }
        size = _liquidationSize(h, r.imBps, header.lotSize(), mark, MarginLib.abs(posSize), maxSize);
        int256 delta = posSize > 0 ? -int256(size) : int256(size); // the account's change
        _liquidateApply(m, r, marketId, account, delta, mark, h.openPositions);
    }

    /// @dev Sells all the capacity `account` posted for `marketId` to the liquidator (the
    ///      caller) at `remaining hours × index × (1 − haircut)`: collateral moves from the
    ///      liquidator to the account, so the clearing house's token balance is untouched. The
    ///      liquidator must afford it and stay above its initial margin. The units are sent by
    ///      the caller, last.
    function _seizeCover(
        address account,
        uint256 marketId,
        Position p,
        uint256 index
    ) internal returns (uint256 tokenId, uint256 units) {
        Cover storage cv = _covers[account][marketId];
        CoverTerms memory ct = cv.terms;
        tokenId = cv.tokenId;
        units = ct.units;
        uint256 value = CapacityMathLib.coverValueDown(
            CapacityMathLib.coveredHoursDown(units, ct.start, ct.end, ct.start, ct.end, block.timestamp),
            index,
            _coverParams[marketId].haircutBps
        );
        AccountSlot la = _accounts[msg.sender];
        int256 lc = la.collateral();
        if (int256(value) > lc) revert InsufficientCollateral(value, lc);
        lc -= int256(value);
        if (AccountSlot.unwrap(la) >> 96 != 0) {
            Health memory lh = _health(msg.sender, la, 0, Position.wrap(0), lc);
            if (lh.equity < int256(lh.initialMargin))
                revert InsufficientMargin(msg.sender, lh.equity, lh.initialMargin);
        }
        _accounts[msg.sender] = la.withCollateral(lc);
        AccountSlot a = _accounts[account];
        _accounts[account] = a.withCollateral((a.collateral() + int256(value)).toInt96());
        delete _covers[account][marketId];
        _positions[account][marketId] = p.withCovered(false);
        emit CapacityCollateralSeized(account, marketId, msg.sender, tokenId, units, value);
    }

    function _liquidationSize(
        Health memory h,
        uint256 imBps,
        uint256 lotSize,
        uint256 mark,
        uint256 absSize,
        uint256 maxSize
    ) internal view returns (uint256 size) {
        uint256 shortfall = h.equity >= int256(h.positionMargin) ? 0 : uint256(int256(h.positionMargin) - h.equity);
        size = MarginLib.liquidationSizeUp(shortfall, mark, imBps, liquidationPenaltyBps, lotSize, absSize);
        if (size == 0) size = lotSize < absSize ? lotSize : absSize;
        if (size > maxSize) {
            size = (maxSize / lotSize) * lotSize;
            if (size == 0) revert LiquidationTooSmall(maxSize, lotSize);
        }
    }

    function _liquidateApply(
        Market storage m,
        MarketRules memory r,
        uint256 marketId,
        address account,
        int256 delta,
        uint256 mark,
        uint256 openPositions
    ) internal {
        uint256 penalty = MarginLib.bpsOfNotionalUp(MarginLib.abs(delta), mark, liquidationPenaltyBps);
        uint256 reward = MarginLib.bpsDown(penalty, liquidatorShareBps);
        SideUpdate memory au = _computeSide(account, marketId, delta, mark, 0, 0);
        au.collateral -= int256(penalty);
        SideUpdate memory lu = _computeSide(msg.sender, marketId, -delta, mark, 0, 0);
        lu.collateral += int256(reward);
        if (!lu.reducing) {
            uint256 absAfter = MarginLib.abs(lu.after_.size());
            if (absAfter > r.maxPosition) revert MaxPositionExceeded(msg.sender, absAfter, r.maxPosition);
            Health memory lh = _health(msg.sender, lu.account, marketId, lu.after_, lu.collateral);
            if (lh.equity < int256(lh.initialMargin)) {
                revert InsufficientMargin(msg.sender, lh.equity, lh.initialMargin);
            }
        }

        MarketTrading memory t = m.trading;
        MarketShorts memory shorts = m.shorts;
        _aggregateMarket(t, shorts, au.before, au.after_);
        _aggregateMarket(t, shorts, lu.before, lu.after_);

        // The insurance share of the penalty first, so a bankrupt account's penalty cancels out.
        _pools.insurance += uint128(penalty - reward);
        // Bad debt: the account's last position is gone and its collateral is negative.
        if (au.collateral < 0 && openPositions == 1 && au.after_.size() == 0) {
            uint256 deficit = uint256(-au.collateral);
            au.collateral = 0;
            (uint256 covered, uint256 uncovered) = _coverFromInsurance(deficit);
            m.settlement.badDebt += uncovered.toUint88();
            emit BadDebt(marketId, account, deficit, covered, uncovered);
        }
        m.trading = t;
        m.shorts = shorts;
        _writeSide(account, marketId, au);
        _writeSide(msg.sender, marketId, lu);
        emit Liquidated(marketId, account, msg.sender, -delta, mark, penalty, reward);
        _clearIndex(marketId);
    }

    function _computeSide(
        address account,
        uint256 marketId,
        int256 delta,
        uint256 price,
        uint256 feeBps,
        uint256 released
    ) internal view returns (SideUpdate memory u) {
        Position p = _positions[account][marketId];
        u.before = p;
        int256 size = p.size();
        (int256 newSize, int256 newOpenNotional, int256 realized) = MarginLib.applyTradeDown(
            size,
            p.openNotional(),
            delta,
            price
        );
        uint256 bid = p.bidSize();
        uint256 ask = p.askSize();
        if (released != 0) {
            if (delta > 0) bid = bid > released ? bid - released : 0;
            else ask = ask > released ? ask - released : 0;
        }
        u.after_ = p.withTrade(newSize, newOpenNotional).withOrders(bid, ask);
        u.fee = MarginLib.bpsOfNotionalUp(MarginLib.abs(delta), price, feeBps);
        u.account = _accounts[account];
        u.collateral = u.account.collateral() + realized - int256(u.fee);
        u.reducing = MarginLib.isReducing(size, delta);
    }

    function _writeSide(address account, uint256 marketId, SideUpdate memory u) internal {
        _writePosition(account, marketId, u.before, u.after_, u.account.withCollateral(u.collateral.toInt96()));
    }

    /// @dev The rule of `OrderBooks._aggregate`, on the market's slots as read into memory. Kept
    ///      as a twin on purpose: sharing one function with the order path (which carries the
    ///      aggregates flat in its `Take`) cost every taker order ~240 gas when tried.
    function _aggregateMarket(
        MarketTrading memory t,
        MarketShorts memory shorts,
        Position before,
        Position after_
    ) internal pure {
        int256 s0 = before.size();
        int256 s1 = after_.size();
        int256 oi = int256(uint256(t.openInterest));
        int256 lon = t.longOpenNotional;
        int256 son = shorts.shortOpenNotional;
        if (s0 > 0) {
            oi -= s0;
            lon -= before.openNotional();
        } else if (s0 < 0) {
            son -= before.openNotional();
        }
        if (s1 > 0) {
            oi += s1;
            lon += after_.openNotional();
        } else if (s1 < 0) {
            son += after_.openNotional();
        }
        t.openInterest = uint64(uint256(oi));
        t.longOpenNotional = lon.toInt96();
        shorts.shortOpenNotional = son.toInt96();
    }
}
