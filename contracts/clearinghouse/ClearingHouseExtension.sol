// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20, IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IClearingHouseAdmin} from "../interfaces/IClearingHouseAdmin.sol";
import {IIndexOracle} from "../interfaces/IIndexOracle.sol";
import {MarginLib} from "../libraries/MarginLib.sol";
import {Position} from "../types/Position.sol";
import {AccountSlot, AccountSlotLib, MarketList} from "../types/AccountSlot.sol";
import {ClearingHouseStorage} from "./ClearingHouseStorage.sol";

/// @title ClearingHouseExtension
/// @notice Market creation, settlement, administration and market reads of the clearing house
///         (see {IClearingHouseAdmin}), run by delegatecall from `ClearingHouse`'s fallback.
/// @dev Warning: deploy it with the same constructor arguments as the `ClearingHouse` that uses
///      it (its immutables are read in the core's context). Called directly it only touches its
///      own, empty storage and holds no tokens.
contract ClearingHouseExtension is ClearingHouseStorage, IClearingHouseAdmin {
    using SafeERC20 for IERC20;
    using SafeCast for int256;

    constructor(
        IERC20Metadata token,
        IIndexOracle oracle_,
        address owner_,
        address marketAdmin_,
        address guardian_,
        RiskParams memory risk
    ) ClearingHouseStorage(token, oracle_, owner_, marketAdmin_, guardian_, risk) {}

    /// @inheritdoc IClearingHouseAdmin
    function createMarket(MarketParams calldata p) external returns (uint256 marketId) {
        if (msg.sender != marketAdmin) revert Unauthorized(msg.sender, ROLE_MARKET_ADMIN);
        _validateParams(p);
        marketId = marketCount + 1;
        if (marketId > type(uint16).max) revert InvalidMarketParams("marketCount", marketId);
        marketCount = marketId;
        Market storage m = _markets[marketId];
        m.indexId = p.indexId;
        m.config = MarketConfig({
            tradingStart: p.tradingStart,
            windowStart: p.windowStart,
            windowEnd: p.windowEnd,
            tickSize: p.tickSize,
            lotSize: p.lotSize,
            imBps: p.imBps,
            mmBps: p.mmBps,
            makerFeeBps: p.makerFeeBps,
            takerFeeBps: p.takerFeeBps
        });
        m.risk = MarketRisk({
            oiCap: p.oiCap,
            maxPosition: p.maxPosition,
            bandBps: p.bandBps,
            mode: Mode.Active,
            finalPrice: 0,
            proposedAt: 0,
            stage: Stage.None
        });
        emit MarketCreated(marketId, p.indexId, p);
    }

    /// @inheritdoc IClearingHouseAdmin
    function setMarketMode(uint256 marketId, Mode mode) external {
        if (msg.sender != marketAdmin && !(msg.sender == guardian && mode == Mode.Paused)) {
            revert Unauthorized(msg.sender, ROLE_MARKET_ADMIN);
        }
        _market(marketId).risk.mode = mode;
        emit MarketModeSet(marketId, mode, msg.sender);
    }

    /// @inheritdoc IClearingHouseAdmin
    function proposeSettlement(uint256 marketId) external {
        Market storage m = _market(marketId);
        MarketConfig memory c = m.config;
        MarketRisk memory r = m.risk;
        if (r.mode == Mode.Paused) revert MarketPaused(marketId);
        if (block.timestamp < c.windowEnd) revert SettlementNotDue(marketId, c.windowEnd);
        if (r.stage != Stage.None) revert WrongSettlementStage(marketId, r.stage);
        (uint256 price, bool fallbackUsed) = _finalPrice(marketId, m.indexId, c);
        if (price == 0 || price > type(uint64).max) revert InvalidFinalPrice(price);
        r.finalPrice = uint64(price);
        r.proposedAt = uint32(block.timestamp);
        r.stage = Stage.Proposed;
        m.risk = r;
        emit SettlementProposed(marketId, price, fallbackUsed);
    }

    /// @inheritdoc IClearingHouseAdmin
    function disputeSettlement(uint256 marketId, uint256 price, string calldata reason) external {
        if (msg.sender != guardian) revert Unauthorized(msg.sender, ROLE_GUARDIAN);
        Market storage m = _market(marketId);
        MarketRisk memory r = m.risk;
        if (r.stage != Stage.Proposed) revert WrongSettlementStage(marketId, r.stage);
        uint256 endsAt = uint256(r.proposedAt) + disputePeriod;
        if (block.timestamp >= endsAt) revert DisputePeriod(marketId, endsAt);
        if (price == 0 || price > type(uint64).max) revert InvalidFinalPrice(price);
        emit SettlementDisputed(marketId, r.finalPrice, price, reason);
        m.risk.finalPrice = uint64(price);
    }

    /// @inheritdoc IClearingHouseAdmin
    function finalizeSettlement(uint256 marketId) external {
        Market storage m = _market(marketId);
        MarketRisk memory r = m.risk;
        if (r.mode == Mode.Paused) revert MarketPaused(marketId);
        if (r.stage != Stage.Proposed) revert WrongSettlementStage(marketId, r.stage);
        uint256 endsAt = uint256(r.proposedAt) + disputePeriod;
        if (block.timestamp < endsAt) revert DisputePeriod(marketId, endsAt);

        MarketTail memory tail = m.tail;
        uint256 oi = m.trading.openInterest;
        (int256 longPnl, int256 shortPnl) = MarginLib.sidePnls(
            oi,
            m.trading.longOpenNotional,
            tail.shortOpenNotional,
            r.finalPrice
        );
        bool winnerIsLong = longPnl >= shortPnl;
        uint256 badDebt = tail.badDebt;
        uint256 haircut = MarginLib.haircutPerUnitUp(badDebt, oi, winnerIsLong ? longPnl : shortPnl);
        uint256 written = haircut * oi;
        uint256 unrecovered = written < badDebt ? badDebt - written : 0;
        uint256 toInsurance = written > badDebt ? written - badDebt : 0;
        if (unrecovered != 0) _deficit += unrecovered;
        if (toInsurance != 0) _pools.insurance += uint128(toInsurance);

        tail.badDebt = 0;
        tail.winnerIsLong = winnerIsLong;
        tail.haircut = uint64(haircut);
        m.tail = tail;
        m.risk.stage = Stage.Settled;
        emit SettlementFinalized(marketId, r.finalPrice, winnerIsLong, haircut, badDebt, unrecovered, toInsurance);
    }

    /// @inheritdoc IClearingHouseAdmin
    function claimSettlement(address account, uint256 marketId) external {
        Market storage m = _market(marketId);
        MarketRisk memory r = m.risk;
        if (r.mode == Mode.Paused) revert MarketPaused(marketId);
        if (r.stage != Stage.Settled) revert WrongSettlementStage(marketId, r.stage);
        Position p = _positions[account][marketId];
        if (p.isFlat()) revert NoPosition(account, marketId);
        MarketTail memory tail = m.tail;
        int256 posSize = p.size();
        int256 pnl = MarginLib.settlementPnlDown(
            posSize,
            p.openNotional(),
            r.finalPrice,
            tail.haircut,
            tail.winnerIsLong
        );
        AccountSlot a = _removeMarket(account, _accounts[account], marketId);
        int256 collateral = a.collateral() + pnl;
        if (collateral < 0 && AccountSlot.unwrap(a) >> 96 == 0) {
            // Nothing left to back the loss: insurance, then the global deficit.
            uint256 deficit = uint256(-collateral);
            collateral = 0;
            (uint256 covered, uint256 uncovered) = _coverFromInsurance(deficit);
            _deficit += uncovered;
            emit BadDebt(0, account, deficit, covered, uncovered);
        }
        _accounts[account] = a.withCollateral(collateral.toInt96());
        _positions[account][marketId] = Position.wrap(0).withEpoch(p.orderEpoch());
        emit SettlementClaimed(marketId, account, posSize, pnl, collateral);
    }

    /// @inheritdoc IClearingHouseAdmin
    function setMarketAdmin(address account) external onlyOwner {
        marketAdmin = account;
        emit RoleSet(ROLE_MARKET_ADMIN, account);
    }

    /// @inheritdoc IClearingHouseAdmin
    function setGuardian(address account) external onlyOwner {
        guardian = account;
        emit RoleSet(ROLE_GUARDIAN, account);
    }

    /// @inheritdoc IClearingHouseAdmin
    function collectFees(address to, uint256 amount) external onlyOwner {
        if (to == address(0)) revert ZeroAddress();
        Pools memory pools = _pools;
        if (amount > pools.fees) revert InsufficientFees(amount, pools.fees);
        pools.fees -= uint128(amount);
        _pools = pools;
        emit FeesCollected(to, amount);
        _token.safeTransfer(to, amount);
    }

    /// @inheritdoc IClearingHouseAdmin
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
        return (m.indexId, m.config, m.risk, m.trading, m.tail);
    }

    /// @inheritdoc IClearingHouseAdmin
    function marketState(uint256 marketId) external view returns (State) {
        Market storage m = _market(marketId);
        return _state(m.config, m.risk);
    }

    /// @inheritdoc IClearingHouseAdmin
    function markPrice(uint256 marketId) external view returns (uint256) {
        Market storage m = _market(marketId);
        return _markPrice(marketId, m, m.config, m.risk);
    }

    /// @inheritdoc IClearingHouseAdmin
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

    /// @inheritdoc IClearingHouseAdmin
    function pools() external view returns (uint256 fees, uint256 insurance, uint256 deficit) {
        return (_pools.fees, _pools.insurance, _deficit);
    }

    function _validateParams(MarketParams calldata p) internal view {
        if (p.indexId == bytes32(0)) revert InvalidMarketParams("indexId", 0);
        if (p.tradingStart >= p.windowStart) revert InvalidMarketParams("tradingStart", p.tradingStart);
        if (p.windowStart >= p.windowEnd || p.windowEnd <= block.timestamp) {
            revert InvalidMarketParams("windowEnd", p.windowEnd);
        }
        if (p.tickSize == 0) revert InvalidMarketParams("tickSize", 0);
        if (p.lotSize == 0 || p.lotSize >= 1 << 20) revert InvalidMarketParams("lotSize", p.lotSize);
        if (p.imBps > MarginLib.BPS || p.imBps <= p.mmBps) revert InvalidMarketParams("imBps", p.imBps);
        if (p.mmBps == 0) revert InvalidMarketParams("mmBps", 0);
        if (p.makerFeeBps > 1000) revert InvalidMarketParams("makerFeeBps", p.makerFeeBps);
        if (p.takerFeeBps > 1000) revert InvalidMarketParams("takerFeeBps", p.takerFeeBps);
        if (p.bandBps == 0 || p.bandBps >= MarginLib.BPS) revert InvalidMarketParams("bandBps", p.bandBps);
        if (p.oiCap == 0) revert InvalidMarketParams("oiCap", 0);
        if (p.maxPosition == 0 || p.maxPosition > MAX_POSITION_LIMIT) {
            revert InvalidMarketParams("maxPosition", p.maxPosition);
        }
        // Largest price × largest position must fit the int96 open notional and a uint64 price.
        uint256 maxPrice = uint256(p.tickSize) * MAX_TICKS;
        if (maxPrice > type(uint64).max || maxPrice * 2 * p.maxPosition > uint256(int256(type(int96).max))) {
            revert InvalidMarketParams("tickSize", p.tickSize);
        }
    }

    function _finalPrice(
        uint256 marketId,
        bytes32 indexId,
        MarketConfig memory c
    ) internal view returns (uint256 price, bool fallbackUsed) {
        bool stale = oracle.isStale(indexId);
        if (!stale) {
            try oracle.averagePrice(indexId, c.windowStart, c.windowEnd) returns (uint256 avg) {
                return (avg, false);
            } catch {}
        }
        uint256 fallbackAt = uint256(c.windowEnd) + gracePeriod;
        if (block.timestamp < fallbackAt) revert IndexUnavailable(marketId, fallbackAt);
        IIndexOracle.Round memory last = oracle.latestRound(indexId);
        if (last.timestamp > c.windowStart) {
            uint256 end = last.timestamp < c.windowEnd ? last.timestamp : c.windowEnd;
            try oracle.averagePrice(indexId, c.windowStart, end) returns (uint256 avg) {
                return (avg, true);
            } catch {}
        }
        return (last.price, true);
    }
}
