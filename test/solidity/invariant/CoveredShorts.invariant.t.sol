// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IClearingHouse} from "../../../contracts/interfaces/IClearingHouse.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";
import {OrderParams} from "../utils/OrderParams.sol";
import {Vm} from "../utils/Vm.sol";
import {CoveredTestBase} from "../capacity/CoveredTestBase.sol";

/// @notice What the covered-shorts invariant test exposes to its handler: index moves (signed
///         rounds need the test's publisher keys).
interface IPriceMover {
    function movePrice(uint256 seed) external;
}

/// @notice Random covered-short activity: two holders of capacity post and withdraw it, short
///         against a lab, the index moves and a keeper liquidates (seizing the posted units).
///         Trades through the clearing house's order book. Never reverts on valid input.
contract CoveredShortsHandler is ERC1155Holder {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    IClearingHouse public immutable ch;
    IERC1155 public immutable capacity;
    IPriceMover public immutable mover;
    uint256 public immutable market;
    uint256 public immutable id;
    address public immutable lab;
    address public immutable keeper;
    address[2] public shorts;
    uint256 public seizures;
    uint256 public liquidations;

    constructor(
        IClearingHouse ch_,
        IERC1155 capacity_,
        IPriceMover mover_,
        uint256 market_,
        uint256 id_,
        address[2] memory shorts_,
        address lab_,
        address keeper_
    ) {
        ch = ch_;
        capacity = capacity_;
        mover = mover_;
        market = market_;
        id = id_;
        shorts = shorts_;
        lab = lab_;
        keeper = keeper_;
    }

    function post(uint256 who, uint256 units) external {
        address a = shorts[who % 2];
        uint256 held = capacity.balanceOf(a, id);
        if (held == 0) return;
        units = 1 + (units % held);
        vm.prank(a);
        ch.postCapacityCollateral(market, id, units);
    }

    function withdrawCover(uint256 who, uint256 units) external {
        address a = shorts[who % 2];
        (, uint256 posted, , ) = ch.coverOf(a, market);
        if (posted == 0) return;
        units = 1 + (units % posted);
        vm.prank(a);
        try ch.withdrawCapacityCollateral(market, id, units) {} catch (bytes memory reason) {
            _expect(reason, IClearingHouseBase.InsufficientMargin.selector);
        }
    }

    function short(uint256 who, uint256 lots) external {
        address a = shorts[who % 2];
        int256 size = -int256((1 + (lots % 500)) * 10);
        try this.fill(a, size) {} catch (bytes memory reason) {
            _expect(reason, IClearingHouseBase.InsufficientMargin.selector);
        }
    }

    function cover(uint256 who, uint256 lots) external {
        address a = shorts[who % 2];
        (int256 s, , , ) = ch.positionOf(a, market);
        if (s >= 0) return;
        uint256 closing = (1 + ((lots % uint256(-s)) / 10)) * 10;
        if (closing > uint256(-s)) closing = uint256(-s);
        this.fill(a, int256(closing));
    }

    /// @dev The lab rests a bid/ask at the mark (on tick) and `taker` crosses it with an IOC
    ///      order, atomically (reverts as a whole, the lab's order included).
    function fill(address taker, int256 size) external {
        require(msg.sender == address(this), "self only");
        uint256 abs = size >= 0 ? uint256(size) : uint256(-size);
        uint256 price = ch.markPrice(market);
        price -= price % 500;
        vm.prank(lab);
        ch.place(_order(size < 0, IOrderBookBase.OrderType.Limit, price, abs));
        vm.prank(taker);
        ch.place(_order(size >= 0, IOrderBookBase.OrderType.IOC, price, abs));
    }

    function _order(
        bool isBid,
        IOrderBookBase.OrderType kind,
        uint256 price,
        uint256 size
    ) internal view returns (IOrderBookBase.PlaceParams memory) {
        return OrderParams.gtc(market, isBid, kind, price, size);
    }

    function movePrice(uint256 seed) external {
        mover.movePrice(seed);
    }

    function liquidate(uint256 who) external {
        address a = shorts[who % 2];
        (, uint256 postedBefore, , ) = ch.coverOf(a, market);
        vm.prank(keeper);
        try ch.liquidate(a, market, type(uint256).max) {
            ++liquidations;
            if (postedBefore != 0) ++seizures;
        } catch (bytes memory reason) {
            bytes4 s = bytes4(reason);
            // Healthy or flat accounts; a keeper that can no longer pay for units or carry more.
            require(
                s == IClearingHouseBase.AccountHealthy.selector ||
                    s == IClearingHouseBase.NoPosition.selector ||
                    s == IClearingHouseBase.InsufficientCollateral.selector ||
                    s == IClearingHouseBase.InsufficientMargin.selector,
                "unexpected liquidation revert"
            );
        }
    }

    function _expect(bytes memory reason, bytes4 selector) internal pure {
        require(bytes4(reason) == selector, "unexpected revert");
    }
}

