// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ClearingHouseFixture} from "../utils/ClearingHouseFixture.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";
import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";

/// @notice Unit and bad-input tests of the clearing house (its order books' fills and refusals
///         included; the book's own matching rules are in test/solidity/orderbook).
contract ClearingHouseTest is ClearingHouseFixture {
    address internal alice = address(0x1001);
    address internal bob = address(0x1002);
    address internal carol = address(0x1003);
    uint256 internal m1;

    function setUp() public {
        _deploy();
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

    function test_place_fillOpensBothPositions() public {
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
        assertTrue(_trade(m1, alice, bob, 1_000, PRICE));
        assertEq(_size(alice, m1), 1_000);
        assertEq(_size(bob, m1), -1_000);
        // Taker fee 5 bps, maker fee 2 bps of $2,000: fills that open pay their fee into the open
        // notional (MarginLib.applyFillDown), so collateral does not move and equity falls by it.
        assertEq(ch.collateralOf(alice), int256(1_000e6));
        assertEq(ch.collateralOf(bob), int256(1_000e6));
        (, int256 aliceCost, , ) = ch.positionOf(alice, m1);
        (, int256 bobCost, , ) = ch.positionOf(bob, m1);
        assertEq(aliceCost, 2_000e6 + 1e6);
        assertEq(bobCost, -2_000e6 + 0.4e6);
        assertEq(ch.health(alice).equity, int256(1_000e6 - 1e6));
        assertEq(ch.health(bob).equity, int256(1_000e6 - 0.4e6));
        (uint256 fees, uint256 insurance, ) = ch.pools();
        assertEq(fees + insurance, 1.4e6);
        (, , , IClearingHouseBase.MarketTrading memory t, ) = ch.market(m1);
        assertEq(uint256(t.openInterest), 1_000);
        assertEq(uint256(t.ema), PRICE);
        // the maker's reservation went with its order
        (, , , uint256 askLeft) = ch.positionOf(bob, m1);
        assertEq(askLeft, 0);
    }

    function test_place_fillRealizesPnlOnClose() public {
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

    /// @dev A maker whose margin no longer carries its order is dropped at the fill (its
    ///      reservation released); the taker goes on to the next maker.
    function test_place_dropsMakerBelowMargin() public {
        _fund(alice, 1_000e6);
        _fund(bob, 300e6);
        _fund(carol, 1_000e6);
        uint256 id = _rest(bob, m1, false, PRICE, 1_000);
        _rest(carol, m1, false, PRICE, 1_000);
        vm.prank(bob);
        ch.withdraw(1, bob); // still fine
        oracle.setPrice(H100, (PRICE * 12) / 10); // index +20%: bob's ask now far below
        // bob short 1000 at $2 with mark $2.4 (no trade yet → index): loss $400 > collateral.
        vm.expectEmit(true, true, true, true, address(ch));
        emit IOrderBookBase.OrderCancelled(m1, id, bob, 1_000, IOrderBookBase.CancelReason.Margin);
        vm.prank(alice);
        (, uint256 filled) = ch.place(_order(m1, true, IOrderBookBase.OrderType.IOC, PRICE, 1_000));
        assertEq(filled, 1_000); // all from carol
        (, , , uint256 askLeft) = ch.positionOf(bob, m1);
        assertEq(askLeft, 0); // the refused order's reservation is released
        assertEq(_size(bob, m1), 0);
        assertEq(ch.collateralOf(bob), int256(300e6 - 1));
        assertEq(_size(carol, m1), -1_000);
        assertEq(_size(alice, m1), 1_000);
        vm.expectRevert(abi.encodeWithSelector(IOrderBookBase.UnknownOrder.selector, id));
        ch.orderOf(id);
    }

    /// @dev An order killed by its owner's `cancelAll` is dropped when a taker reaches it.
    function test_place_dropsStaleMakerOrder() public {
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
        _fund(carol, 1_000e6);
        uint256 id = _rest(bob, m1, false, PRICE, 1_000);
        _rest(carol, m1, false, PRICE, 1_000);
        vm.prank(bob);
        ch.cancelAll(m1);
        vm.expectEmit(true, true, true, true, address(ch));
        emit IOrderBookBase.OrderCancelled(m1, id, bob, 1_000, IOrderBookBase.CancelReason.StaleOrder);
        vm.prank(alice);
        (, uint256 filled) = ch.place(_order(m1, true, IOrderBookBase.OrderType.IOC, PRICE, 1_000));
        assertEq(filled, 1_000);
        assertEq(_size(bob, m1), 0);
        assertEq(ch.collateralOf(bob), int256(1_000e6));
        assertEq(_size(carol, m1), -1_000);
    }

    /// @dev A reduce-only maker order whose position has meanwhile closed would open one: dropped.
    function test_place_dropsReduceOnlyMakerThatWouldOpen() public {
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
        _fund(carol, 1_000e6);
        _trade(m1, bob, carol, 100, PRICE); // bob long 100
        IOrderBookBase.PlaceParams memory ro = _order(m1, false, IOrderBookBase.OrderType.Limit, PRICE + TICK, 100);
        ro.reduceOnly = true;
        vm.prank(bob);
        (uint256 id, ) = ch.place(ro);
        _trade(m1, bob, carol, -100, PRICE); // bob closes elsewhere: flat
        _rest(carol, m1, false, PRICE + TICK, 100);
        vm.expectEmit(true, true, true, true, address(ch));
        emit IOrderBookBase.OrderCancelled(m1, id, bob, 100, IOrderBookBase.CancelReason.ReduceOnly);
        vm.prank(alice);
        (, uint256 filled) = ch.place(_order(m1, true, IOrderBookBase.OrderType.IOC, PRICE + TICK, 100));
        assertEq(filled, 100); // from carol
        assertEq(_size(bob, m1), 0);
        assertEq(_size(alice, m1), 100);
    }

    /// @dev A maker whose position grew since its order rested (as a taker) is dropped rather
    ///      than taken past the market's position limit.
    function test_place_dropsMakerAboveMaxPosition() public {
        IClearingHouseBase.MarketParams memory p = _params(H100);
        p.maxPosition = 1_000;
        vm.prank(marketAdmin);
        uint256 id = ch.createMarket(p);
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
        _fund(carol, 1_000e6);
        uint256 order = _rest(bob, id, false, PRICE + TICK, 1_000);
        assertTrue(_trade(id, bob, carol, -500, PRICE)); // bob short 500, his ask of 1,000 resting
        _rest(carol, id, false, PRICE + TICK, 1_000);
        vm.expectEmit(true, true, true, true, address(ch));
        emit IOrderBookBase.OrderCancelled(id, order, bob, 1_000, IOrderBookBase.CancelReason.MaxPosition);
        vm.prank(alice);
        (, uint256 filled) = ch.place(_order(id, true, IOrderBookBase.OrderType.IOC, PRICE + TICK, 1_000));
        assertEq(filled, 1_000); // from carol
        assertEq(_size(bob, id), -500);
        (, , , uint256 askLeft) = ch.positionOf(bob, id);
        assertEq(askLeft, 0);
    }

    /// @dev A taker's own resting order met by its order is dropped (self-trade), its reservation
    ///      released, and the taker goes on: the position its fills open stays listed and
    ///      margined (no withdrawal of the collateral that carries it).
    function test_place_selfTradeDropKeepsTakerMargined() public {
        _fund(alice, 100e6);
        _fund(bob, 1_000e6);
        uint256 own = _rest(alice, m1, false, PRICE, 100);
        _rest(bob, m1, false, PRICE, 100);
        vm.expectEmit(true, true, true, true, address(ch));
        emit IOrderBookBase.OrderCancelled(m1, own, alice, 100, IOrderBookBase.CancelReason.SelfTrade);
        vm.prank(alice);
        (, uint256 filled) = ch.place(_order(m1, true, IOrderBookBase.OrderType.IOC, PRICE, 100));
        assertEq(filled, 100);
        (int256 size, , uint256 bidLeft, uint256 askLeft) = ch.positionOf(alice, m1);
        assertEq(size, 100);
        assertEq(bidLeft, 0);
        assertEq(askLeft, 0, "dropped order still reserved");
        assertEq(ch.marketsOf(alice).length, 1, "position not listed");
        assertEq(ch.health(alice).initialMargin, 20e6);
        vm.prank(alice);
        vm.expectPartialRevert(IClearingHouseBase.InsufficientMargin.selector);
        ch.withdraw(99.9e6, alice);
    }

    /// @dev The same for a taker's own expired order: dropped, released, the taker's fills
    ///      margined.
    function test_place_expiredOwnOrderDropKeepsTakerMargined() public {
        _fund(alice, 100e6);
        _fund(bob, 1_000e6);
        IOrderBookBase.PlaceParams memory gtt = _order(m1, false, IOrderBookBase.OrderType.Limit, PRICE, 100);
        gtt.expiry = vm.getBlockTimestamp() + 1 hours;
        vm.prank(alice);
        (uint256 own, ) = ch.place(gtt);
        _rest(bob, m1, false, PRICE, 100);
        vm.warp(vm.getBlockTimestamp() + 1 hours);
        oracle.setPrice(H100, PRICE);
        vm.expectEmit(true, true, true, true, address(ch));
        emit IOrderBookBase.OrderCancelled(m1, own, alice, 100, IOrderBookBase.CancelReason.Expired);
        vm.prank(alice);
        (, uint256 filled) = ch.place(_order(m1, true, IOrderBookBase.OrderType.IOC, PRICE, 100));
        assertEq(filled, 100);
        (int256 size, , , uint256 askLeft) = ch.positionOf(alice, m1);
        assertEq(size, 100);
        assertEq(askLeft, 0, "dropped order still reserved");
        assertEq(ch.marketsOf(alice).length, 1, "position not listed");
        vm.prank(alice);
        vm.expectPartialRevert(IClearingHouseBase.InsufficientMargin.selector);
        ch.withdraw(99.9e6, alice);
    }

    /// @dev The taker's initial margin is checked once after its fills; a shortfall undoes the
    ///      whole order, the maker's order resting as before.
    function test_place_revertsWhenTakerBelowInitialMargin() public {
        _fund(alice, 100e6);
        _fund(bob, 1_000e6);
        uint256 id = _rest(bob, m1, false, PRICE, 1_000);
        IOrderBookBase.PlaceParams memory buy = _order(m1, true, IOrderBookBase.OrderType.IOC, PRICE, 1_000);
        vm.prank(alice);
        vm.expectPartialRevert(IClearingHouseBase.InsufficientMargin.selector);
        ch.place(buy);
        assertEq(ch.orderOf(id).size, 1_000);
        assertEq(_size(bob, m1), 0);
    }

    function test_place_revertsOnBadInput() public {
        _fund(alice, 1_000e6);
        IOrderBookBase.OrderType limit = IOrderBookBase.OrderType.Limit;
        vm.startPrank(alice);
        vm.expectRevert(IClearingHouseBase.ZeroSize.selector);
        ch.place(_order(m1, true, limit, PRICE, 0));
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.InvalidSize.selector, 15, 10, 1e8));
        ch.place(_order(m1, true, limit, PRICE, 15));
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.PriceNotOnTick.selector, PRICE + 1, TICK));
        ch.place(_order(m1, true, limit, PRICE + 1, 10));
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.PriceOutsideBand.selector, 3e6, 1.6e6, 2.4e6));
        ch.place(_order(m1, true, limit, 3e6, 10));
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.UnknownMarket.selector, 5));
        ch.place(_order(5, true, limit, PRICE, 10));
        vm.expectPartialRevert(IClearingHouseBase.InsufficientMargin.selector);
        ch.place(_order(m1, true, limit, PRICE, 10_000)); // $2,000 IM on $1,000
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.InvalidSize.selector, 1e8 + 10, 10, 1e8));
        ch.place(_order(m1, true, limit, PRICE, 1e8 + 10));
        vm.stopPrank();
        _fund(alice, 1e15);
        vm.startPrank(alice);
        ch.place(_order(m1, true, limit, PRICE, 6e7));
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.MaxPositionExceeded.selector, alice, 1.2e8, 1e8));
        ch.place(_order(m1, true, limit, PRICE, 6e7));
        vm.stopPrank();
    }

    function test_place_revertsWhenExpiredOrPaused() public {
        _fund(alice, 1_000e6);
        IOrderBookBase.PlaceParams memory bid = _order(m1, true, IOrderBookBase.OrderType.Limit, PRICE, 10);
        vm.prank(guardian);
        ch.setMarketMode(m1, IClearingHouseBase.Mode.Paused);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.MarketPaused.selector, m1));
        ch.place(bid);
        vm.prank(marketAdmin);
        ch.setMarketMode(m1, IClearingHouseBase.Mode.Active);
        vm.warp(T0 + 60 days);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.MarketNotTrading.selector, m1, IClearingHouseBase.State.Expired)
        );
        ch.place(bid);
    }

    function test_place_restingOrdersCountTowardMargin() public {
        _fund(alice, 1_000e6);
        uint256 bid = _rest(alice, m1, true, PRICE, 4_000); // $800 IM
        IClearingHouseBase.Health memory h = ch.health(alice);
        assertEq(h.initialMargin, 800e6);
        // worst side: a bid of 4,000 and an ask of 1,000 → 4,000 (margined at the mark, whatever
        // the order's price)
        _rest(alice, m1, false, PRICE + 100_000, 1_000);
        assertEq(ch.health(alice).initialMargin, 800e6);
        vm.prank(alice);
        vm.expectPartialRevert(IClearingHouseBase.InsufficientMargin.selector);
        ch.withdraw(300e6, alice);
        vm.prank(alice);
        ch.cancel(bid);
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
        IOrderBookBase.PlaceParams memory open = _order(m1, true, IOrderBookBase.OrderType.Limit, PRICE, 10);
        vm.prank(carol);
        vm.expectPartialRevert(IClearingHouseBase.ReduceOnlyViolated.selector);
        ch.place(open);
        // bob (short) may place a reduce-only bid; alice (long) sells into it
        IOrderBookBase.PlaceParams memory ro = _order(m1, true, IOrderBookBase.OrderType.Limit, PRICE, 500);
        ro.reduceOnly = true;
        vm.prank(bob);
        ch.place(ro);
        vm.prank(alice);
        (, uint256 filled) = ch.place(_order(m1, false, IOrderBookBase.OrderType.IOC, PRICE, 500));
        assertEq(filled, 500);
        assertEq(_size(alice, m1), 500);
        assertEq(_size(bob, m1), -500);
        // a taker increasing in reduce-only mode reverts
        ro.size = 10;
        vm.prank(bob);
        ch.place(ro);
        IOrderBookBase.PlaceParams memory sell = _order(m1, false, IOrderBookBase.OrderType.IOC, PRICE, 10);
        vm.prank(carol);
        vm.expectPartialRevert(IClearingHouseBase.ReduceOnlyViolated.selector);
        ch.place(sell);
    }

    function test_place_revertsAboveOpenInterestCap() public {
        IClearingHouseBase.MarketParams memory p = _params(H100);
        p.oiCap = 500;
        vm.prank(marketAdmin);
        uint256 id = ch.createMarket(p);
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
        _rest(bob, id, false, PRICE, 1_000);
        IOrderBookBase.PlaceParams memory buy = _order(id, true, IOrderBookBase.OrderType.IOC, PRICE, 1_000);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.OpenInterestCapExceeded.selector, id, 1_000, 500));
        ch.place(buy);
    }

    function test_place_revertsInPausedMarket() public {
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
        _rest(bob, m1, false, PRICE, 1_000);
        vm.prank(guardian);
        ch.setMarketMode(m1, IClearingHouseBase.Mode.Paused);
        IOrderBookBase.PlaceParams memory buy = _order(m1, true, IOrderBookBase.OrderType.IOC, PRICE, 1_000);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.MarketPaused.selector, m1));
        ch.place(buy);
    }

    function test_cancelAll_revertsOnUnknownMarket() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.UnknownMarket.selector, 5));
        ch.cancelAll(5);
    }

    function test_accounts_areBoundedTo16Markets() public {
        _fund(alice, 1_000_000e6);
        uint256 first;
        for (uint256 i; i < 16; ++i) {
            uint256 id = i == 0 ? m1 : _createMarket(H100);
            uint256 order = _rest(alice, id, true, PRICE, 10);
            if (i == 0) first = order;
        }
        assertEq(ch.marketsOf(alice).length, 16);
        uint256 extra = _createMarket(H100);
        IOrderBookBase.PlaceParams memory bid = _order(extra, true, IOrderBookBase.OrderType.Limit, PRICE, 10);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.TooManyMarkets.selector, alice));
        ch.place(bid);
        // leaving a hot market refills the hole from the overflow list
        vm.prank(alice);
        ch.cancel(first);
        assertEq(ch.marketsOf(alice).length, 15);
        _rest(alice, extra, true, PRICE, 10);
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

    function test_markPrice_revertsWithTheOraclesErrorWhenStale() public {
        oracle.setStale(H100, true);
        vm.expectPartialRevert(IIndexOracle.StaleIndex.selector);
        ch.markPrice(m1);
        oracle.setStale(H100, false);
        assertEq(ch.markPrice(m1), PRICE, "the next push makes it good again");
    }

    function test_markPrice_revertsWhenTheCopyFellBehind() public {
        // A copy that stopped hearing from the oracle (a mock can drop its subscriber; the real
        // oracle's is fixed): stale here, fresh at the oracle, so not the oracle's error.
        oracle.setStale(H100, true);
        oracle.setSubscriber(address(0));
        oracle.setStale(H100, false);
        uint256 number = oracle.indexNumber(H100);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.IndexOutOfSync.selector, number));
        ch.markPrice(m1);
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
