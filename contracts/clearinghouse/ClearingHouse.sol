// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20, IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IClearingHouseCore} from "../interfaces/IClearingHouseCore.sol";
import {IIndexOracle} from "../interfaces/IIndexOracle.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {MarginLib} from "../libraries/MarginLib.sol";
import {CapacityMathLib} from "../libraries/CapacityMathLib.sol";
import {Position, PositionLib} from "../types/Position.sol";
import {AccountSlot} from "../types/AccountSlot.sol";
import {ClearingHouseStorage} from "./ClearingHouseStorage.sol";

/// @title ClearingHouse
/// @notice The Computus clearing house (see {IClearingHouse}): collateral, the order book's
///         entry points and liquidation run here; market creation, settlement, administration
///         and market reads run in `extension` by delegatecall from the fallback.
contract ClearingHouse is ClearingHouseStorage, IClearingHouseCore {
    using SafeERC20 for IERC20;
    using SafeCast for int256;
    using SafeCast for uint256;

    /// @notice Where the functions of `IClearingHouseAdmin` run (same storage layout).
    address public immutable extension;
    /// @inheritdoc IClearingHouseCore
    address public immutable orderBook;

    constructor(
        IERC20Metadata token,
        IIndexOracle oracle_,
        address owner_,
        address marketAdmin_,
        address guardian_,
        RiskParams memory risk,
        address extension_,
        address orderBook_
    ) ClearingHouseStorage(token, oracle_, owner_, marketAdmin_, guardian_, risk) {
        // The order book is usually deployed next, at an address known in advance.
        if (extension_.code.length == 0 || orderBook_ == address(0)) revert ZeroAddress();
        extension = extension_;
        orderBook = orderBook_;
        emit RoleSet(ROLE_ORDER_BOOK, orderBook_);
    }

    /// @notice Runs every other function (see `IClearingHouseAdmin`) in `extension`.
    // solhint-disable-next-line no-complex-fallback
    fallback() external {
        address target = extension;
        assembly ("memory-safe") {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), target, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            if iszero(ok) {
                revert(0, returndatasize())
            }
            return(0, returndatasize())
        }
    }

    /// @inheritdoc IClearingHouseCore
    function deposit(address account, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        if (account == address(0)) revert ZeroAddress();
        if (amount > uint256(int256(type(int96).max))) revert AmountTooLarge(amount);
        AccountSlot a = _accounts[account];
        int256 collateral = a.collateral() + int256(amount);
        if (collateral > type(int96).max) revert AmountTooLarge(amount);
        _accounts[account] = a.withCollateral(collateral);
        emit Deposited(account, msg.sender, amount, collateral);
        // Credit only what arrived: a fee-on-transfer or re-entrant token moves another amount.
        uint256 balance = _token.balanceOf(address(this));
        _token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = _token.balanceOf(address(this));
        if (received != balance + amount) {
            revert TransferAmountMismatch(amount, received > balance ? received - balance : 0);
        }
    }

    /// @inheritdoc IClearingHouseCore
    function withdraw(uint256 amount, address to) external {
        if (amount == 0) revert ZeroAmount();
        if (to == address(0)) revert ZeroAddress();
        AccountSlot a = _accounts[msg.sender];
        int256 before = a.collateral();
        if (amount > uint256(int256(type(int96).max)) || int256(amount) > before) {
            revert InsufficientCollateral(amount, before);
        }
        int256 collateral = before - int256(amount);
        // The margin loop only runs when the account is in some market (any id bit set).
        if (AccountSlot.unwrap(a) >> 96 != 0) {
            Health memory h = _health(msg.sender, a, 0, Position.wrap(0), collateral);
            if (h.equity < int256(h.initialMargin)) revert InsufficientMargin(msg.sender, h.equity, h.initialMargin);
        }
        _accounts[msg.sender] = a.withCollateral(collateral);
        emit Withdrawn(msg.sender, to, amount, collateral);
        _token.safeTransfer(to, amount);
    }

    /// @inheritdoc IClearingHouseCore
    function reserveOrder(
        address account,
        uint256 marketId,
        bool isBid,
        uint256 size,
        uint256 price,
        bool reduceOnly
    ) external returns (uint256 epoch) {
        _onlyOrderBook();
        Market storage m = _markets[marketId];
        MarketConfig memory c = m.config;
        MarketRisk memory r = m.risk;
        _requireTrading(marketId, c, r);
        _checkSizeAndTick(c, r, size, price);
        uint256 index = _cacheIndex(marketId, m.indexId);
        (uint256 lower, uint256 upper) = MarginLib.bandLimits(
            index,
            MarginLib.bandAt(r.bandBps, c.windowStart, c.windowEnd, block.timestamp)
        );
        if (price < lower || price > upper) revert PriceOutsideBand(price, lower, upper);

        Position p = _positions[account][marketId];
        epoch = p.orderEpoch();
        int256 posSize = p.size();
        if (reduceOnly || r.mode == Mode.ReduceOnly) {
            int256 delta = isBid ? int256(size) : -int256(size);
            if (!reduceOnly || !MarginLib.isReducing(posSize, delta)) {
                revert ReduceOnlyViolated(marketId, account, posSize, delta);
            }
            // Reduces only: nothing to reserve (a fill that would not reduce is refused).
        } else {
            uint256 bid = p.bidSize();
            uint256 ask = p.askSize();
            if (isBid) bid += size;
            else ask += size;
            uint256 worst = MarginLib.worstSize(posSize, bid, ask);
            if (worst > r.maxPosition) revert MaxPositionExceeded(account, worst, r.maxPosition);
            Position next = p.withOrders(bid, ask);
            AccountSlot a = _accounts[account];
            Health memory h = _health(account, a, marketId, next, a.collateral());
            if (h.equity < int256(h.initialMargin)) revert InsufficientMargin(account, h.equity, h.initialMargin);
            // The account slot changes only when the market enters its list (collateral does not).
            if (p.isFlat()) _writePosition(account, marketId, p, next, a);
            else _positions[account][marketId] = next;
        }
        _clearIndex(marketId);
    }

    /// @inheritdoc IClearingHouseCore
    function releaseOrder(address account, uint256 marketId, bool isBid, uint256 size, uint256 epoch) external {
        _onlyOrderBook();
        Position p = _positions[account][marketId];
        // Dead (older epoch) orders, and positions closed by settlement, hold no reservation.
        if (p.isFlat() || p.orderEpoch() != epoch) return;
        uint256 bid = p.bidSize();
        uint256 ask = p.askSize();
        if (isBid) bid = bid > size ? bid - size : 0;
        else ask = ask > size ? ask - size : 0;
        _writeOrders(account, marketId, p, p.withOrders(bid, ask));
    }

    /// @inheritdoc IClearingHouseCore
    function releaseAll(address account, uint256 marketId) external returns (uint256 epoch) {
        _onlyOrderBook();
        Position p = _positions[account][marketId];
        epoch = p.orderEpoch() + 1;
        if (epoch > PositionLib.MAX_EPOCH) revert EpochExhausted(account, marketId);
        _writeOrders(account, marketId, p, p.withOrders(0, 0).withEpoch(epoch));
    }

    /// @dev Writes a position whose resting sizes changed; the account slot is read and written
    ///      only when the market enters or leaves the account's list.
    function _writeOrders(address account, uint256 marketId, Position before, Position after_) internal {
        if (before.isFlat() != after_.isFlat()) _writePosition(account, marketId, before, after_, _accounts[account]);
        else _positions[account][marketId] = after_;
    }

    /// @inheritdoc IClearingHouseCore
    function checkOrder(uint256 marketId, address account, uint256 size, uint256 price) external view {
        account; // reserved for per-account limits
        Market storage m = _markets[marketId];
        MarketConfig memory c = m.config;
        MarketRisk memory r = m.risk;
        _requireTrading(marketId, c, r);
        _checkSizeAndTick(c, r, size, price);
    }

    /// @inheritdoc IClearingHouseCore
    // solhint-disable-next-line function-max-lines
    function applyFill(
        uint256 marketId,
        uint256 orderId,
        address maker,
        address taker,
        int256 takerSize,
        uint256 price,
        uint256 makerRemaining,
        uint256 flags
    ) external returns (FillStatus status) {
        _onlyOrderBook();
        Market storage m = _markets[marketId];
        MarketConfig memory c = m.config;
        MarketRisk memory r = m.risk;
        _requireTrading(marketId, c, r);
        _cacheIndex(marketId, m.indexId);
        bool reduceOnlyMode = r.mode == Mode.ReduceOnly;
        bool makerReduceOnly = flags & FLAG_MAKER_REDUCE_ONLY != 0;

        // Maker side: refused (the book drops the order) rather than reverting the taker.
        SideUpdate memory mu = _computeSide(
            maker,
            marketId,
            -takerSize,
            price,
            c.makerFeeBps,
            makerReduceOnly ? 0 : MarginLib.abs(takerSize)
        );
        status = _makerStatus(mu, marketId, maker, taker, flags, reduceOnlyMode, r.maxPosition);
        if (status != FillStatus.Filled) {
            if (status != FillStatus.StaleOrder && !makerReduceOnly) {
                // Release the whole remaining order: the book deletes it.
                Position p = mu.before;
                uint256 bid = p.bidSize();
                uint256 ask = p.askSize();
                if (takerSize < 0) bid = bid > makerRemaining ? bid - makerRemaining : 0;
                else ask = ask > makerRemaining ? ask - makerRemaining : 0;
                _writePosition(maker, marketId, p, p.withOrders(bid, ask), mu.account);
            }
            return status;
        }

        // Taker side: its margin is checked once per order by `checkTaker`.
        SideUpdate memory tu = _computeSide(taker, marketId, takerSize, price, c.takerFeeBps, 0);
        if (!tu.reducing) {
            if (flags & FLAG_TAKER_REDUCE_ONLY != 0 || reduceOnlyMode) {
                revert ReduceOnlyViolated(marketId, taker, tu.before.size(), takerSize);
            }
            uint256 absAfter = MarginLib.abs(tu.after_.size());
            if (absAfter > r.maxPosition) revert MaxPositionExceeded(taker, absAfter, r.maxPosition);
            _takerRisk = true;
        }

        // Market aggregates and the traded-price average.
        MarketTrading memory t = m.trading;
        MarketTail memory tail = m.tail;
        uint256 oiBefore = t.openInterest;
        _aggregate(t, tail, mu.before, mu.after_);
        _aggregate(t, tail, tu.before, tu.after_);
        if (t.openInterest > oiBefore && t.openInterest > r.oiCap) {
            revert OpenInterestCapExceeded(marketId, t.openInterest, r.oiCap);
        }
        t.ema = uint64(MarginLib.emaDown(t.ema, price, block.timestamp - t.lastTradeAt, markPeriod));
        t.lastTradeAt = uint32(block.timestamp);
        m.trading = t;
        m.tail = tail;

        _writeSide(maker, marketId, mu);
        _writeSide(taker, marketId, tu);
        _accrueFees(mu.fee + tu.fee);
        emit Fill(marketId, maker, taker, orderId, takerSize, price, mu.fee, tu.fee);
    }

    /// @dev Whether the maker side of a fill may go ahead, and why not.
    function _makerStatus(
        SideUpdate memory mu,
        uint256 marketId,
        address maker,
        address taker,
        uint256 flags,
        bool reduceOnlyMode,
        uint256 maxPosition
    ) internal view returns (FillStatus) {
        if (mu.before.orderEpoch() != flags & 0xffff) return FillStatus.StaleOrder;
        if (maker == taker) return FillStatus.SelfTrade;
        if (mu.reducing) return FillStatus.Filled;
        if (flags & FLAG_MAKER_REDUCE_ONLY != 0 || reduceOnlyMode) return FillStatus.ReduceOnly;
        if (MarginLib.abs(mu.after_.size()) > maxPosition) return FillStatus.MaxPosition;
        Health memory h = _health(maker, mu.account, marketId, mu.after_, mu.collateral);
        if (h.equity < int256(h.initialMargin)) return FillStatus.Margin;
        return FillStatus.Filled;
    }

    /// @inheritdoc IClearingHouseCore
    function checkTaker(uint256 marketId, address taker) external {
        _onlyOrderBook();
        if (_takerRisk) {
            _takerRisk = false;
            AccountSlot a = _accounts[taker];
            Health memory h = _health(taker, a, 0, Position.wrap(0), a.collateral());
            if (h.equity < int256(h.initialMargin)) revert InsufficientMargin(taker, h.equity, h.initialMargin);
        }
        _clearIndex(marketId);
    }

    /// @inheritdoc IClearingHouseCore
    function liquidate(address account, uint256 marketId, uint256 maxSize) external returns (uint256 size) {
        if (account == msg.sender) revert SelfLiquidation(account);
        Market storage m = _markets[marketId];
        MarketConfig memory c = m.config;
        MarketRisk memory r = m.risk;
        if (c.lotSize == 0) revert UnknownMarket(marketId);
        if (r.mode == Mode.Paused) revert MarketPaused(marketId);
        State s = _state(c, r);
        if (s == State.Listed || s == State.Settled) revert MarketNotTrading(marketId, s);
        Position p = _positions[account][marketId];
        int256 posSize = p.size();
        if (posSize == 0) revert NoPosition(account, marketId);

        uint256 index = _cacheIndex(marketId, m.indexId);
        uint256 mark = _liquidationPrice(
            posSize,
            index,
            MarginLib.markPrice(
                m.trading.ema,
                index,
                MarginLib.bandAt(r.bandBps, c.windowStart, c.windowEnd, block.timestamp)
            )
        );
        if (mark > uint256(c.tickSize) * MAX_TICKS) revert PriceOutsideBand(mark, 0, uint256(c.tickSize) * MAX_TICKS);
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
                size = _liquidationSize(h, c, mark, MarginLib.abs(posSize), maxSize);
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
        size = _liquidationSize(h, c, mark, MarginLib.abs(posSize), maxSize);
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
        MarketConfig memory c,
        uint256 mark,
        uint256 absSize,
        uint256 maxSize
    ) internal view returns (uint256 size) {
        uint256 shortfall = h.equity >= int256(h.positionMargin) ? 0 : uint256(int256(h.positionMargin) - h.equity);
        size = MarginLib.liquidationSizeUp(shortfall, mark, c.imBps, liquidationPenaltyBps, c.lotSize, absSize);
        if (size == 0) size = c.lotSize < absSize ? c.lotSize : absSize;
        if (size > maxSize) {
            size = (maxSize / c.lotSize) * c.lotSize;
            if (size == 0) revert LiquidationTooSmall(maxSize, c.lotSize);
        }
    }

    function _liquidateApply(
        Market storage m,
        MarketRisk memory r,
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
        MarketTail memory tail = m.tail;
        _aggregate(t, tail, au.before, au.after_);
        _aggregate(t, tail, lu.before, lu.after_);

        // The insurance share of the penalty first, so a bankrupt account's penalty cancels out.
        _pools.insurance += uint128(penalty - reward);
        // Bad debt: the account's last position is gone and its collateral is negative.
        if (au.collateral < 0 && openPositions == 1 && au.after_.size() == 0) {
            uint256 deficit = uint256(-au.collateral);
            au.collateral = 0;
            (uint256 covered, uint256 uncovered) = _coverFromInsurance(deficit);
            tail.badDebt += uncovered.toUint88();
            emit BadDebt(marketId, account, deficit, covered, uncovered);
        }
        m.trading = t;
        m.tail = tail;
        _writeSide(account, marketId, au);
        _writeSide(msg.sender, marketId, lu);
        emit Liquidated(marketId, account, msg.sender, -delta, mark, penalty, reward);
        _clearIndex(marketId);
    }

    /// @inheritdoc IClearingHouseCore
    function collateralToken() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc IClearingHouseCore
    function collateralOf(address account) external view returns (int256) {
        return _accounts[account].collateral();
    }

    /// @inheritdoc IClearingHouseCore
    function positionOf(
        address account,
        uint256 marketId
    ) external view returns (int256 size, int256 openNotional, uint256 bidSize, uint256 askSize) {
        Position p = _positions[account][marketId];
        return (p.size(), p.openNotional(), p.bidSize(), p.askSize());
    }

    /// @inheritdoc IClearingHouseCore
    function rawPosition(address account, uint256 marketId) external view returns (Position) {
        return _positions[account][marketId];
    }

    /// @inheritdoc IClearingHouseCore
    function health(address account) external view returns (Health memory) {
        AccountSlot a = _accounts[account];
        return _health(account, a, 0, Position.wrap(0), a.collateral());
    }

    function _onlyOrderBook() internal view {
        if (msg.sender != orderBook) revert Unauthorized(msg.sender, ROLE_ORDER_BOOK);
    }

    function _requireTrading(uint256 marketId, MarketConfig memory c, MarketRisk memory r) internal view {
        if (c.lotSize == 0) revert UnknownMarket(marketId);
        if (r.mode == Mode.Paused) revert MarketPaused(marketId);
        State s = _state(c, r);
        if (s != State.Trading && s != State.Averaging) revert MarketNotTrading(marketId, s);
    }

    function _checkSizeAndTick(MarketConfig memory c, MarketRisk memory r, uint256 size, uint256 price) internal pure {
        if (size == 0) revert ZeroSize();
        if (size % c.lotSize != 0 || size > r.maxPosition) revert InvalidSize(size, c.lotSize, r.maxPosition);
        if (price == 0 || price % c.tickSize != 0 || price / c.tickSize > MAX_TICKS) {
            revert PriceNotOnTick(price, c.tickSize);
        }
    }

    function _cacheIndex(uint256 marketId, bytes32 indexId) internal returns (uint256 price) {
        uint256 slot = INDEX_CACHE + marketId;
        assembly ("memory-safe") {
            price := tload(slot)
        }
        if (price != 0) return price;
        (price, ) = oracle.latestPrice(indexId);
        assembly ("memory-safe") {
            tstore(slot, price)
        }
    }

    /// @dev Ends the index cache of `marketId`: every top-level operation (order placement,
    ///      a taker order's fills up to `checkTaker`, a liquidation) reads the index afresh.
    function _clearIndex(uint256 marketId) internal {
        uint256 slot = INDEX_CACHE + marketId;
        assembly ("memory-safe") {
            tstore(slot, 0)
        }
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

    function _aggregate(
        MarketTrading memory t,
        MarketTail memory tail,
        Position before,
        Position after_
    ) internal pure {
        int256 s0 = before.size();
        int256 s1 = after_.size();
        int256 oi = int256(uint256(t.openInterest));
        int256 lon = t.longOpenNotional;
        int256 son = tail.shortOpenNotional;
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
        tail.shortOpenNotional = son.toInt96();
    }

    function _accrueFees(uint256 fee) internal {
        if (fee == 0) return;
        uint256 toInsurance = MarginLib.bpsDown(fee, insuranceFeeShareBps);
        Pools memory pools = _pools;
        pools.fees += uint128(fee - toInsurance);
        pools.insurance += uint128(toInsurance);
        _pools = pools;
    }
}