/// @notice Liquidation of covered accounts never leaves the clearing house short: its token
///         balance stays exactly the claims on it, and its capacity units exactly the posted ones.
contract CoveredShortsInvariantTest is CoveredTestBase, IPriceMover {
    CoveredShortsHandler internal handler;
    uint256 internal id;
    uint256 internal minted;
    uint256 internal deposited;
    uint64 internal price = PRICE;

    function setUp() public override {
        super.setUp();
        id = _mintHours(HEDGE);
        minted = HEDGE;
        handler = new CoveredShortsHandler(ch, capacity, this, market, id, [provider, stranger], lab, keeper);
        vm.prank(provider);
        capacity.safeTransferFrom(provider, stranger, id, HEDGE / 2, "");
        for (uint256 i; i < 2; ++i) {
            address a = i == 0 ? provider : stranger;
            vm.prank(a);
            capacity.setApprovalForAll(address(ch), true);
            _fundOn(a, 1_000e6);
        }
        _fundOn(lab, 1_000_000e6);
        _fundOn(keeper, 1_000_000e6);
    }

    function targetContracts() public view returns (address[] memory t) {
        t = new address[](1);
        t[0] = address(handler);
    }

    /// @inheritdoc IPriceMover
    function movePrice(uint256 seed) external {
        require(msg.sender == address(handler), "handler only");
        // −4% to +8% a step (the oracle's guard allows 20%): an upward drift, so covered shorts
        // lose and get liquidated (their units seized) within a run.
        int256 bps = int256(seed % 1_200) - 400;
        uint256 next = uint256((int256(uint256(price)) * (10_000 + bps)) / 10_000);
        if (next < 1e6) next = 1e6;
        if (next > 5e6) next = 5e6;
        price = uint64(next - (next % 500));
        uint256 t = block.timestamp + 1 hours;
        if (t >= W_END) return;
        _submitAt(t, price);
    }

    /// @dev Exact: balance = deposits = Σ collateral + fees + insurance − Σ open notional
    ///      (the open PnL, sizes net to zero) − bad debt − deficit. A seizure only moves
    ///      collateral between accounts, so it can never break it.
    function invariant_liquidationNeverLeavesTheClearingHouseShort() public view {
        address[4] memory actors = [provider, stranger, lab, keeper];
        int256 owed;
        for (uint256 i; i < 4; ++i) {
            owed += ch.collateralOf(actors[i]);
            (, int256 on, , ) = ch.positionOf(actors[i], market);
            owed -= on;
        }
        (uint256 fees, uint256 insurance, uint256 deficit) = ch.pools();
        (, , , , IClearingHouseBase.MarketTail memory tail) = ch.market(market);
        owed += int256(fees + insurance) - int256(deficit) - int256(uint256(tail.badDebt));
        uint256 balance = IERC20(address(usdc)).balanceOf(address(ch));
        assertEq(int256(balance), owed, "token balance != claims");
        assertEq(balance, deposited, "collateral token moved in or out");
    }

    /// @dev The clearing house holds exactly the posted units; no unit appears or vanishes.
    /// @dev The clearing house prices from a copy of the index that the oracle pushes: after any
    ///      sequence of rounds it is the oracle's, field for field.
    function invariant_indexCopyIsTheOracles() public view {
        uint256 number = oracle.indexNumber(INDEX);
        assertEq(keccak256(abi.encode(ch.indexCopy(number))), keccak256(abi.encode(oracle.latestIndex(number))));
    }

    function invariant_capacityCustodyIsExact() public view {
        (, uint256 p0, , ) = ch.coverOf(provider, market);
        (, uint256 p1, , ) = ch.coverOf(stranger, market);
        assertEq(capacity.balanceOf(address(ch), id), p0 + p1, "custody != posted");
        uint256 total =
            capacity.balanceOf(provider, id) +
                capacity.balanceOf(stranger, id) +
                capacity.balanceOf(keeper, id) +
                capacity.balanceOf(address(ch), id);
        assertEq(total, minted, "units created or lost");
    }

    /// @dev Whoever covers a short, its margin is never below the uncovered part's full rate.
    function invariant_coveredMarginNeverBelowTheRules() public view {
        for (uint256 i; i < 2; ++i) {
            address a = i == 0 ? provider : stranger;
            (int256 s, , , ) = ch.positionOf(a, market);
            if (s >= 0) continue;
            (, , uint256 coveredHours, ) = ch.coverOf(a, market);
            uint256 abs = uint256(-s);
            uint256 covered = abs < coveredHours ? abs : coveredHours;
            uint256 mark = ch.markPrice(market);
            IClearingHouseBase.Health memory h = ch.health(a);
            assertGe(h.maintenanceMargin * 10_000, (covered * COVER_MM + (abs - covered) * MM) * mark, "MM");
            assertGe(h.positionMargin * 10_000, (covered * COVER_IM + (abs - covered) * IM) * mark, "IM");
        }
    }

    function _fundOn(address a, uint256 amount) internal {
        usdc.mint(a, amount);
        vm.startPrank(a);
        usdc.approve(address(ch), type(uint256).max);
        ch.deposit(a, amount);
        vm.stopPrank();
        deposited += amount;
    }
}
