// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20, IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IClearingHouseAdmin} from "../interfaces/IClearingHouseAdmin.sol";
import {IClearingHouseCover} from "../interfaces/IClearingHouseCover.sol";
import {ICapacityToken} from "../interfaces/ICapacityToken.sol";
import {IIndexOracle} from "../interfaces/IIndexOracle.sol";
import {MarginLib} from "../libraries/MarginLib.sol";
import {Position} from "../types/Position.sol";
import {AccountSlot} from "../types/AccountSlot.sol";
import {BookHeaderLib} from "../types/BookHeader.sol";
import {ClearingHouseStorage} from "./ClearingHouseStorage.sol";
import {Liquidation} from "./Liquidation.sol";

/// @title ClearingHouseExtension
/// @notice Market creation, settlement, administration, liquidation and covered shorts of the
///         clearing house (see {IClearingHouseAdmin}, {IClearingHouseLiquidation},
///         {IClearingHouseCover}), run by delegatecall from `ClearingHouse`'s fallback; its own
///         fallback delegates the reads to `reader`.
/// @dev Warning: deploy it with the same constructor arguments as the `ClearingHouse` that uses
///      it (its immutables are read in the core's context). Called directly it only touches its
///      own, empty storage and holds no tokens.
contract ClearingHouseExtension is Liquidation, IClearingHouseAdmin, IClearingHouseCover {
    using SafeERC20 for IERC20;
    using SafeCast for int256;

    /// @notice Where the reads (`IClearingHouseReads`, `IOrderBookReads`) run.
    address public immutable reader;

    constructor(
        IERC20Metadata token,
        IIndexOracle oracle_,
        address owner_,
        address marketAdmin_,
        address guardian_,
        RiskParams memory risk,
        address reader_
    ) ClearingHouseStorage(token, oracle_, owner_, marketAdmin_, guardian_, risk) {
        if (reader_.code.length == 0) revert ZeroAddress();
        reader = reader_;
    }

    /// @notice Runs every read (`IClearingHouseReads`, `IOrderBookReads`) in `reader`.
    fallback() external {
        _delegate(reader);
    }

    /// @inheritdoc IClearingHouseAdmin
    function createMarket(MarketParams calldata p) external returns (uint256 marketId) {
        if (msg.sender != marketAdmin) revert Unauthorized(msg.sender, ROLE_MARKET_ADMIN);
        _validateParams(p);
        marketId = marketCount + 1;
        if (marketId > type(uint16).max) revert InvalidMarketParams("marketCount", marketId);
        marketCount = marketId;
        Market storage m = _markets[marketId];
        m.indexId = p.indexId;
        m.rules = MarketRules({
            tradingStart: p.tradingStart,
            windowStart: p.windowStart,
            windowEnd: p.windowEnd,
            imBps: p.imBps,
            mmBps: p.mmBps,
            makerFeeBps: p.makerFeeBps,
            takerFeeBps: p.takerFeeBps,
            maxPosition: p.maxPosition,
            bandBps: p.bandBps,
            mode: Mode.Active,
            stage: Stage.None
        });
        m.shorts.oiCap = p.oiCap;
        uint256 indexNumber = oracle.indexNumber(p.indexId);
        _book.headers[marketId] = BookHeaderLib.create(p.tickSize, indexNumber, p.lotSize);
        // Orders price from the copy the oracle pushes: current because this contract is the
        // oracle's subscriber (fixed at the oracle's deployment) and holds the copy taken now.
        address subscriber = oracle.subscriber();
        if (subscriber != address(this)) revert NotIndexSubscriber(subscriber);
        _indexes[indexNumber] = oracle.latestIndex(indexNumber);
        emit MarketCreated(marketId, p.indexId, p);
    }

    /// @inheritdoc IClearingHouseAdmin
    function setMarketMode(uint256 marketId, Mode mode) external {
        if (msg.sender != marketAdmin && !(msg.sender == guardian && mode == Mode.Paused)) {
            revert Unauthorized(msg.sender, ROLE_MARKET_ADMIN);
        }
        _market(marketId).rules.mode = mode;
        emit MarketModeSet(marketId, mode, msg.sender);
    }

    /// @inheritdoc IClearingHouseAdmin
    function proposeSettlement(uint256 marketId) external {
        Market storage m = _market(marketId);
        MarketRules memory r = m.rules;
        if (r.mode == Mode.Paused) revert MarketPaused(marketId);
        // A round timestamped inside the window may arrive up to maxSubmissionDelay after its end
        // and still change the average: the proposal waits until none can (finding S-1).
        uint256 opensAt = uint256(r.windowEnd) + oracle.indexParams(m.indexId).maxSubmissionDelay;
        if (block.timestamp < opensAt) revert SettlementNotDue(marketId, opensAt);
        if (r.stage != Stage.None) revert WrongSettlementStage(marketId, r.stage);
        (uint256 price, bool fallbackUsed) = _finalPrice(marketId, m.indexId, r);
        if (price == 0 || price > type(uint64).max) revert InvalidFinalPrice(price);
        MarketSettlement storage st = m.settlement;
        st.finalPrice = uint64(price);
        st.proposedAt = uint32(block.timestamp);
        m.rules.stage = Stage.Proposed;
        emit SettlementProposed(marketId, price, fallbackUsed);
    }

    /// @inheritdoc IClearingHouseAdmin
    function disputeSettlement(uint256 marketId, uint256 price, string calldata reason) external {
        if (msg.sender != guardian) revert Unauthorized(msg.sender, ROLE_GUARDIAN);
        Market storage m = _market(marketId);
        Stage stage = m.rules.stage;
        if (stage != Stage.Proposed) revert WrongSettlementStage(marketId, stage);
        MarketSettlement storage st = m.settlement;
        uint256 endsAt = uint256(st.proposedAt) + disputePeriod;
        if (block.timestamp >= endsAt) revert DisputePeriod(marketId, endsAt);
        if (price == 0 || price > type(uint64).max) revert InvalidFinalPrice(price);
        emit SettlementDisputed(marketId, st.finalPrice, price, reason);
        st.finalPrice = uint64(price);
    }

    /// @inheritdoc IClearingHouseAdmin
    function finalizeSettlement(uint256 marketId) external {
        Market storage m = _market(marketId);
        MarketRules memory r = m.rules;
        if (r.mode == Mode.Paused) revert MarketPaused(marketId);
        if (r.stage != Stage.Proposed) revert WrongSettlementStage(marketId, r.stage);
        MarketSettlement memory st = m.settlement;
        uint256 endsAt = uint256(st.proposedAt) + disputePeriod;
        if (block.timestamp < endsAt) revert DisputePeriod(marketId, endsAt);

        uint256 oi = m.trading.openInterest;
        (int256 longPnl, int256 shortPnl) = MarginLib.sidePnls(
            oi,
            m.trading.longOpenNotional,
            m.shorts.shortOpenNotional,
            st.finalPrice
        );
        bool winnerIsLong = longPnl >= shortPnl;
        uint256 badDebt = st.badDebt;
        uint256 haircut = MarginLib.haircutPerUnitUp(badDebt, oi, winnerIsLong ? longPnl : shortPnl);
        uint256 written = haircut * oi;
        uint256 unrecovered = written < badDebt ? badDebt - written : 0;
        uint256 toInsurance = written > badDebt ? written - badDebt : 0;
        if (unrecovered != 0) _deficit += unrecovered;
        if (toInsurance != 0) _pools.insurance += uint128(toInsurance);

        st.badDebt = 0;
        st.winnerIsLong = winnerIsLong;
        st.haircut = uint64(haircut);
        m.settlement = st;
        m.rules.stage = Stage.Settled;
        emit SettlementFinalized(marketId, st.finalPrice, winnerIsLong, haircut, badDebt, unrecovered, toInsurance);
    }

    /// @inheritdoc IClearingHouseAdmin
    function claimSettlement(address account, uint256 marketId) external {
        Market storage m = _market(marketId);
        MarketRules memory r = m.rules;
        if (r.mode == Mode.Paused) revert MarketPaused(marketId);
        if (r.stage != Stage.Settled) revert WrongSettlementStage(marketId, r.stage);
        Position p = _positions[account][marketId];
        if (p.isFlat()) revert NoPosition(account, marketId);
        MarketSettlement memory st = m.settlement;
        int256 posSize = p.size();
        int256 pnl = MarginLib.settlementPnlDown(posSize, p.openNotional(), st.finalPrice, st.haircut, st.winnerIsLong);
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
        // Keeps the epoch and the covered flag (the posted units stay until withdrawn).
        _positions[account][marketId] = p.withTrade(0, 0).withOrders(0, 0);
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

    /* ---------------------------------------------------------------- */
    /*                          Covered shorts                          */
    /* ---------------------------------------------------------------- */

    /// @inheritdoc IClearingHouseCover
    function setCapacityToken(address token) external onlyOwner {
        if (token == address(0)) revert ZeroAddress();
        if (_capacityToken != address(0)) revert CapacityTokenAlreadySet(_capacityToken);
        _capacityToken = token;
        emit CapacityTokenSet(token);
    }

    /// @inheritdoc IClearingHouseCover
    function setCoverParams(uint256 marketId, uint16 haircutBps, uint16 imBps, uint16 mmBps) external {
        if (msg.sender != marketAdmin) revert Unauthorized(msg.sender, ROLE_MARKET_ADMIN);
        MarketRules memory c = _market(marketId).rules;
        if (haircutBps >= MarginLib.BPS) revert InvalidCoverParams("haircutBps", haircutBps);
        if (mmBps == 0 || mmBps > c.mmBps) revert InvalidCoverParams("mmBps", mmBps);
        if (imBps <= mmBps || imBps > c.imBps) revert InvalidCoverParams("imBps", imBps);
        _coverParams[marketId] = CoverParams(haircutBps, imBps, mmBps);
        emit CoverParamsSet(marketId, haircutBps, imBps, mmBps);
    }

    /// @inheritdoc IClearingHouseCover
    function postCapacityCollateral(uint256 marketId, uint256 tokenId, uint256 units) external {
        if (units == 0) revert ZeroAmount();
        address token = _capacityToken;
        if (token == address(0)) revert CapacityTokenNotSet();
        Market storage m = _market(marketId);
        if (_coverParams[marketId].imBps == 0) revert CoverNotEnabled(marketId);
        ICapacityToken.Terms memory t = ICapacityToken(token).terms(tokenId);
        if (t.indexId != m.indexId) revert CoverIndexMismatch(marketId, tokenId, m.indexId, t.indexId);
        MarketRules memory c = m.rules;
        // Some hour of the token must still be to come inside the market's window.
        if (_overlapEmpty(t.start, t.end, c.windowStart, c.windowEnd)) {
            revert CoverWindowMismatch(marketId, tokenId, t.start, t.end);
        }
        Cover storage cv = _covers[msg.sender][marketId];
        CoverTerms memory ct = cv.terms;
        if (ct.units != 0 && cv.tokenId != tokenId) revert CoverTokenMismatch(marketId, cv.tokenId, tokenId);
        uint256 posted = ct.units + units;
        if (posted > type(uint64).max) revert AmountTooLarge(units);
        if (ct.units == 0) cv.tokenId = tokenId;
        cv.terms = CoverTerms(uint64(posted), t.start, t.end);
        Position p = _positions[msg.sender][marketId];
        if (!p.isCovered()) _positions[msg.sender][marketId] = p.withCovered(true);
        emit CapacityCollateralPosted(msg.sender, marketId, tokenId, units, posted);
        // `onERC1155Received` accepts the units because this contract is the operator.
        IERC1155(token).safeTransferFrom(msg.sender, address(this), tokenId, units, "");
    }

    /// @inheritdoc IClearingHouseCover
    function withdrawCapacityCollateral(uint256 marketId, uint256 tokenId, uint256 units) external {
        if (units == 0) revert ZeroAmount();
        Cover storage cv = _covers[msg.sender][marketId];
        CoverTerms memory ct = cv.terms;
        uint256 posted = cv.tokenId == tokenId ? ct.units : 0;
        if (units > posted) revert InsufficientCover(marketId, tokenId, posted, units);
        uint256 left = posted - units;
        Position p = _positions[msg.sender][marketId];
        if (left == 0) {
            delete _covers[msg.sender][marketId];
            _positions[msg.sender][marketId] = p.withCovered(false);
        } else {
            ct.units = uint64(left);
            cv.terms = ct;
        }
        // Less cover raises the requirement: the account must still meet initial margin.
        if (!p.isFlat()) {
            AccountSlot a = _accounts[msg.sender];
            Health memory h = _health(msg.sender, a, 0, Position.wrap(0), a.collateral());
            if (h.equity < int256(h.initialMargin)) revert InsufficientMargin(msg.sender, h.equity, h.initialMargin);
        }
        emit CapacityCollateralWithdrawn(msg.sender, marketId, tokenId, units, left);
        IERC1155(_capacityToken).safeTransferFrom(address(this), msg.sender, tokenId, units, "");
    }

    /// @notice Accepts capacity units only from the registered token and only when this
    ///         contract moves them itself (`postCapacityCollateral`): units sent any other way
    ///         would sit in custody with no account to credit, so they are refused.
    function onERC1155Received(
        address operator,
        address,
        uint256,
        uint256,
        bytes calldata
    ) external view returns (bytes4) {
        if (msg.sender != _capacityToken) revert NotCapacityToken(msg.sender);
        if (operator != address(this)) revert UnexpectedCapacityTransfer(operator);
        return IERC1155Receiver.onERC1155Received.selector;
    }

    /// @notice Batches are never accepted (`postCapacityCollateral` moves one id at a time).
    function onERC1155BatchReceived(
        address operator,
        address,
        uint256[] calldata,
        uint256[] calldata,
        bytes calldata
    ) external view returns (bytes4) {
        if (msg.sender != _capacityToken) revert NotCapacityToken(msg.sender);
        revert UnexpectedCapacityTransfer(operator);
    }

    /// @notice ERC-165: the clearing house is an ERC-1155 receiver.
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC1155Receiver).interfaceId || interfaceId == type(IERC165).interfaceId;
    }

    /// @dev Whether [max(start, from, now), min(end, to)) is empty.
    function _overlapEmpty(uint256 start, uint256 end, uint256 from, uint256 to) internal view returns (bool) {
        uint256 lo = start > from ? start : from;
        if (block.timestamp > lo) lo = block.timestamp;
        uint256 hi = end < to ? end : to;
        return hi <= lo;
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
        MarketRules memory c
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
