// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {MarginLib} from "../../../contracts/libraries/MarginLib.sol";
import {ClearingHouseFixture} from "../utils/ClearingHouseFixture.sol";

/// @notice Mark-price manipulation. The mark is a time-weighted average of traded prices clamped
///         to a band around the index (docs/clearing-house.md). A trade after `markPeriod` idle
///         seconds sets the average outright, so one wash trade at the band's edge moves the mark
///         by the whole band (20% here, four times the 5% maintenance margin).
contract MarkManipulationTest is ClearingHouseFixture {
    uint256 internal m1;
    address internal victim = address(0x1C71);
    address internal lp = address(0x1B);
    address internal mallory = address(0xBAD1);
    address internal mallory2 = address(0xBAD2);

    function setUp() public {
        _deploy();
        m1 = _createMarket(H100);
        _fund(victim, 500e6);
        _fund(lp, 10_000e6);
        _fund(mallory, 10_000e6);
        _fund(mallory2, 10_000e6);
        // The victim sells 1,000 GPU-hours at $2.00 (notional $2,000; MM $100; equity $499).
        _trade(m1, victim, lp, -1_000, PRICE);
    }

    /// @dev Guards finding F-2 (liquidation values positions at the better of mark and index).
    ///      Without it: after 600 idle seconds Mallory trades 10 GPU-hours with her own second
    ///      account at the band's top ($2.40); the mark jumps to $2.40, the victim (equity $99 at
    ///      that mark, MM $120) is liquidated and Mallory takes the short over at $2.40, $0.40 above
    ///      the index it settles on.
    function test_washTradeAfterIdle_cannotLiquidateAccountHealthyAtIndex() public {
        vm.warp(vm.getBlockTimestamp() + 600);
        uint256 top = PRICE + (PRICE * 2_000) / 10_000;
        _trade(m1, mallory, mallory2, 10, top);
        assertEq(ch.markPrice(m1), top, "one wash trade moves the mark to the band's edge");
        vm.prank(mallory);
        vm.expectPartialRevert(IClearingHouseBase.AccountHealthy.selector);
        ch.liquidate(victim, m1, type(uint256).max);
    }

    /// @dev The fix keeps genuine liquidations: when the index itself moves against the victim,
    ///      the account is liquidated, at the better of mark and index for it.
    function test_indexConfirmsLoss_liquidationGoesAheadAtVictimsBetterPrice() public {
        vm.warp(vm.getBlockTimestamp() + 600);
        _trade(m1, mallory, mallory2, 10, 2_400_000); // mark 2.40
        oracle.setPrice(H100, 2_450_000); // index 2.45: equity 499 − 450 = 49 < MM 122.5
        vm.prank(mallory);
        uint256 size = ch.liquidate(victim, m1, type(uint256).max);
        assertGt(size, 0);
        (int256 s, int256 notional, , ) = ch.positionOf(mallory, m1);
        // Mallory's short part came at the mark (2.40), the victim's better price, not the index.
        assertEq(size, 660); // ⌈(240 − 99)·10⁴ / (2.40 · 900)⌉ = 653, in lots of 10
        assertEq(s, -650);
        assertEq(notional, -650 * 2_400_000);
    }

    /// @dev Already stopped: within a block the average does not move (elapsed time 0), so a flash
    ///      sequence of wash trades cannot shift the mark after the block's first trade.
    function test_washTradesInOneBlock_doNotMoveMark() public {
        vm.warp(vm.getBlockTimestamp() + 60);
        _trade(m1, mallory, mallory2, 10, PRICE);
        uint256 markBefore = ch.markPrice(m1);
        for (uint256 i; i < 5; ++i) _trade(m1, mallory, mallory2, 10, 2_400_000);
        assertEq(ch.markPrice(m1), markBefore);
    }

    /// @dev Bound: whatever is traded and whenever, the mark stays inside the band around the
    ///      index, so manipulation moves an account's equity by at most |size| × index × band.
    function testFuzz_markStaysInsideBand(uint256 ticks, uint256 wait, uint256 indexTicks) public {
        uint256 index = bound(indexTicks, 1_000, 3_000) * TICK;
        oracle.setPrice(H100, uint64(index));
        vm.warp(vm.getBlockTimestamp() + bound(wait, 0, 10 days));
        (uint256 lower, uint256 upper) = MarginLib.bandLimits(
            index,
            MarginLib.bandAt(2_000, T0 + 30 days, T0 + 60 days, vm.getBlockTimestamp())
        );
        uint256 price = bound(ticks, lower / TICK + 1, upper / TICK) * TICK;
        _trade(m1, mallory, mallory2, 10, price);
        uint256 mark = ch.markPrice(m1);
        assertGe(mark, lower);
        assertLe(mark, upper);
    }
}
