// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20, IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IClearingHouseBase} from "../interfaces/IClearingHouseBase.sol";
import {IIndexOracle} from "../interfaces/IIndexOracle.sol";
import {MarginLib} from "../libraries/MarginLib.sol";
import {CapacityMathLib} from "../libraries/CapacityMathLib.sol";
import {CalendarLib} from "../libraries/CalendarLib.sol";
import {Position} from "../types/Position.sol";
import {AccountSlot, AccountSlotLib, MarketList} from "../types/AccountSlot.sol";
import {BookHeader} from "../types/BookHeader.sol";
import {Order} from "../types/Order.sol";

/// @title ClearingHouseStorage
/// @notice Storage, immutables and shared internals of the clearing house. Inherited by
///         `ClearingHouse` (core, the address users call) and `ClearingHouseExtension` (run by
///         delegatecall from the core's fallback): both declare no storage of their own, so the
///         layout is this contract's.
/// @dev Storage per account: 2 slots (`AccountSlot`, `MarketList`); per position: 1 slot
///      (`Position`); per market: 5 slots (`Market`) and the book's header (1 slot); globals:
///      fee pool + insurance (1 slot), deficit (1 slot). Covered shorts (read only for positions
///      flagged covered): capacity token (1 slot), per (account, market) cover: 2 slots
///      (`Cover`), per market cover parameters: 1 slot. Order books: per resting order 1 slot,
///      per price level ¼ slot, bitmap words as `TickBitmapLib` describes.
abstract contract ClearingHouseStorage is IClearingHouseBase, Ownable2Step {
    using SafeERC20 for IERC20;
    using SafeCast for int256;
    using SafeCast for uint256;

    /// @notice Constructor parameters that never change.
    /// @param liquidationPenaltyBps Penalty of a liquidation, basis points of the notional taken over.
    /// @param liquidatorShareBps Share of the penalty paid to the liquidator (rest: insurance).
    /// @param insuranceFeeShareBps Share of trading fees paid to the insurance fund.
    /// @param disputePeriod Seconds the guardian has to replace a proposed final price.
    /// @param gracePeriod Seconds after the window's end before a stopped index may settle
    ///        at its last good average.
    /// @param markPeriod Seconds over which the traded-price average moves fully to a new price.
    struct RiskParams {
        uint16 liquidationPenaltyBps;
        uint16 liquidatorShareBps;
        uint16 insuranceFeeShareBps;
        uint32 disputePeriod;
        uint32 gracePeriod;
        uint32 markPeriod;
    }

    /// @dev A market: 5 slots. Slot 0 index id; 1 `MarketRules` (read by every order); 2
    ///      `MarketTrading` and 3 `MarketShorts` (read and written by every fill); 4
    ///      `MarketSettlement`. Tick and lot sizes live in the book's header (`BookHeader`), which
    ///      every order reads first. The views show the market as `MarketConfig`, `MarketRisk`
    ///      and `MarketTail` (`ClearingHouseReader.market`).
    struct Market {
        bytes32 indexId;
        MarketRules rules;
        MarketTrading trading;
        MarketShorts shorts;
        MarketSettlement settlement;
    }

    /// @dev Everything an order checks about its market but the tick and the lot, one slot: the
    ///      schedule, margin and fee rates, position limit, price band, mode and settlement stage.
    ///      The order path decodes it as a `RulesWord` (types/MarketWords.sol, same layout).
    struct MarketRules {
        uint32 tradingStart;
        uint32 windowStart;
        uint32 windowEnd;
        uint16 imBps;
        uint16 mmBps;
        uint16 makerFeeBps;
        uint16 takerFeeBps;
        uint64 maxPosition;
        uint16 bandBps;
        Mode mode;
        Stage stage;
    }

    /// @dev The short side's aggregate (written by every fill) beside the open-interest cap that
    ///      every fill checks: one slot.
    struct MarketShorts {
        int96 shortOpenNotional;
        uint64 oiCap;
    }

    /// @dev A market's settlement, one slot: the proposed (then final) price and when it was
    ///      proposed, bad debt to write down, and the write-down set at finalisation.
    struct MarketSettlement {
        uint64 finalPrice;
        uint32 proposedAt;
        uint88 badDebt;
        bool winnerIsLong;
        uint64 haircut;
    }

    /// @dev Fee pool and insurance fund: 1 slot.
    struct Pools {
        uint128 fees;
        uint128 insurance;
    }

    /// @dev Capacity collateral of one account in one market: 2 slots (the token id is read only
    ///      to move units; the margin check reads `terms`).
    struct Cover {
        uint256 tokenId;
        CoverTerms terms;
    }

    /// @dev The order books: per market its `BookHeader`; the tick bitmaps of every market and side
    ///      (`TickBitmapLib`); price levels, four per slot (`LevelLib`); resting orders, one slot
    ///      each, by id (`OrderLib`).
    struct Books {
        mapping(uint256 marketId => BookHeader) headers;
        mapping(uint256 key => uint256) bitmaps;
        mapping(uint256 key => uint256) levels;
        mapping(uint256 orderId => Order) orders;
    }

    /// @dev A market's pricing as the running operation has it already: `_health` uses it for
    ///      `marketId` (a trading market) instead of reading that market's slots again.
    struct MarketQuote {
        uint256 marketId;
        uint256 mark;
        uint256 imBps;
        uint256 mmBps;
    }

    /// @dev The effect of a trade on one side, computed before anything is written.
    struct SideUpdate {
        Position before;
        Position after_;
        AccountSlot account;
        int256 collateral;
        uint256 fee;
        bool reducing;
    }

    bytes32 internal constant ROLE_MARKET_ADMIN = "MARKET_ADMIN";
    bytes32 internal constant ROLE_GUARDIAN = "GUARDIAN";

    /// @notice Ticks a price may span: price = tickSize × k, 0 < k < 2^22 (the book's tick index).
    uint256 public constant MAX_TICKS = (1 << 22) - 1;
    /// @notice Largest `maxPosition` a market may set (keeps sizes in int64 with room).
    uint256 public constant MAX_POSITION_LIMIT = 1 << 38;

    /// @dev Transient: index price cached per market for the transaction (base + marketId).
    uint256 internal constant INDEX_CACHE = uint256(keccak256("computus.ch.index"));

    IERC20 internal immutable _token;
    /// @inheritdoc IClearingHouseBase
    uint8 public immutable collateralDecimals;
    /// @notice The index oracle markets settle on.
    IIndexOracle public immutable oracle;
    /// @notice See {RiskParams}.
    uint256 public immutable liquidationPenaltyBps;
    /// @notice See {RiskParams}.
    uint256 public immutable liquidatorShareBps;
    /// @notice See {RiskParams}.
    uint256 public immutable insuranceFeeShareBps;
    /// @notice See {RiskParams}.
    uint256 public immutable disputePeriod;
    /// @notice See {RiskParams}.
    uint256 public immutable gracePeriod;
    /// @notice See {RiskParams}.
    uint256 public immutable markPeriod;

    /// @inheritdoc IClearingHouseBase
    address public marketAdmin;
    /// @inheritdoc IClearingHouseBase
    address public guardian;
    /// @inheritdoc IClearingHouseBase
    uint256 public marketCount;
    /// @dev Set while `liquidate` checks the account: positions are valued at the better for the
    ///      account of mark and index (see `_liquidationPrice`).
    bool internal transient _liquidating;

    Pools internal _pools;
    uint256 internal _deficit;
    mapping(uint256 marketId => Market) internal _markets;
    mapping(address account => AccountSlot) internal _accounts;
    mapping(address account => MarketList) internal _overflow;
    mapping(address account => mapping(uint256 marketId => Position)) internal _positions;
    /// @dev The capacity token (`IClearingHouseCover.capacityToken`).
    address internal _capacityToken;
    mapping(address account => mapping(uint256 marketId => Cover)) internal _covers;
    mapping(uint256 marketId => CoverParams) internal _coverParams;
    /// @dev The order books of every market (see `Books`).
    Books internal _book;
    /// @dev The oracle's newest price and age rule of each index, by index number: pushed by the
    ///      oracle in the transaction of every round and rule change (`onLatestIndex`), copied
    ///      when a market is listed. Orders price from this slot rather than call the oracle.
    mapping(uint256 indexNumber => IIndexOracle.LatestIndex) internal _indexes;

    constructor(
        IERC20Metadata token,
        IIndexOracle oracle_,
        address owner_,
        address marketAdmin_,
        address guardian_,
        RiskParams memory risk
    ) Ownable(owner_) {
        if (address(token) == address(0) || address(oracle_) == address(0)) revert ZeroAddress();
        if (risk.liquidatorShareBps > MarginLib.BPS || risk.insuranceFeeShareBps > MarginLib.BPS) {
            revert InvalidMarketParams("riskShares", risk.liquidatorShareBps);
        }
        if (risk.markPeriod == 0) revert InvalidMarketParams("markPeriod", 0);
        _token = token;
        collateralDecimals = token.decimals();
        oracle = oracle_;
        liquidationPenaltyBps = risk.liquidationPenaltyBps;
        liquidatorShareBps = risk.liquidatorShareBps;
        insuranceFeeShareBps = risk.insuranceFeeShareBps;
        disputePeriod = risk.disputePeriod;
        gracePeriod = risk.gracePeriod;
        markPeriod = risk.markPeriod;
        marketAdmin = marketAdmin_;
        guardian = guardian_;
        emit RoleSet(ROLE_MARKET_ADMIN, marketAdmin_);
        emit RoleSet(ROLE_GUARDIAN, guardian_);
    }

    function _market(uint256 marketId) internal view returns (Market storage m) {
        if (marketId == 0 || marketId > marketCount) revert UnknownMarket(marketId);
        return _markets[marketId];
    }

    function _state(MarketRules memory r) internal view returns (State) {
        if (r.stage == Stage.Settled) return State.Settled;
        if (block.timestamp < r.tradingStart) return State.Listed;
        if (block.timestamp < r.windowStart) return State.Trading;
        if (block.timestamp < r.windowEnd) return State.Averaging;
        return State.Expired;
    }

    /// @dev The index of `marketId`: the liquidation's cached price if one is running, else
    ///      the oracle's latest (by the index number in the market's book header).
    function _indexPrice(uint256 marketId) internal view returns (uint256 price) {
        uint256 slot = INDEX_CACHE + marketId;
        assembly ("memory-safe") {
            price := tload(slot)
        }
        if (price == 0) price = _latestIndex(_book.headers[marketId].indexNumber());
    }

    /// @dev The latest price of the index numbered `indexNumber`: every index read of the clearing
    ///      house. From the copy the oracle keeps current (`_indexes`), one slot, checked as the
    ///      oracle checks it (its age rule); when it fails the oracle is asked, so the revert is the
    ///      oracle's own (`StaleIndex`, `NoRounds`), naming the index.
    function _latestIndex(uint256 indexNumber) internal view returns (uint256 price) {
        IIndexOracle.LatestIndex storage latest = _indexes[indexNumber];
        price = latest.price;
        uint256 age = CalendarLib.ageAt(latest.timestamp, block.timestamp, latest.businessDaysOnly);
        if (price == 0 || age > latest.maxAge) _revertIndexUnavailable(indexNumber);
    }

    /// @dev Reverts as the oracle does for the index numbered `indexNumber`; if the oracle has a
    ///      price where the copy has none, with `IndexOutOfSync` (the copy is never behind while
    ///      this contract is the oracle's subscriber, which listing a market requires).
    function _revertIndexUnavailable(uint256 indexNumber) private view {
        oracle.latestPriceOf(indexNumber);
        revert IndexOutOfSync(indexNumber);
    }

    /// @dev The index of `marketId`, read from the oracle once per liquidation: kept in transient
    ///      storage until `_clearIndex`, so every margin check of the liquidation sees one price
    ///      (`_indexPrice` reads it). The order path carries its index itself (`_latestIndex`).
    function _cacheIndex(uint256 marketId, uint256 indexNumber) internal returns (uint256 price) {
        uint256 slot = INDEX_CACHE + marketId;
        assembly ("memory-safe") {
            price := tload(slot)
        }
        if (price != 0) return price;
        price = _latestIndex(indexNumber);
        assembly ("memory-safe") {
            tstore(slot, price)
        }
    }

    /// @dev Ends the index cache of `marketId`: every liquidation reads the index afresh.
    function _clearIndex(uint256 marketId) internal {
        uint256 slot = INDEX_CACHE + marketId;
        assembly ("memory-safe") {
            tstore(slot, 0)
        }
    }

    function _markPrice(uint256 marketId, Market storage m, MarketRules memory r) internal view returns (uint256) {
        return
            MarginLib.markPrice(
                m.trading.ema,
                _indexPrice(marketId),
                MarginLib.bandAt(r.bandBps, r.windowStart, r.windowEnd, block.timestamp)
            );
    }

    /// @dev Margin of `account` with `overridePos` in place of its position in `overrideId` (0:
    ///      none) and `collateral` as its collateral. `a` must be the account's slot as stored
    ///      (its market list is read from it): callers have it already, so it is not read again.
    function _health(
        address account,
        AccountSlot a,
        uint256 overrideId,
        Position overridePos,
        int256 collateral
    ) internal view returns (Health memory h) {
        MarketQuote memory none;
        return _health(account, a, overrideId, overridePos, collateral, none);
    }

    /// @dev `_health` with market `q.marketId` priced by `q` (not read again from storage).
    function _health(
        address account,
        AccountSlot a,
        uint256 overrideId,
        Position overridePos,
        int256 collateral,
        MarketQuote memory q
    ) internal view returns (Health memory h) {
        h.equity = collateral;
        (uint256 used, bool seen) = _accrueAll(h, account, a.marketIds(), overrideId, overridePos, q);
        if (used == AccountSlotLib.HOT_ENTRIES) {
            (, bool seenInOverflow) = _accrueAll(
                h,
                account,
                MarketList.unwrap(_overflow[account]),
                overrideId,
                overridePos,
                q
            );
            seen = seen || seenInOverflow;
        }
        if (overrideId != 0 && !seen) _accrue(h, account, overrideId, overridePos, q);
    }

    /// @dev Accrues the markets of a packed id list (16 bits each, lowest first, 0 = empty): it
    ///      stops after the last id in use rather than decoding every entry (~2k gas a check for
    ///      an account in one market). Returns how many ids were in use and whether `overrideId`
    ///      was among them.
    function _accrueAll(
        Health memory h,
        address account,
        uint256 ids,
        uint256 overrideId,
        Position overridePos,
        MarketQuote memory q
    ) private view returns (uint256 used, bool seen) {
        while (ids != 0) {
            uint256 id = ids & 0xffff;
            ids >>= 16;
            if (id == 0) continue;
            unchecked {
                ++used;
            }
            if (id == overrideId) {
                seen = true;
                _accrue(h, account, id, overridePos, q);
            } else {
                _accrue(h, account, id, _positions[account][id], q);
            }
        }
    }

    /// @dev Adds one position to `h`. Reads single fields of the market's slots (warm after the
    ///      first access) rather than copying whole structs: this runs for every market of an
    ///      account on every margin check; the market `q` prices is not read at all. A position
    ///      flagged covered (capacity posted for its market) goes to `_accrueCovered`, the only
    ///      place the cover slots are read.
    function _accrue(Health memory h, address account, uint256 id, Position p, MarketQuote memory q) internal view {
        if (p.isFlat()) return;
        Market storage m = _markets[id];
        int256 size = p.size();
        uint256 mark;
        uint256 imBps;
        uint256 mmBps;
        if (id == q.marketId) {
            (mark, imBps, mmBps) = (q.mark, q.imBps, q.mmBps);
        } else {
            if (m.rules.stage == Stage.Settled) {
                MarketSettlement memory st = m.settlement;
                h.equity += MarginLib.settlementPnlDown(
                    size,
                    p.openNotional(),
                    st.finalPrice,
                    st.haircut,
                    st.winnerIsLong
                );
                return;
            }
            uint256 index = _indexPrice(id);
            mark = MarginLib.markPrice(
                m.trading.ema,
                index,
                MarginLib.bandAt(m.rules.bandBps, m.rules.windowStart, m.rules.windowEnd, block.timestamp)
            );
            if (_liquidating) mark = _liquidationPrice(size, index, mark);
            (imBps, mmBps) = (m.rules.imBps, m.rules.mmBps);
        }
        if (p.isCovered()) {
            _accrueCovered(h, account, id, m, p, mark, imBps, mmBps);
            return;
        }
        if (size != 0) {
            uint256 absSize = MarginLib.abs(size);
            ++h.openPositions;
            h.equity += MarginLib.unrealizedPnl(size, p.openNotional(), mark);
            h.positionMargin += MarginLib.bpsOfNotionalUp(absSize, mark, imBps);
            h.maintenanceMargin += MarginLib.bpsOfNotionalUp(absSize, mark, mmBps);
        }
        h.initialMargin += MarginLib.bpsOfNotionalUp(MarginLib.worstSize(size, p.bidSize(), p.askSize()), mark, imBps);
    }

    /// @dev `_accrue` for a covered position: the covered part of a short (`min(|short|,
    ///      coveredHours)`) at the cover IM/MM, the rest at the market's (MarginLib.covered*).
    function _accrueCovered(
        Health memory h,
        address account,
        uint256 id,
        Market storage m,
        Position p,
        uint256 mark,
        uint256 imBps,
        uint256 mmBps
    ) internal view {
        CoverTerms memory ct = _covers[account][id].terms;
        CoverParams memory cp = _coverParams[id];
        uint256 ch = CapacityMathLib.coveredHoursDown(
            ct.units,
            ct.start,
            ct.end,
            m.rules.windowStart,
            m.rules.windowEnd,
            block.timestamp
        );
        int256 size = p.size();
        if (size != 0) {
            ++h.openPositions;
            h.equity += MarginLib.unrealizedPnl(size, p.openNotional(), mark);
            h.positionMargin += MarginLib.coveredMarginUp(size, ch, mark, imBps, cp.imBps);
            h.maintenanceMargin += MarginLib.coveredMarginUp(size, ch, mark, mmBps, cp.mmBps);
        }
        h.initialMargin += MarginLib.coveredWorstMarginUp(size, p.bidSize(), p.askSize(), ch, mark, imBps, cp.imBps);
    }

    /// @dev The price a liquidation values a position of `size` at: the better for its holder of
    ///      `mark` and `index` (a long at the higher, a short at the lower).
    function _liquidationPrice(int256 size, uint256 index, uint256 mark) internal pure returns (uint256) {
        return (size > 0 ? index > mark : index < mark) ? index : mark;
    }

    /// @dev Writes a position and the account slot, entering or leaving the market list when
    ///      the position stops or starts being flat (a flat slot keeps only its epoch).
    function _writePosition(
        address account,
        uint256 marketId,
        Position before,
        Position after_,
        AccountSlot a
    ) internal returns (AccountSlot) {
        if (before.isFlat() != after_.isFlat()) {
            a = after_.isFlat() ? _removeMarket(account, a, marketId) : _addMarket(account, a, marketId);
        }
        _positions[account][marketId] = after_;
        _accounts[account] = a;
        return a;
    }

    function _addMarket(address account, AccountSlot a, uint256 marketId) internal returns (AccountSlot) {
        (AccountSlot next, bool ok) = a.tryAdd(marketId);
        if (ok) return next;
        (MarketList list, bool ok2) = AccountSlotLib.tryAdd(_overflow[account], marketId);
        if (!ok2) revert TooManyMarkets(account);
        _overflow[account] = list;
        return a;
    }

    function _removeMarket(address account, AccountSlot a, uint256 marketId) internal returns (AccountSlot) {
        bool full = a.hotFull();
        for (uint256 i; i < AccountSlotLib.HOT_ENTRIES; ++i) {
            if (a.marketAt(i) != marketId) continue;
            if (!full) return a.setMarketAt(i, 0);
            MarketList list = _overflow[account];
            for (uint256 j; j < AccountSlotLib.OVERFLOW_ENTRIES; ++j) {
                uint256 moved = AccountSlotLib.overflowAt(list, j);
                if (moved != 0) {
                    _overflow[account] = AccountSlotLib.setOverflowAt(list, j, 0);
                    return a.setMarketAt(i, moved);
                }
            }
            return a.setMarketAt(i, 0);
        }
        if (full) {
            MarketList list = _overflow[account];
            for (uint256 j; j < AccountSlotLib.OVERFLOW_ENTRIES; ++j) {
                if (AccountSlotLib.overflowAt(list, j) == marketId) {
                    _overflow[account] = AccountSlotLib.setOverflowAt(list, j, 0);
                    break;
                }
            }
        }
        return a;
    }

    /// @dev Runs this call's calldata in `target`'s code on this contract's storage and returns or
    ///      reverts with what it did: the fallbacks of the core (into the extension) and of the
    ///      extension (into the reader).
    function _delegate(address target) internal {
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

    /// @dev The storage slot of `_positions[account][marketId]`: the fill and resting paths compute
    ///      it once for their read and their write (`_loadPosition`, `_storePosition`).
    function _positionSlot(address account, uint256 marketId) internal pure returns (uint256 slot) {
        assembly ("memory-safe") {
            mstore(0x00, account)
            mstore(0x20, _positions.slot)
            mstore(0x20, keccak256(0x00, 0x40))
            mstore(0x00, marketId)
            slot := keccak256(0x00, 0x40)
        }
    }

    /// @dev The storage slot of `_accounts[account]`.
    function _accountSlot(address account) internal pure returns (uint256 slot) {
        assembly ("memory-safe") {
            mstore(0x00, account)
            mstore(0x20, _accounts.slot)
            slot := keccak256(0x00, 0x40)
        }
    }

    /// @dev The storage slot of the level word `_book.levels[key]`: the book's paths compute it
    ///      once for their read and their write (`_loadWord`, `_storeWord`).
    function _levelSlot(uint256 key) internal view returns (uint256 slot) {
        mapping(uint256 => uint256) storage levels = _book.levels;
        assembly ("memory-safe") {
            mstore(0x00, key)
            mstore(0x20, levels.slot)
            slot := keccak256(0x00, 0x40)
        }
    }

    function _loadWord(uint256 slot) internal view returns (uint256 word) {
        assembly ("memory-safe") {
            word := sload(slot)
        }
    }

    function _storeWord(uint256 slot, uint256 word) internal {
        assembly ("memory-safe") {
            sstore(slot, word)
        }
    }

    function _loadPosition(uint256 slot) internal view returns (Position p) {
        assembly ("memory-safe") {
            p := sload(slot)
        }
    }

    function _storePosition(uint256 slot, Position p) internal {
        assembly ("memory-safe") {
            sstore(slot, p)
        }
    }

    function _loadAccount(uint256 slot) internal view returns (AccountSlot a) {
        assembly ("memory-safe") {
            a := sload(slot)
        }
    }

    function _storeAccount(uint256 slot, AccountSlot a) internal {
        assembly ("memory-safe") {
            sstore(slot, a)
        }
    }

    /// @dev Adds trading fees to the pools, `insuranceFeeShareBps` of them to insurance.
    function _accrueFees(uint256 fee) internal {
        if (fee == 0) return;
        uint256 toInsurance = MarginLib.bpsDown(fee, insuranceFeeShareBps);
        // One read and one write of the packed `Pools` slot (fees low 128 bits, insurance high):
        // adding both halves at once cannot carry, as neither total comes near 2^128.
        uint256 slot;
        assembly ("memory-safe") {
            slot := _pools.slot
            sstore(slot, add(sload(slot), or(sub(fee, toInsurance), shl(128, toInsurance))))
        }
    }

    function _coverFromInsurance(uint256 deficit) internal returns (uint256 covered, uint256 uncovered) {
        uint256 insurance = _pools.insurance;
        covered = deficit < insurance ? deficit : insurance;
        uncovered = deficit - covered;
        if (covered != 0) _pools.insurance = uint128(insurance - covered);
    }
}
