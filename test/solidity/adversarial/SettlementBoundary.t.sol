// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";
import {ClearingHouseFixture} from "../utils/ClearingHouseFixture.sol";
import {OracleTestBase} from "../oracle/OracleTestBase.sol";

/// @notice The clearing house at the exact boundary seconds of a market's life: trading start,
///         window start and end (window = [start, end)), the dispute period's end.
contract SettlementBoundaryTest is ClearingHouseFixture {
    uint256 internal m1;
    address internal alice = address(0xA1);
    address internal bob = address(0xB0);
    uint256 internal ws = T0 + 30 days;
    uint256 internal we = T0 + 60 days;
    uint32 internal constant DELAY = 1 hours; // the index's maxSubmissionDelay

    function setUp() public {
        _deploy();
        m1 = _createMarket(H100);
        oracle.setMaxSubmissionDelay(H100, DELAY);
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
    }

    function test_tradingStart_firstSecondTrades() public {
        IClearingHouseBase.MarketParams memory p = _params(B200);
        p.tradingStart = T0 + 100;
        vm.prank(marketAdmin);
        uint256 m2 = ch.createMarket(p);
        vm.warp(T0 + 99);
        IOrderBookBase.PlaceParams memory bid = _order(m2, true, IOrderBookBase.OrderType.Limit, 4 * PRICE, 10);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.MarketNotTrading.selector, m2, IClearingHouseBase.State.Listed)
        );
        ch.place(bid);
        vm.warp(T0 + 100);
        assertTrue(_trade(m2, alice, bob, 10, 4 * PRICE));
    }

    function test_windowStart_averagingFromItsFirstSecond() public {
        vm.warp(ws - 1);
        assertEq(uint256(ch.marketState(m1)), uint256(IClearingHouseBase.State.Trading));
        vm.warp(ws);
        assertEq(uint256(ch.marketState(m1)), uint256(IClearingHouseBase.State.Averaging));
        assertTrue(_trade(m1, alice, bob, 10, PRICE));
    }

    /// @dev The window's last second still trades; the first second after it cannot trade. The
    ///      window's average is final only `maxSubmissionDelay` later (a round timestamped inside
    ///      the window may still arrive until then, finding S-1): no proposal before that second.
    function test_windowEnd_lastSecondTradesNextSecondSettles() public {
        uint256 opensAt = we + DELAY;
        vm.warp(we - 1);
        assertTrue(_trade(m1, alice, bob, 10, PRICE));
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.SettlementNotDue.selector, m1, opensAt));
        ch.proposeSettlement(m1);
        vm.warp(we);
        IOrderBookBase.PlaceParams memory bid = _order(m1, true, IOrderBookBase.OrderType.Limit, PRICE, 10);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.MarketNotTrading.selector, m1, IClearingHouseBase.State.Expired)
        );
        ch.place(bid);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.SettlementNotDue.selector, m1, opensAt));
        ch.proposeSettlement(m1);
        vm.warp(opensAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.SettlementNotDue.selector, m1, opensAt));
        ch.proposeSettlement(m1);
        vm.warp(opensAt);
        ch.proposeSettlement(m1);
        (, , IClearingHouseBase.MarketRisk memory r, , ) = ch.market(m1);
        assertEq(uint256(r.stage), uint256(IClearingHouseBase.Stage.Proposed));
    }

    /// @dev Finding S-1: a round timestamped inside the window that arrives within
    ///      `maxSubmissionDelay` of its end changes the average; the proposal, which cannot be
    ///      made before that delay is over, settles at the average including it.
    function test_lateRoundInsideWindow_inFinalPrice() public {
        _trade(m1, alice, bob, 10, PRICE);
        vm.warp(we);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.SettlementNotDue.selector, m1, we + DELAY));
        ch.proposeSettlement(m1);
        vm.warp(we + DELAY / 2);
        oracle.setAverage(H100, PRICE + 3 * TICK); // the late round moves the window's average
        vm.warp(we + DELAY);
        ch.proposeSettlement(m1);
        (, , IClearingHouseBase.MarketRisk memory r, , ) = ch.market(m1);
        assertEq(r.finalPrice, PRICE + 3 * TICK);
    }

    /// @dev The guardian may dispute up to the dispute period's last second; finalising starts
    ///      at the next one.
    function test_disputePeriod_boundary() public {
        _trade(m1, alice, bob, 10, PRICE);
        vm.warp(we + DELAY);
        ch.proposeSettlement(m1);
        uint256 endsAt = we + DELAY + 1 days;
        vm.warp(endsAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.DisputePeriod.selector, m1, endsAt));
        ch.finalizeSettlement(m1);
        vm.prank(guardian);
        ch.disputeSettlement(m1, PRICE + TICK, "late round inside the window");
        vm.warp(endsAt);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.DisputePeriod.selector, m1, endsAt));
        ch.disputeSettlement(m1, PRICE, "too late");
        ch.finalizeSettlement(m1);
        (, , IClearingHouseBase.MarketRisk memory r, , ) = ch.market(m1);
        assertEq(uint256(r.finalPrice), PRICE + TICK);
    }
}

/// @notice The oracle's window average at the boundary seconds: a round at the window's start
///         counts from that second, a round at the window's end or later counts for nothing, so
///         the average read at the end does not depend on what is recorded after it.
contract WindowAverageBoundaryTest is OracleTestBase {
    uint256 internal ws = START + 1_000;
    uint256 internal we = START + 1_000 + 3_600;

    function test_average_roundsAtBoundarySeconds() public {
        uint64 a = PRICE;
        uint64 b = (PRICE * 11) / 10;
        uint64 c = (PRICE * 12) / 10;
        _submitAt(ws - 1, a); // counts for [ws − 1, ws): outside
        _submitAt(ws, b); // counts from the first second
        _submitAt(we - 1, c); // the last second
        vm.warp(we);
        uint256 expected = (uint256(b) * 3_599 + c) / 3_600;
        assertEq(oracle.averagePrice(INDEX, ws, we), expected);
        // Across the start boundary: one second of `a`, nine of `b`.
        assertEq(oracle.averagePrice(INDEX, ws - 1, ws + 9), (uint256(a) + 9 * uint256(b)) / 10);
        // A round at the end second, and later ones, leave the window's average unchanged.
        _submitAt(we, (PRICE * 13) / 10);
        _submitAt(we + 60, (PRICE * 14) / 10);
        assertEq(oracle.averagePrice(INDEX, ws, we), expected);
    }

    /// @dev Finding S-1 (fixed): rounds may arrive up to `maxSubmissionDelay` after their
    ///      timestamp, so the window's average can change after its end; the clearing house
    ///      proposes only once that delay is over (SettlementBoundaryTest.test_lateRoundInsideWindow_inFinalPrice).
    function test_lateRoundInsideWindow_changesAverageAfterTheEnd() public {
        _submitAt(ws, PRICE);
        vm.warp(we);
        uint256 atEnd = oracle.averagePrice(INDEX, ws, we);
        assertEq(atEnd, PRICE);
        vm.warp(we + 60);
        uint32 late = uint32(we - 600);
        uint64 moved = (PRICE * 12) / 10;
        oracle.submit(INDEX, late, _round(INDEX, late, _prices(moved, moved, moved)));
        assertGt(oracle.averagePrice(INDEX, ws, we), atEnd);
    }
}
