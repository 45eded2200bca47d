// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {OrderBookFixture} from "../utils/OrderBookFixture.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";

/// @notice Unit and bad-input tests of the order books (inside the clearing house).
contract OrderBookTest is OrderBookFixture {
    uint256 internal constant P = 2_000_000;

    function setUp() public {
        _deployBook();
    }

    /* ----------------------------- placing ----------------------------- */

    function test_place_restsAndShowsBestPrices() public {
        _limit(alice, true, P - 2_000, 100);
        _limit(alice, true, P - 1_000, 100);
        _limit(bob, false, P + 1_000, 100);
        _limit(bob, false, P + 5_000, 100);
        (uint256 bid, uint256 ask) = ob.bestPrices(m1);
        assertEq(bid, P - 1_000);
        assertEq(ask, P + 1_000);
        (, , uint256 bidReserved, ) = ch.positionOf(alice, m1);
        assertEq(bidReserved, 200);
    }

    function test_place_fillsInPriceTimePriority() public {
        uint256 a1 = _limit(alice, false, P + 2_000, 100);
        uint256 b1 = _limit(bob, false, P + 1_000, 100);
        uint256 c1 = _limit(carol, false, P + 1_000, 100);
        uint256 filled = _take(dave, true, IOrderBookBase.OrderType.IOC, P + 2_000, 250);
        assertEq(filled, 250);
        // bob (best price, first in time), then carol, then 50 of alice
        assertEq(_size(bob, m1), -100);
        assertEq(_size(carol, m1), -100);
        assertEq(_size(alice, m1), -50);
        assertEq(_size(dave, m1), 250);
        assertEq(ob.orderOf(a1).size, 50);
        vm.expectRevert(abi.encodeWithSelector(IOrderBookBase.UnknownOrder.selector, b1));
        ob.orderOf(b1);
        vm.expectRevert(abi.encodeWithSelector(IOrderBookBase.UnknownOrder.selector, c1));
        ob.orderOf(c1);
        (, uint256 ask) = ob.bestPrices(m1);
        assertEq(ask, P + 2_000);
    }

    function test_place_limitCrossesThenRestsRemainder() public {
        _limit(bob, false, P, 100);
        vm.prank(alice);
        (uint256 id, uint256 filled) = ob.place(_p(true, IOrderBookBase.OrderType.Limit, P + 1_000, 300));
        assertEq(filled, 100);
        assertEq(ob.orderOf(id).size, 200);
        (uint256 bid, uint256 ask) = ob.bestPrices(m1);
        assertEq(bid, P + 1_000);
        assertEq(ask, 0);
    }

    function test_place_marketOrderRespectsProtectionPrice() public {
        _limit(bob, false, P, 100);
        _limit(bob, false, P + 10_000, 100);
        uint256 filled = _take(alice, true, IOrderBookBase.OrderType.Market, P + 5_000, 200);
        assertEq(filled, 100);
        assertEq(_size(alice, m1), 100);
    }

    function test_place_fillOrKill() public {
        _limit(bob, false, P, 100);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IOrderBookBase.FillOrKillNotFilled.selector, 200, 100));
        ob.place(_p(true, IOrderBookBase.OrderType.FOK, P, 200));
        assertEq(_take(alice, true, IOrderBookBase.OrderType.FOK, P, 100), 100);
    }

    function test_place_revertsOnBadInput() public {
        vm.startPrank(alice);
        vm.expectRevert(IClearingHouseBase.ZeroSize.selector);
        ob.place(_p(true, IOrderBookBase.OrderType.Limit, P, 0));
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.PriceNotOnTick.selector, P + 1, TICK));
        ob.place(_p(true, IOrderBookBase.OrderType.Limit, P + 1, 10));
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.PriceOutsideBand.selector, 3e6, 1.6e6, 2.4e6));
        ob.place(_p(true, IOrderBookBase.OrderType.Limit, 3e6, 10));
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.InvalidSize.selector, 15, 10, 1e8));
        ob.place(_p(true, IOrderBookBase.OrderType.Limit, P, 15));
        IOrderBookBase.PlaceParams memory gtt = _p(true, IOrderBookBase.OrderType.Limit, P, 10);
        gtt.expiry = block.timestamp;
        vm.expectRevert(abi.encodeWithSelector(IOrderBookBase.OrderExpired.selector, block.timestamp, block.timestamp));
        ob.place(gtt);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.UnknownMarket.selector, 9));
        ob.place(IOrderBookBase.PlaceParams(9, true, IOrderBookBase.OrderType.Limit, false, P, 10, 0));
    }

    function test_place_postOnlyRevertsWhenCrossing() public {
        _limit(bob, false, P, 100);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IOrderBookBase.PostOnlyWouldCross.selector, P, P));
        ob.place(_p(true, IOrderBookBase.OrderType.PostOnly, P, 10));
        vm.prank(alice);
        (uint256 id, ) = ob.place(_p(true, IOrderBookBase.OrderType.PostOnly, P - 1_000, 10));
        assertEq(ob.orderOf(id).size, 10);
    }

    function test_place_restingOrdersNeedMargin() public {
        address poor = address(0xBEEF);
        _fund(poor, 100e6); // IM of 10% at $2: 500 hours
        vm.startPrank(poor);
        ob.place(_p(true, IOrderBookBase.OrderType.Limit, P, 400));
        vm.expectPartialRevert(IClearingHouseBase.InsufficientMargin.selector);
        ob.place(_p(true, IOrderBookBase.OrderType.Limit, P, 200));
        // the other side does not add (worst side): 400 bid + 400 ask → 400
        ob.place(_p(false, IOrderBookBase.OrderType.Limit, P + 1_000, 400));
        vm.stopPrank();
    }

    function test_place_marginPricedAtTheMarkWhenABandEdgeWouldFail() public {
        address poor = address(0xBEEF);
        _fund(poor, 100e6);
        vm.startPrank(poor);
        ob.place(_p(true, IOrderBookBase.OrderType.Limit, P, 400));
        // 450 hours need $90 at the $2 mark but more than $100 at the band's upper edge: the
        // account is priced at the mark, not refused for a mark the band merely allows.
        ob.place(_p(true, IOrderBookBase.OrderType.Limit, P, 50));
        (, , uint256 bidReserved, ) = ch.positionOf(poor, m1);
        assertEq(bidReserved, 450);
        // 510 hours need $102 at the mark.
        vm.expectPartialRevert(IClearingHouseBase.InsufficientMargin.selector);
        ob.place(_p(true, IOrderBookBase.OrderType.Limit, P, 60));
        vm.stopPrank();
    }

    /* ----------------------------- cancelling ----------------------------- */

    function test_cancel_removesOrderAndReleasesMargin() public {
        uint256 id = _limit(alice, true, P, 100);
        vm.prank(alice);
        ob.cancel(id);
        (, , uint256 bidReserved, ) = ch.positionOf(alice, m1);
        assertEq(bidReserved, 0);
        (uint256 bid, ) = ob.bestPrices(m1);
        assertEq(bid, 0);
        assertEq(ch.marketsOf(alice).length, 0);
    }

    function test_cancel_revertsOnUnknownOrAnothersOrder() public {
        uint256 id = _limit(alice, true, P, 100);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IOrderBookBase.NotOrderOwner.selector, id, alice, bob));
        ob.cancel(id);
        vm.prank(alice);
        ob.cancel(id);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IOrderBookBase.UnknownOrder.selector, id));
        ob.cancel(id);
    }

    function test_cancel_middleOrderKeepsFifo() public {
        _limit(alice, false, P, 100);
        uint256 mid = _limit(bob, false, P, 100);
        _limit(carol, false, P, 100);
        vm.prank(bob);
        ob.cancel(mid);
        _take(dave, true, IOrderBookBase.OrderType.IOC, P, 150);
        assertEq(_size(alice, m1), -100);
        assertEq(_size(bob, m1), 0);
        assertEq(_size(carol, m1), -50);
    }

    function test_cancelAll_killsEveryOrderOfTheAccount() public {
        _limit(alice, false, P, 100);
        _limit(alice, false, P + 1_000, 100);
        _limit(bob, false, P + 1_000, 100);
        vm.prank(alice);
        ob.cancelAll(m1);
        (, , , uint256 askReserved) = ch.positionOf(alice, m1);
        assertEq(askReserved, 0);
        uint256 filled = _take(dave, true, IOrderBookBase.OrderType.IOC, P + 1_000, 300);
        assertEq(filled, 100); // only bob's order was alive
        assertEq(_size(alice, m1), 0);
        assertEq(_size(bob, m1), -100);
    }

    function test_batch_placesAndCancels() public {
        uint256 old = _limit(alice, true, P - 5_000, 100);
        uint256[] memory cancels = new uint256[](1);
        cancels[0] = old;
        IOrderBookBase.PlaceParams[] memory places = new IOrderBookBase.PlaceParams[](3);
        for (uint256 i; i < 3; ++i) places[i] = _p(true, IOrderBookBase.OrderType.Limit, P - 1_000 * (i + 1), 100);
        vm.prank(alice);
        uint256[] memory ids = ob.batch(cancels, places);
        assertEq(ids.length, 3);
        assertEq(ob.orderOf(ids[2]).price, P - 3_000);
        (, , uint256 bidReserved, ) = ch.positionOf(alice, m1);
        assertEq(bidReserved, 300);
    }

    /* ----------------------------- protections ----------------------------- */

    function test_selfTradePrevention_cancelsRestingOrder() public {
        uint256 own = _limit(alice, false, P, 100);
        _limit(bob, false, P, 100);
        vm.expectEmit();
        emit IOrderBookBase.OrderCancelled(m1, own, alice, 100, IOrderBookBase.CancelReason.SelfTrade);
        uint256 filled = _take(alice, true, IOrderBookBase.OrderType.IOC, P, 100);
        assertEq(filled, 100);
        assertEq(_size(bob, m1), -100);
        (, , , uint256 askReserved) = ch.positionOf(alice, m1);
        assertEq(askReserved, 0);
    }

    function test_makerBreachingMargin_isCancelledWithoutBlocking() public {
        address poor = address(0xBEEF);
        _fund(poor, 100e6);
        uint256 id = _limit(poor, false, P, 400); // $80 IM reserved
        _limit(bob, false, P, 100);
        oracle.setPrice(H100, 2.2e6); // poor's short at $2 is now $80 under water
        vm.expectEmit();
        emit IOrderBookBase.OrderCancelled(m1, id, poor, 400, IOrderBookBase.CancelReason.Margin);
        uint256 filled = _take(dave, true, IOrderBookBase.OrderType.IOC, P, 100);
        assertEq(filled, 100);
        assertEq(_size(bob, m1), -100);
        assertEq(_size(poor, m1), 0);
    }

    function test_expiredGttOrder_isSkipped() public {
        IOrderBookBase.PlaceParams memory gtt = _p(false, IOrderBookBase.OrderType.Limit, P, 100);
        gtt.expiry = block.timestamp + 1 hours;
        vm.prank(alice);
        (uint256 id, ) = ob.place(gtt);
        _limit(bob, false, P, 100);
        vm.warp(block.timestamp + 1 hours);
        oracle.setPrice(H100, uint64(P));
        vm.expectEmit();
        emit IOrderBookBase.OrderCancelled(m1, id, alice, 100, IOrderBookBase.CancelReason.Expired);
        _take(dave, true, IOrderBookBase.OrderType.IOC, P, 100);
        assertEq(_size(bob, m1), -100);
        assertEq(_size(alice, m1), 0);
    }

    function test_trading_haltsWhenPausedOrExpired_cancelStillWorks() public {
        uint256 id = _limit(alice, true, P, 100);
        vm.prank(guardian);
        ch.setMarketMode(m1, IClearingHouseBase.Mode.Paused);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.MarketPaused.selector, m1));
        ob.place(_p(false, IOrderBookBase.OrderType.IOC, P, 100));
        vm.prank(alice);
        ob.cancel(id);
        vm.prank(marketAdmin);
        ch.setMarketMode(m1, IClearingHouseBase.Mode.Active);
        id = _limit(alice, true, P, 100);
        vm.warp(T0 + 60 days);
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.MarketNotTrading.selector, m1, IClearingHouseBase.State.Expired)
        );
        ob.place(_p(false, IOrderBookBase.OrderType.Limit, P, 100));
        vm.prank(alice);
        ob.cancel(id);
    }

    function test_reduceOnly_capsTakerAndRefusesOpening() public {
        _limit(bob, false, P, 100);
        _take(alice, true, IOrderBookBase.OrderType.IOC, P, 100); // alice long 100
        _limit(carol, true, P, 500);
        IOrderBookBase.PlaceParams memory ro = _p(false, IOrderBookBase.OrderType.IOC, P, 300);
        ro.reduceOnly = true;
        vm.prank(alice);
        (, uint256 filled) = ob.place(ro);
        assertEq(filled, 100);
        assertEq(_size(alice, m1), 0);
        // a reduce-only resting order with nothing to reduce is refused
        ro.kind = IOrderBookBase.OrderType.Limit;
        ro.price = P + 5_000;
        vm.prank(alice);
        vm.expectPartialRevert(IClearingHouseBase.ReduceOnlyViolated.selector);
        ob.place(ro);
    }
}
