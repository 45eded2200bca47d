// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {ClearingHouseFixture} from "../utils/ClearingHouseFixture.sol";

/// @notice Liquidation griefing and front-running. Alice is long 1,000 GPU-hours at $2.00 with
///         $249 of collateral; the index falls to $1.50 and the mark (clamped to the band) to
///         $1.80: equity $49 < maintenance $90. All of these are already stopped; each test shows
///         how.
contract LiquidationGriefingTest is ClearingHouseFixture {
    uint256 internal m1;
    address internal alice = address(0xA1);
    address internal bob = address(0xB0);
    address internal carol = address(0xCA);
    address internal dave = address(0xDA);

    function setUp() public {
        _deploy();
        m1 = _createMarket(H100);
        _fund(alice, 250e6);
        _fund(bob, 1_000e6);
        _fund(carol, 1_000e6);
        _fund(dave, 1_000e6);
        _trade(m1, alice, bob, 1_000, PRICE);
        oracle.setPrice(H100, 1.5e6);
    }

    /// @dev A liquidator front-run by another in the same block: the first takes only what
    ///      restores initial margin, so the second finds the account healthy and reverts; the
    ///      victim is never liquidated twice for one shortfall.
    function test_frontRunLiquidator_secondLiquidationReverts() public {
        vm.prank(dave);
        assertEq(ch.liquidate(alice, m1, type(uint256).max), 810);
        vm.prank(carol);
        vm.expectPartialRevert(IClearingHouseBase.AccountHealthy.selector);
        ch.liquidate(alice, m1, type(uint256).max);
        assertEq(_size(alice, m1), 190);
    }

    /// @dev The victim tops up in the same block, ordered before the liquidator: the liquidation
    ///      reads the new collateral and reverts.
    function test_victimTopUpSameBlock_blocksLiquidation() public {
        _fund(alice, 41e6); // equity 49 + 41 = 90 = MM at $1.80
        vm.prank(carol);
        vm.expectPartialRevert(IClearingHouseBase.AccountHealthy.selector);
        ch.liquidate(alice, m1, type(uint256).max);
        assertEq(_size(alice, m1), 1_000);
    }

    /// @dev Griefing by splitting: a liquidator who takes one lot at a time stops as soon as the
    ///      account is back above maintenance, so it takes no more than one full liquidation
    ///      and earns no more than it (up to one unit of rounding per call).
    function test_liquidationInLots_takesNoMoreThanOneLiquidation() public {
        uint256 snap = vm.snapshotState();
        vm.prank(carol);
        uint256 whole = ch.liquidate(alice, m1, type(uint256).max);
        int256 rewardWhole = ch.collateralOf(carol) - 1_000e6;
        vm.revertToState(snap);

        uint256 taken;
        uint256 calls;
        while (true) {
            vm.prank(carol);
            try ch.liquidate(alice, m1, 10) returns (uint256 q) {
                taken += q;
                ++calls;
            } catch (bytes memory reason) {
                assertEq(bytes4(reason), IClearingHouseBase.AccountHealthy.selector);
                break;
            }
        }
        int256 rewardSplit = ch.collateralOf(carol) - 1_000e6;
        assertGt(calls, 1);
        assertLe(taken, whole);
        assertLe(rewardSplit, rewardWhole + int256(calls));
        IClearingHouseBase.Health memory h = ch.health(alice);
        assertGe(h.equity, int256(h.maintenanceMargin));
    }

    /// @dev A liquidator cannot pick a size below one lot to grief with dust calls.
    function test_liquidationBelowOneLot_reverts() public {
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.LiquidationTooSmall.selector, 9, 10));
        ch.liquidate(alice, m1, 9);
    }

    /// @dev The victim cannot dodge by liquidating itself, and a paused market freezes both the
    ///      victim and the liquidator (no one-sided liquidation while the victim cannot act).
    function test_selfLiquidationAndPausedMarket_revert() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.SelfLiquidation.selector, alice));
        ch.liquidate(alice, m1, type(uint256).max);
        vm.prank(guardian);
        ch.setMarketMode(m1, IClearingHouseBase.Mode.Paused);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.MarketPaused.selector, m1));
        ch.liquidate(alice, m1, type(uint256).max);
    }
}
