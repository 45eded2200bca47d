// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {console} from "hardhat/console.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";
import {OrderBookFixture} from "../utils/OrderBookFixture.sol";

/// @notice Gas griefing of the book with dust: the smallest order is one lot (10 GPU-hours), every
///         resting order reserves initial margin, and whatever a griefer leaves behind (live
///         dust, cancelled slots, orders killed by `cancelAll`) costs a taker less to sweep than
///         it cost the griefer to place, once: swept orders are gone.
contract DustOrdersTest is OrderBookFixture {
    uint256 internal constant N = 20;

    function setUp() public {
        _deployBook();
    }

    function _placeDust(address who, uint256 n) internal returns (uint256 gasUsed, uint256[] memory ids) {
        ids = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            IOrderBookBase.PlaceParams memory p = _p(false, IOrderBookBase.OrderType.Limit, PRICE, 10);
            vm.prank(who);
            uint256 g = gasleft();
            (ids[i], ) = ob.place(p);
            gasUsed += g - gasleft();
        }
    }

    function _takeGas(address who, uint256 size) internal returns (uint256 gasUsed, uint256 filled) {
        IOrderBookBase.PlaceParams memory p = _p(true, IOrderBookBase.OrderType.IOC, PRICE, size);
        vm.prank(who);
        uint256 g = gasleft();
        (, filled) = ob.place(p);
        gasUsed = g - gasleft();
    }

    /// @dev The lot is the minimum: nothing smaller can rest.
    function test_orderBelowOneLot_reverts() public {
        vm.prank(bob);
        vm.expectPartialRevert(IClearingHouseBase.InvalidSize.selector);
        ob.place(_p(false, IOrderBookBase.OrderType.Limit, PRICE, 5));
    }

    /// @dev Live dust: the griefer pays more per order than the taker pays to fill it, and the
    ///      taker's cost per maker is bounded.
    function test_liveDust_griefPaysMoreThanTaker() public {
        (uint256 placeGas, ) = _placeDust(bob, N);
        (uint256 takeGas, uint256 filled) = _takeGas(carol, N * 10);
        assertEq(filled, N * 10);
        console.log("dust: griefer gas per 1-lot order", placeGas / N);
        console.log("dust: taker gas per 1-lot maker filled", takeGas / N);
        assertLt(takeGas / N, placeGas / N);
        assertLt(takeGas / N, 60_000);
    }

    /// @dev Orders killed in O(1) by `cancelAll` stay in the book until swept: the taker pays per
    ///      dead order, less than the griefer paid to place it, and only once.
    function test_ordersKilledByCancelAll_sweptOnceCheaply() public {
        (uint256 placeGas, ) = _placeDust(bob, N);
        vm.prank(bob);
        ob.cancelAll(m1);
        _limit(alice, false, PRICE, 10); // a live order behind the dead ones
        (uint256 takeGas, uint256 filled) = _takeGas(carol, 10);
        assertEq(filled, 10);
        console.log("cancelAll: griefer gas per dead order", placeGas / N);
        console.log("cancelAll: taker gas per dead order swept", takeGas / (N + 1));
        assertLt(takeGas / (N + 1), placeGas / N);
        (, uint256 ask) = ob.bestPrices(m1);
        assertEq(ask, 0, "the sweep removed every dead order");
    }

    /// @dev Guards finding F-3 (`_matchLevel` stops at the level's last live order). Without it a
    ///      taker whose order outlives a level reads every cancelled slot behind the last live
    ///      order (a cold SLOAD each): 100 cancelled slots cost it ~220k gas.
    function test_cancelledSlotsBehindLastOrder_costTakerNothing() public {
        uint256 snap = vm.snapshotState();
        _limit(alice, false, PRICE, 10);
        (uint256 baseline, ) = _takeGas(carol, 20);
        vm.revertToState(snap);

        _limit(alice, false, PRICE, 10);
        (, uint256[] memory ids) = _placeDust(bob, 100);
        for (uint256 i = ids.length; i > 0; --i) {
            vm.prank(bob);
            ob.cancel(ids[i - 1]);
        }
        (uint256 griefed, uint256 filled) = _takeGas(carol, 20);
        assertEq(filled, 10);
        console.log("cancelled slots: taker gas, clean level", baseline);
        console.log("cancelled slots: taker gas, 100 cancelled behind", griefed);
        assertLe(griefed, baseline + 5_000);
    }
}
