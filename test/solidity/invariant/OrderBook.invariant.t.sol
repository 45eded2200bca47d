// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {OrderBookFixture} from "../utils/OrderBookFixture.sol";
import {OrderBookHandler} from "./OrderBookHandler.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {IOrderBook} from "../../../contracts/interfaces/IOrderBook.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";
import {MarginLib} from "../../../contracts/libraries/MarginLib.sol";

/// @notice Invariants of the order books inside the clearing house, with its margin behind them.
contract OrderBookInvariantTest is OrderBookFixture {
    OrderBookHandler internal handler;
    uint256[2] internal ids;

    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    function setUp() public {
        _deploy();
        ob = IOrderBook(address(ch));
        IClearingHouseBase.MarketParams memory p1 = _params(H100);
        p1.windowStart = T0 + 1 days;
        p1.windowEnd = T0 + 3 days;
        vm.prank(marketAdmin);
        ids[0] = ch.createMarket(p1);
        IClearingHouseBase.MarketParams memory p2 = _params(B200);
        p2.windowStart = T0 + 3 days;
        p2.windowEnd = T0 + 8 days;
        vm.prank(marketAdmin);
        ids[1] = ch.createMarket(p2);
        handler = new OrderBookHandler(ch, ob, token, oracle, ids, [H100, B200], [PRICE, 4 * PRICE]);
    }

    function targetContracts() public view returns (address[] memory t) {
        t = new address[](1);
        t[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory t) {
        bytes4[] memory s = new bytes4[](14);
        s[0] = OrderBookHandler.deposit.selector;
        s[1] = OrderBookHandler.deposit.selector;
        s[2] = OrderBookHandler.withdraw.selector;
        s[3] = OrderBookHandler.place.selector;
        s[4] = OrderBookHandler.place.selector;
        s[5] = OrderBookHandler.place.selector;
        s[6] = OrderBookHandler.place.selector;
        s[7] = OrderBookHandler.cancel.selector;
        s[8] = OrderBookHandler.cancelAll.selector;
        s[9] = OrderBookHandler.moveIndex.selector;
        s[10] = OrderBookHandler.warp.selector;
        s[11] = OrderBookHandler.liquidate.selector;
        s[12] = OrderBookHandler.settle.selector;
        s[13] = OrderBookHandler.place.selector;
        t = new FuzzSelector[](1);
        t[0] = FuzzSelector(address(handler), s);
    }

    /// @dev No order fills after it was cancelled (gone) or killed by cancel-all (never smaller
    ///      than when it died); none ever grows.
    function invariant_noFillAfterCancelAndNoGrowth() public view {
        uint256 n = handler.placedCount();
        for (uint256 i; i < n; ++i) {
            OrderBookHandler.Placed memory p = handler.placed(i);
            (bool exists, uint256 size) = _live(p.id);
            if (p.cancelled) assertFalse(exists, "cancelled order still in the book");
            if (!exists) continue;
            assertLe(size, p.size, "order grew");
            if (p.dead) assertEq(size, p.sizeAtDeath, "dead order filled");
        }
    }

    /// @dev The margin the clearing house reserves for each trader equals its live orders.
    function invariant_reservationsMatchLiveOrders() public view {
        uint256 n = handler.placedCount();
        for (uint256 k; k < 2; ++k) {
            (, , IClearingHouseBase.MarketRisk memory r, , ) = ch.market(ids[k]);
            if (r.stage == IClearingHouseBase.Stage.Settled) continue;
            for (uint256 a; a < 4; ++a) {
                address who = handler.actor(a);
                uint256 bids;
                uint256 asks;
                for (uint256 i; i < n; ++i) {
                    OrderBookHandler.Placed memory p = handler.placed(i);
                    if (p.owner != who || p.marketId != ids[k] || p.dead) continue;
                    (bool exists, uint256 size) = _live(p.id);
                    if (!exists) continue;
                    if (p.isBid) bids += size;
                    else asks += size;
                }
                (, , uint256 bidReserved, uint256 askReserved) = ch.positionOf(who, ids[k]);
                assertEq(bidReserved, bids, "bid reservation");
                assertEq(askReserved, asks, "ask reservation");
            }
        }
    }

    /// @dev Sizes net to zero and collateral is conserved except fees (exact token identity).
    function invariant_sizesNetToZeroAndTokensConserved() public view {
        int256 owed;
        for (uint256 i; i < 4; ++i) owed += ch.collateralOf(handler.actor(i));
        (uint256 fees, uint256 insurance, uint256 deficit) = ch.pools();
        owed += int256(fees + insurance) - int256(deficit);
        for (uint256 k; k < 2; ++k) {
            (, , IClearingHouseBase.MarketRisk memory r, , IClearingHouseBase.MarketTail memory tail) = ch.market(
                ids[k]
            );
            owed -= int256(uint256(tail.badDebt));
            int256 net;
            for (uint256 i; i < 4; ++i) {
                (int256 s, int256 on, , ) = ch.positionOf(handler.actor(i), ids[k]);
                net += s;
                if (r.stage == IClearingHouseBase.Stage.Settled) {
                    owed += MarginLib.settlementPnlDown(s, on, r.finalPrice, tail.haircut, tail.winnerIsLong);
                } else {
                    owed -= on;
                }
            }
            if (r.stage != IClearingHouseBase.Stage.Settled) assertEq(net, 0, "sizes net to zero");
        }
        assertEq(int256(token.balanceOf(address(ch))), owed, "token balance != claims");
    }

    function _live(uint256 id) internal view returns (bool exists, uint256 size) {
        try ob.orderOf(id) returns (IOrderBookBase.OrderView memory v) {
            return (true, v.size);
        } catch {
            return (false, 0);
        }
    }
}
