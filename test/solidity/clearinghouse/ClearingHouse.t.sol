// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ClearingHouseFixture} from "../utils/ClearingHouseFixture.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";

/// @notice Unit and bad-input tests of the clearing house; this contract is the order book.
contract ClearingHouseTest is ClearingHouseFixture {
    address internal alice = address(0x1001);
    address internal bob = address(0x1002);
    address internal carol = address(0x1003);
    uint256 internal m1;

    function setUp() public {
        _deploy(address(this));
        m1 = _createMarket(H100);
    }

    /* ----------------------------- deposit / withdraw ----------------------------- */

    function test_deposit_creditsCollateral() public {
        _fund(alice, 1_000e6);
        assertEq(ch.collateralOf(alice), int256(1_000e6));
        assertEq(token.balanceOf(address(ch)), 1_000e6);
    }

    function test_deposit_revertsOnZeroAmount() public {
        vm.expectRevert(IClearingHouseBase.ZeroAmount.selector);
        ch.deposit(alice, 0);
    }

    function test_deposit_revertsOnOverflowingAmount() public {
        uint256 tooMuch = uint256(int256(type(int96).max)) + 1;
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.AmountTooLarge.selector, tooMuch));
        ch.deposit(alice, tooMuch);
    }

    function test_withdraw_returnsTokens() public {
        _fund(alice, 1_000e6);
        vm.prank(alice);
        ch.withdraw(400e6, carol);
        assertEq(ch.collateralOf(alice), int256(600e6));
        assertEq(token.balanceOf(carol), 400e6);
    }

    function test_withdraw_revertsAboveCollateral() public {
        _fund(alice, 100e6);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.InsufficientCollateral.selector, 101e6, int256(100e6))
        );
        ch.withdraw(101e6, alice);
    }

    function test_withdraw_revertsBelowInitialMargin() public {
        _fund(alice, 250e6);
        _fund(bob, 1_000e6);
        _trade(m1, alice, bob, 1_000, PRICE); // IM = 10% of $2,000 = $200
        vm.prank(alice);
        vm.expectPartialRevert(IClearingHouseBase.InsufficientMargin.selector);
        ch.withdraw(50e6, alice);
        vm.prank(alice);
        ch.withdraw(48e6, alice); // 250 − 1 fee − 48 = 201 ≥ 200
    }

    /* ----------------------------- markets ----------------------------- */

    function test_createMarket_revertsForNonAdmin() public {
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.Unauthorized.selector, address(this), bytes32("MARKET_ADMIN"))
        );
        ch.createMarket(_params(H100));
    }

    function test_createMarket_revertsOnBadParams() public {
        IClearingHouseBase.MarketParams memory p = _params(H100);
        p.mmBps = p.imBps;
        vm.prank(marketAdmin);
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.InvalidMarketParams.selector, bytes32("imBps"), p.imBps)
        );
        ch.createMarket(p);
        p = _params(H100);
        p.windowEnd = p.windowStart;
        vm.prank(marketAdmin);
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.InvalidMarketParams.selector, bytes32("windowEnd"), p.windowEnd)
        );
        ch.createMarket(p);
    }

    function test_marketState_followsTheClock() public {
        IClearingHouseBase.MarketParams memory p = _params(H100);
        p.tradingStart = T0 + 1 days;
        vm.prank(marketAdmin);
        uint256 id = ch.createMarket(p);
        assertEq(uint256(ch.marketState(id)), uint256(IClearingHouseBase.State.Listed));
        vm.warp(p.tradingStart);
        assertEq(uint256(ch.marketState(id)), uint256(IClearingHouseBase.State.Trading));
        vm.warp(p.windowStart);
        assertEq(uint256(ch.marketState(id)), uint256(IClearingHouseBase.State.Averaging));
        vm.warp(p.windowEnd);
        assertEq(uint256(ch.marketState(id)), uint256(IClearingHouseBase.State.Expired));
    }

    function test_marketState_revertsOnUnknownMarket() public {
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.UnknownMarket.selector, 7));
        ch.marketState(7);
    }

    /* ----------------------------- trades ----------------------------- */

    function test_applyFill_opensBothPositions() public {
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
        assertTrue(_trade(m1, alice, bob, 1_000, PRICE));
        assertEq(_size(alice, m1), 1_000);
        assertEq(_size(bob, m1), -1_000);
        // taker fee 5 bps, maker fee 2 bps of $2,000
        assertEq(ch.collateralOf(alice), int256(1_000e6 - 1e6));
        assertEq(ch.collateralOf(bob), int256(1_000e6 - 0.4e6));
        (uint256 fees, uint256 insurance, ) = ch.pools();
        assertEq(fees + insurance, 1.4e6);
        (, , , IClearingHouseBase.MarketTrading memory t, ) = ch.market(m1);
        assertEq(uint256(t.openInterest), 1_000);
        assertEq(uint256(t.ema), PRICE);
    }

    function test_applyFill_realizesPnlOnClose() public {
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
        _fund(carol, 1_000e6);
        _trade(m1, alice, bob, 1_000, PRICE);
        _trade(m1, alice, carol, -1_000, PRICE + 100_000); // alice sells to carol at $2.10
        assertEq(_size(alice, m1), 0);
        // +$100 realized, fees 1 + 1.05
        assertEq(ch.collateralOf(alice), int256(1_000e6 + 100e6 - 1e6 - 1.05e6));
        assertEq(ch.marketsOf(alice).length, 0);
    }

    function test_applyFill_revertsForNonBook() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.Unauthorized.selector, alice, bytes32("ORDER_BOOK")));
        ch.applyFill(m1, 0, bob, alice, 10, PRICE, 10, 0);
    }

    function test_applyFill_refusesMakerBelowMargin() public {
        _fund(alice, 1_000e6);
        _fund(bob, 300e6);
        ch.reserveOrder(bob, m1, false, 1_000, PRICE, false);
        vm.prank(bob);
        ch.withdraw(1, bob); // still fine
        // Price falls for bob's short? No: make bob's collateral shrink by a losing close elsewhere.
        oracle.setPrice(H100, (PRICE * 12) / 10); // index +20%: bob's ask now far below
        IClearingHouseBase.FillStatus status = ch.applyFill(m1, 9, bob, alice, 1_000, PRICE, 1_000, 0);
        // bob short 1000 at $2 with mark $2.4 (no trade yet → index): loss $400 > collateral.
        assertEq(uint256(status), uint256(IClearingHouseBase.FillStatus.Margin));
        (, , , uint256 askLeft) = ch.positionOf(bob, m1);
        assertEq(askLeft, 0); // the refused order's reservation is released
        assertEq(_size(bob, m1), 0);
        assertEq(_size(alice, m1), 0);
    }

    function test_checkTaker_revertsBelowInitialMargin() public {
        _fund(alice, 100e6);
        _fund(bob, 1_000e6);
        ch.reserveOrder(bob, m1, false, 1_000, PRICE, false);
        ch.applyFill(m1, 0, bob, alice, 1_000, PRICE, 1_000, 0);
        vm.expectPartialRevert(IClearingHouseBase.InsufficientMargin.selector);
        ch.checkTaker(m1, alice);
    }

    function test_reserveOrder_revertsOnBadInput() public {
        _fund(alice, 1_000e6);
        vm.expectRevert(IClearingHouseBase.ZeroSize.selector);
        ch.reserveOrder(alice, m1, true, 0, PRICE, false);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.InvalidSize.selector, 15, 10, 1e8));
        ch.reserveOrder(alice, m1, true, 15, PRICE, false);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.PriceNotOnTick.selector, PRICE + 1, TICK));
        ch.reserveOrder(alice, m1, true, 10, PRICE + 1, false);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.PriceOutsideBand.selector, 3e6, 1.6e6, 2.4e6));
        ch.reserveOrder(alice, m1, true, 10, 3e6, false);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.UnknownMarket.selector, 5));
        ch.reserveOrder(alice, 5, true, 10, PRICE, false);
        vm.expectPartialRevert(IClearingHouseBase.InsufficientMargin.selector);
        ch.reserveOrder(alice, m1, true, 10_000, PRICE, false); // $2,000 IM on $1,000
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.InvalidSize.selector, 1e8 + 10, 10, 1e8));
        ch.reserveOrder(alice, m1, true, 1e8 + 10, PRICE, false);
        _fund(alice, 1e15);
        ch.reserveOrder(alice, m1, true, 6e7, PRICE, false);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.MaxPositionExceeded.selector, alice, 1.2e8, 1e8));
        ch.reserveOrder(alice, m1, true, 6e7, PRICE, false);
    }

    function test_reserveOrder_revertsWhenExpiredOrPaused() public {
        _fund(alice, 1_000e6);
        vm.prank(guardian);
        ch.setMarketMode(m1, IClearingHouseBase.Mode.Paused);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.MarketPaused.selector, m1));
        ch.reserveOrder(alice, m1, true, 10, PRICE, false);
        vm.prank(marketAdmin);
        ch.setMarketMode(m1, IClearingHouseBase.Mode.Active);
        vm.warp(T0 + 60 days);
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.MarketNotTrading.selector, m1, IClearingHouseBase.State.Expired)
        );
        ch.reserveOrder(alice, m1, true, 10, PRICE, false);
    }

    function test_reserveOrder_restingOrdersCountTowardMargin() public {
        _fund(alice, 1_000e6);
        ch.reserveOrder(alice, m1, true, 4_000, PRICE, false); // $800 IM
        IClearingHouseBase.Health memory h = ch.health(alice);
        assertEq(h.initialMargin, 800e6);
        // worst side: a bid of 4,000 and an ask of 1,000 → 4,000
        ch.reserveOrder(alice, m1, false, 1_000, PRICE, false);
        assertEq(ch.health(alice).initialMargin, 800e6);
        vm.prank(alice);
        vm.expectPartialRevert(IClearingHouseBase.InsufficientMargin.selector);
        ch.withdraw(300e6, alice);
        ch.releaseOrder(alice, m1, true, 4_000, 0);
        assertEq(ch.health(alice).initialMargin, 200e6);
    }

    function test_reduceOnlyMode_allowsOnlyReductions() public {
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
        _fund(carol, 1_000e6);
        _trade(m1, alice, bob, 1_000, PRICE);
        vm.prank(marketAdmin);
        ch.setMarketMode(m1, IClearingHouseBase.Mode.ReduceOnly);
        // carol opening a new position is refused
        vm.expectPartialRevert(IClearingHouseBase.ReduceOnlyViolated.selector);
        ch.reserveOrder(carol, m1, true, 10, PRICE, false);
        // bob (short) may place a reduce-only bid; alice (long) sells into it
        ch.reserveOrder(bob, m1, true, 500, PRICE, true);
        assertEq(
            uint256(ch.applyFill(m1, 0, bob, alice, -500, PRICE, 500, (1 << 16))),
            uint256(IClearingHouseBase.FillStatus.Filled)
        );
        assertEq(_size(alice, m1), 500);
        // a taker increasing in reduce-only mode reverts
        vm.expectPartialRevert(IClearingHouseBase.ReduceOnlyViolated.selector);
        ch.applyFill(m1, 0, bob, carol, -10, PRICE, 10, (1 << 16));
    }

    function test_applyFill_revertsAboveOpenInterestCap() public {
        IClearingHouseBase.MarketParams memory p = _params(H100);
        p.oiCap = 500;
        vm.prank(marketAdmin);
        uint256 id = ch.createMarket(p);
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
        ch.reserveOrder(bob, id, false, 1_000, PRICE, false);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.OpenInterestCapExceeded.selector, id, 1_000, 500));
        ch.applyFill(id, 0, bob, alice, 1_000, PRICE, 1_000, 0);
    }

    function test_applyFill_revertsInPausedMarket() public {
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
        ch.reserveOrder(bob, m1, false, 1_000, PRICE, false);
        vm.prank(guardian);
        ch.setMarketMode(m1, IClearingHouseBase.Mode.Paused);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.MarketPaused.selector, m1));
        ch.applyFill(m1, 0, bob, alice, 1_000, PRICE, 1_000, 0);
    }

    function test_accounts_areBoundedTo16Markets() public {
        _fund(alice, 1_000_000e6);
        for (uint256 i; i < 16; ++i) {
            uint256 id = i == 0 ? m1 : _createMarket(H100);
            ch.reserveOrder(alice, id, true, 10, PRICE, false);
        }
        assertEq(ch.marketsOf(alice).length, 16);
        uint256 extra = _createMarket(H100);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.TooManyMarkets.selector, alice));
        ch.reserveOrder(alice, extra, true, 10, PRICE, false);
        // leaving a hot market refills the hole from the overflow list
        ch.releaseOrder(alice, m1, true, 10, 0);
        assertEq(ch.marketsOf(alice).length, 15);
        ch.reserveOrder(alice, extra, true, 10, PRICE, false);
        assertEq(ch.marketsOf(alice).length, 16);
        assertEq(ch.health(alice).initialMargin, 16 * 2e6);
    }

    /* ----------------------------- liquidation ----------------------------- */

    function test_liquidate_revertsOnHealthyAccount() public {
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
        _trade(m1, alice, bob, 1_000, PRICE);
        vm.prank(carol);
        vm.expectPartialRevert(IClearingHouseBase.AccountHealthy.selector);
        ch.liquidate(alice, m1, type(uint256).max);
    }

    function test_liquidate_takesOnlyWhatRestoresInitialMargin() public {
        _fund(alice, 250e6);
        _fund(bob, 1_000e6);
        _fund(carol, 1_000e6);
        _trade(m1, alice, bob, 1_000, PRICE);
        oracle.setPrice(H100, 1.5e6); // band [1.2, 1.8]: mark = 1.8
        assertEq(ch.markPrice(m1), 1.8e6);
        vm.prank(carol);
        uint256 size = ch.liquidate(alice, m1, type(uint256).max);
        assertEq(size, 810);
        assertEq(_size(alice, m1), 190);
        assertEq(_size(carol, m1), 810);
        IClearingHouseBase.Health memory h = ch.health(alice);
        assertGe(h.equity, int256(h.positionMargin));
        // penalty 1% of 810 × $1.8 = 14.58; half to carol
        assertEq(ch.collateralOf(carol), int256(1_000e6 + 7.29e6));
    }

    function test_liquidate_badDebtIsWrittenDownOnWinners() public {
        _fund(alice, 250e6);
        _fund(bob, 1_000e6);
        _fund(carol, 1_000e6);
        _trade(m1, alice, bob, 1_000, PRICE);
        oracle.setPrice(H100, 1e6); // mark = 1.2
        vm.prank(carol);
        ch.liquidate(alice, m1, type(uint256).max);
        assertEq(ch.collateralOf(alice), 0);
        (, , , , IClearingHouseBase.MarketTail memory tail) = ch.market(m1);
        // 250 − 1 fee − 800 loss − 12 penalty = −563, less the insurance (fees' share + 6)
        (, uint256 insurance, ) = ch.pools();
        assertEq(insurance, 0);
        uint256 badDebt = tail.badDebt;
        assertEq(badDebt, 563e6 - 0.28e6 - 6e6);

        vm.warp(T0 + 60 days);
        oracle.setAverage(H100, 1e6);
        ch.proposeSettlement(m1);
        vm.warp(block.timestamp + 1 days);
        vm.expectEmit();
        emit IClearingHouseBase.SettlementFinalized(
            m1,
            1e6,
            false,
            (badDebt + 999) / 1_000,
            badDebt,
            0,
            ((badDebt + 999) / 1_000) * 1_000 - badDebt
        );
        ch.finalizeSettlement(m1);
        ch.claimSettlement(bob, m1);
        ch.claimSettlement(carol, m1);
        // bob: short 1000 from $2 to $1 = +$1,000, less the write-down
        assertEq(ch.collateralOf(bob), int256(1_000e6 - 0.4e6 + 1_000e6 - 1_000 * ((badDebt + 999) / 1_000)));
        _assertSolvent();
    }

    function test_liquidate_revertsInPausedMarket() public {
        _fund(alice, 250e6);
        _fund(bob, 1_000e6);
        _trade(m1, alice, bob, 1_000, PRICE);
        oracle.setPrice(H100, 1e6);
        vm.prank(guardian);
        ch.setMarketMode(m1, IClearingHouseBase.Mode.Paused);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.MarketPaused.selector, m1));
        ch.liquidate(alice, m1, type(uint256).max);
    }

    function test_liquidate_revertsOnSelfAndNoPosition() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.SelfLiquidation.selector, alice));
        ch.liquidate(alice, m1, 10);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.NoPosition.selector, alice, m1));
        ch.liquidate(alice, m1, 10);
    }

    /* ----------------------------- settlement ----------------------------- */

    function test_settlement_fullLifecycle() public {
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
        _trade(m1, alice, bob, 1_000, PRICE);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.SettlementNotDue.selector, m1, T0 + 60 days));
        ch.proposeSettlement(m1);
        vm.warp(T0 + 60 days);
        oracle.setAverage(H100, 2.3e6);
        ch.proposeSettlement(m1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IClearingHouseBase.WrongSettlementStage.selector,
                m1,
                IClearingHouseBase.Stage.Proposed
            )
        );
        ch.proposeSettlement(m1);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.DisputePeriod.selector, m1, T0 + 61 days));
        ch.finalizeSettlement(m1);
        vm.prank(guardian);
        vm.expectEmit();
        emit IClearingHouseBase.SettlementDisputed(m1, 2.3e6, 2.2e6, "publisher outage on day 12");
        ch.disputeSettlement(m1, 2.2e6, "publisher outage on day 12");
        vm.warp(T0 + 61 days);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.DisputePeriod.selector, m1, T0 + 61 days));
        ch.disputeSettlement(m1, 2.1e6, "late");
        ch.finalizeSettlement(m1);
        assertEq(uint256(ch.marketState(m1)), uint256(IClearingHouseBase.State.Settled));
        vm.expectRevert(
            abi.encodeWithSelector(
                IClearingHouseBase.WrongSettlementStage.selector,
                m1,
                IClearingHouseBase.Stage.Settled
            )
        );
        ch.finalizeSettlement(m1);
        vm.prank(carol); // anyone may claim for anyone
        ch.claimSettlement(alice, m1);
        assertEq(ch.collateralOf(alice), int256(1_000e6 - 1e6 + 200e6));
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.NoPosition.selector, alice, m1));
        ch.claimSettlement(alice, m1);
        ch.claimSettlement(bob, m1);
        assertEq(ch.collateralOf(bob), int256(1_000e6 - 0.4e6 - 200e6));
        vm.prank(alice);
        ch.withdraw(1_199e6, alice);
        _assertSolvent();
    }

    function test_settlement_fallsBackWhenIndexStopped() public {
        vm.warp(T0 + 60 days);
        oracle.setStale(H100, true);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.IndexUnavailable.selector, m1, T0 + 63 days));
        ch.proposeSettlement(m1);
        vm.warp(T0 + 63 days);
        vm.expectEmit();
        emit IClearingHouseBase.SettlementProposed(m1, PRICE, true);
        ch.proposeSettlement(m1);
    }

    function test_claimSettlement_revertsBeforeSettlement() public {
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.WrongSettlementStage.selector, m1, IClearingHouseBase.Stage.None)
        );
        ch.claimSettlement(alice, m1);
    }

    function test_disputeSettlement_revertsForNonGuardian() public {
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.Unauthorized.selector, address(this), bytes32("GUARDIAN"))
        );
        ch.disputeSettlement(m1, 1, "x");
    }

    function test_collectFees_paysOwner() public {
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
        _trade(m1, alice, bob, 1_000, PRICE);
        (uint256 fees, , ) = ch.pools();
        vm.prank(owner);
        ch.collectFees(owner, fees);
        assertEq(token.balanceOf(owner), fees);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.InsufficientFees.selector, 1, 0));
        ch.collectFees(owner, 1);
    }

    /* ----------------------------- more edges ----------------------------- */

    function test_liquidate_revertsWhenLiquidatorLacksMargin() public {
        _fund(alice, 250e6);
        _fund(bob, 1_000e6);
        _fund(carol, 1e6); // carol cannot carry 810 GPU-hours
        _trade(m1, alice, bob, 1_000, PRICE);
        oracle.setPrice(H100, 1.5e6);
        vm.prank(carol);
        vm.expectPartialRevert(IClearingHouseBase.InsufficientMargin.selector);
        ch.liquidate(alice, m1, type(uint256).max);
    }

    function test_liquidate_respectsMaxSizeInLots() public {
        _fund(alice, 250e6);
        _fund(bob, 1_000e6);
        _fund(carol, 1_000e6);
        _trade(m1, alice, bob, 1_000, PRICE);
        oracle.setPrice(H100, 1.5e6);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.LiquidationTooSmall.selector, 9, 10));
        ch.liquidate(alice, m1, 9);
        vm.prank(carol);
        assertEq(ch.liquidate(alice, m1, 105), 100);
    }

    function test_claimSettlement_revertsInPausedMarket() public {
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
        _trade(m1, alice, bob, 1_000, PRICE);
        vm.warp(T0 + 60 days);
        ch.proposeSettlement(m1);
        vm.warp(T0 + 61 days);
        ch.finalizeSettlement(m1);
        vm.prank(guardian);
        ch.setMarketMode(m1, IClearingHouseBase.Mode.Paused);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.MarketPaused.selector, m1));
        ch.claimSettlement(alice, m1);
    }

    function test_settlement_fallsBackWhenAverageUnavailable() public {
        vm.warp(T0 + 60 days);
        oracle.setAverageReverts(H100, true);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.IndexUnavailable.selector, m1, T0 + 63 days));
        ch.proposeSettlement(m1);
        vm.warp(T0 + 63 days);
        ch.proposeSettlement(m1);
        (, , IClearingHouseBase.MarketRisk memory r, , ) = ch.market(m1);
        assertEq(uint256(r.finalPrice), PRICE);
    }

    function test_setMarketMode_guardianMayOnlyPause() public {
        vm.prank(guardian);
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.Unauthorized.selector, guardian, bytes32("MARKET_ADMIN"))
        );
        ch.setMarketMode(m1, IClearingHouseBase.Mode.ReduceOnly);
    }

    function test_withdraw_countsUnclaimedSettlementPnl() public {
        _fund(alice, 300e6);
        _fund(bob, 1_000e6);
        _trade(m1, alice, bob, 1_000, PRICE);
        vm.warp(T0 + 60 days);
        oracle.setAverage(H100, 1.9e6);
        ch.proposeSettlement(m1);
        vm.warp(T0 + 61 days);
        ch.finalizeSettlement(m1);
        // alice lost $100 (+$1 fee): only $199 of her $299 collateral is free before she claims
        vm.prank(alice);
        vm.expectPartialRevert(IClearingHouseBase.InsufficientMargin.selector);
        ch.withdraw(200e6, alice);
        vm.prank(alice);
        ch.withdraw(199e6, alice);
        ch.claimSettlement(alice, m1);
        assertEq(ch.collateralOf(alice), 0);
    }

    function _assertSolvent() internal view {
        address[3] memory accounts = [alice, bob, carol];
        int256 owed;
        for (uint256 i; i < 3; ++i) owed += ch.collateralOf(accounts[i]);
        (uint256 fees, uint256 insurance, ) = ch.pools();
        assertGe(int256(token.balanceOf(address(ch))), owed + int256(fees + insurance));
    }
}
