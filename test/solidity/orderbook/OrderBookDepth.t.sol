// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {OrderBookFixture} from "../utils/OrderBookFixture.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice `depthOf`: levels best first with the live size and order count, leaving out filled,
///         cancelled, expired and cancel-all'd orders; and, on random books, equal to the levels
///         rebuilt from the `OrderPlaced` events and each order read back.
contract OrderBookDepthTest is OrderBookFixture {
    uint256 internal constant P = 2_000_000;
    address[4] internal traders;

    function setUp() public {
        _deployBook();
        traders = [alice, bob, carol, dave];
    }

    function test_depthOf_emptySide() public view {
        assertEq(ob.depthOf(m1, true, 10).length, 0);
        assertEq(ob.depthOf(m1, false, 10).length, 0);
        assertEq(ob.depthOf(999, false, 10).length, 0); // a market the book never saw
    }

    function test_depthOf_levelsBestFirstWithSizeAndCount() public {
        _limit(alice, true, P - 2_000, 100);
        _limit(bob, true, P - 1_000, 30);
        _limit(carol, true, P - 1_000, 20);
        _limit(alice, true, P - 1_000, 10);
        _limit(bob, false, P + 1_000, 40);
        _limit(carol, false, P + 3_000, 50);
        IOrderBookBase.DepthLevel[] memory bids = ob.depthOf(m1, true, 10);
        assertEq(bids.length, 2);
        _assertLevel(bids[0], P - 1_000, 60, 3);
        _assertLevel(bids[1], P - 2_000, 100, 1);
        IOrderBookBase.DepthLevel[] memory asks = ob.depthOf(m1, false, 10);
        assertEq(asks.length, 2);
        _assertLevel(asks[0], P + 1_000, 40, 1);
        _assertLevel(asks[1], P + 3_000, 50, 1);
        // maxLevels cuts from the far end; 0 gives none.
        bids = ob.depthOf(m1, true, 1);
        assertEq(bids.length, 1);
        _assertLevel(bids[0], P - 1_000, 60, 3);
        assertEq(ob.depthOf(m1, true, 0).length, 0);
    }

    function test_depthOf_showsRemainingAfterFillsAndCancels() public {
        uint256 first = _limit(alice, false, P, 100);
        _limit(bob, false, P, 100);
        uint256 third = _limit(carol, false, P, 100);
        _limit(bob, false, P + 1_000, 100);
        assertEq(_take(dave, true, IOrderBookBase.OrderType.IOC, P, 150), 150); // alice filled, bob half
        vm.prank(carol);
        ob.cancel(third);
        IOrderBookBase.DepthLevel[] memory asks = ob.depthOf(m1, false, 10);
        assertEq(asks.length, 2);
        _assertLevel(asks[0], P, 50, 1);
        _assertLevel(asks[1], P + 1_000, 100, 1);
        vm.expectRevert(abi.encodeWithSelector(IOrderBookBase.UnknownOrder.selector, first));
        ob.orderOf(first);
    }

    function test_depthOf_leavesOutExpiredOrders() public {
        IOrderBookBase.PlaceParams memory gtt = _p(false, IOrderBookBase.OrderType.Limit, P, 100);
        gtt.expiry = block.timestamp + 1 hours;
        vm.prank(alice);
        ob.place(gtt);
        _limit(bob, false, P, 30);
        gtt.price = P + 1_000;
        vm.prank(carol);
        ob.place(gtt);
        _limit(bob, false, P + 2_000, 10);
        _assertLevel(ob.depthOf(m1, false, 10)[0], P, 130, 2);
        vm.warp(block.timestamp + 1 hours);
        // Still in storage (no taker came), no longer live: the P + 1,000 level is skipped.
        IOrderBookBase.DepthLevel[] memory asks = ob.depthOf(m1, false, 2);
        assertEq(asks.length, 2);
        _assertLevel(asks[0], P, 30, 1);
        _assertLevel(asks[1], P + 2_000, 10, 1);
    }

    function test_depthOf_leavesOutOrdersKilledByCancelAll() public {
        _limit(alice, true, P, 100);
        _limit(alice, true, P - 1_000, 100);
        _limit(bob, true, P - 1_000, 20);
        _limit(carol, true, P - 3_000, 10);
        vm.prank(alice);
        ob.cancelAll(m1);
        (uint256 bestBid, ) = ob.bestPrices(m1);
        assertEq(bestBid, P); // the dead level still heads the bitmap
        _limit(alice, true, P - 3_000, 30); // alice's new epoch: live
        IOrderBookBase.DepthLevel[] memory bids = ob.depthOf(m1, true, 2);
        assertEq(bids.length, 2);
        _assertLevel(bids[0], P - 1_000, 20, 1);
        _assertLevel(bids[1], P - 3_000, 40, 2);
    }

    /// @dev Random books (limit orders, IOC takes, cancels, cancel-alls), then each side's depth
    ///      against the levels rebuilt from `OrderPlaced` events, each order read back with
    ///      `orderOf` and kept when its epoch is its owner's; and against the reserved sizes.
    function testFuzz_depthOf_matchesEventsAndState(uint256 seed) public {
        vm.recordLogs();
        for (uint256 step; step < 30; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            address who = traders[r % 4];
            bool isBid = (r >> 8) % 2 == 0;
            // Bids below, asks above the middle: takes come from IOCs only.
            uint256 tick = isBid ? 1_990 - ((r >> 16) % 12) : 2_010 + ((r >> 16) % 12);
            uint256 size = 10 * (1 + ((r >> 32) % 20));
            uint256 op = (r >> 48) % 12;
            if (op < 7) {
                _limit(who, isBid, tick * TICK, size);
            } else if (op < 10) {
                vm.prank(who);
                ob.place(
                    _p(isBid, IOrderBookBase.OrderType.IOC, (isBid ? 2_021 : 1_979) * TICK, 10 * (1 + ((r >> 80) % 10)))
                );
            } else if (op == 10) {
                vm.prank(who);
                ob.cancelAll(m1);
            } else {
                _cancelOne(r >> 64);
            }
        }
        _recordPlaced(vm.getRecordedLogs());
        for (uint256 side; side < 2; ++side) {
            bool isBid = side == 0;
            IOrderBookBase.DepthLevel[] memory levels = ob.depthOf(m1, isBid, 100);
            (uint256[] memory prices, uint256[] memory sizes, uint256[] memory counts) = _rebuild(isBid);
            assertEq(levels.length, prices.length, "level count");
            uint256 total;
            for (uint256 i; i < levels.length; ++i) {
                _assertLevel(levels[i], prices[i], sizes[i], counts[i]);
                if (i > 0)
                    assertTrue(isBid ? levels[i].price < levels[i - 1].price : levels[i].price > levels[i - 1].price);
                total += levels[i].size;
            }
            uint256 reserved;
            for (uint256 i; i < 4; ++i) {
                (, , uint256 bidSize, uint256 askSize) = ch.positionOf(traders[i], m1);
                reserved += isBid ? bidSize : askSize;
            }
            assertEq(total, reserved, "depth equals the reserved sizes");
        }
    }

    uint256[] internal placed;

    function _recordPlaced(Vm.Log[] memory logs) internal {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(ob) && logs[i].topics[0] == IOrderBookBase.OrderPlaced.selector) {
                placed.push(uint256(logs[i].topics[1]));
            }
        }
    }

    /// @dev The reference: live orders of one side by price (best first), from events and reads.
    function _rebuild(
        bool isBid
    ) internal view returns (uint256[] memory prices, uint256[] memory sizes, uint256[] memory counts) {
        prices = new uint256[](placed.length);
        sizes = new uint256[](placed.length);
        counts = new uint256[](placed.length);
        uint256 n;
        for (uint256 i; i < placed.length; ++i) {
            IOrderBookBase.OrderView memory o;
            try ob.orderOf(placed[i]) returns (IOrderBookBase.OrderView memory v) {
                o = v;
            } catch {
                continue; // filled or cancelled
            }
            if (o.isBid != isBid || o.epoch != ch.rawPosition(o.owner, m1).orderEpoch()) continue;
            uint256 j;
            while (j < n && prices[j] != o.price) ++j;
            if (j == n) {
                // Insert keeping best first.
                while (j > 0 && (isBid ? prices[j - 1] < o.price : prices[j - 1] > o.price)) {
                    prices[j] = prices[j - 1];
                    sizes[j] = sizes[j - 1];
                    counts[j] = counts[j - 1];
                    --j;
                }
                prices[j] = o.price;
                sizes[j] = 0;
                counts[j] = 0;
                ++n;
            }
            sizes[j] += o.size;
            ++counts[j];
        }
        assembly ("memory-safe") {
            mstore(prices, n)
            mstore(sizes, n)
            mstore(counts, n)
        }
    }

    /// @dev Cancels a live order of `placed`, the first from index `pick` on, if any.
    function _cancelOne(uint256 pick) internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        _recordPlaced(logs);
        uint256 start = pick % (placed.length + 1);
        for (uint256 k; k < placed.length; ++k) {
            uint256 id = placed[(start + k) % placed.length];
            try ob.orderOf(id) returns (IOrderBookBase.OrderView memory v) {
                vm.prank(v.owner);
                ob.cancel(id);
                return;
            } catch {}
        }
    }

    function _assertLevel(
        IOrderBookBase.DepthLevel memory level,
        uint256 price,
        uint256 size,
        uint256 orders
    ) internal pure {
        assertEq(level.price, price, "level price");
        assertEq(level.size, size, "level size");
        assertEq(level.orders, orders, "level orders");
    }
}
