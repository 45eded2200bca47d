// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {OrderBookFixture} from "../utils/OrderBookFixture.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice Differential fuzz test: random sequences of limit orders, IOC takes and cancels by
///         four traders, against a reference book kept as a plain list matched by price, then
///         time. Fills, remaining sizes, positions and best prices must be equal after each step.
contract OrderBookReferenceTest is OrderBookFixture {
    struct RefOrder {
        uint256 id;
        address owner;
        bool isBid;
        uint256 tick;
        uint256 size;
    }

    uint256 internal constant P_TICK = 2_000; // $2.000 at a 0.001 tick
    RefOrder[] internal ref; // in time order; size 0 = gone
    mapping(address => int256) internal refPosition;
    address[4] internal traders;

    function setUp() public {
        _deployBook();
        traders = [alice, bob, carol, dave];
    }

    function testFuzz_book_matchesReference(uint256 seed) public {
        for (uint256 step; step < 24; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            address who = traders[r % 4];
            bool isBid = (r >> 8) % 2 == 0;
            uint256 tick = P_TICK - 8 + ((r >> 16) % 17);
            uint256 size = 10 * (1 + ((r >> 32) % 20));
            uint256 op = (r >> 48) % 10;
            if (op < 5) _placeBoth(who, isBid, tick, size, IOrderBookBase.OrderType.Limit);
            else if (op < 8) _placeBoth(who, isBid, tick, size, IOrderBookBase.OrderType.IOC);
            else _cancelBoth(r >> 64);
            _compare();
        }
    }

    /// @dev Events rebuild the book exactly: replaying `OrderPlaced`, the clearing house's `Fill`
    ///      and `OrderCancelled` gives every order's remaining size, and nothing else is live.
    function testFuzz_events_rebuildTheBook(uint256 seed) public {
        vm.recordLogs();
        for (uint256 step; step < 24; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            address who = traders[r % 4];
            bool isBid = (r >> 8) % 2 == 0;
            uint256 tick = P_TICK - 8 + ((r >> 16) % 17);
            uint256 size = 10 * (1 + ((r >> 32) % 20));
            uint256 op = (r >> 48) % 10;
            if (op < 5) _placeBoth(who, isBid, tick, size, IOrderBookBase.OrderType.Limit);
            else if (op < 8) _placeBoth(who, isBid, tick, size, IOrderBookBase.OrderType.IOC);
            else _cancelBoth(r >> 64);
        }
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            bytes32 topic = logs[i].topics[0];
            if (logs[i].emitter == address(ob) && topic == IOrderBookBase.OrderPlaced.selector) {
                uint256 id = uint256(logs[i].topics[1]);
                (uint256 placedSize, , ) = abi.decode(logs[i].data, (uint256, uint256, bool));
                rebuilt[id] = placedSize;
                rebuiltIds.push(id);
            } else if (logs[i].emitter == address(ch) && topic == IClearingHouseBase.Fill.selector) {
                (uint256 filled, , ) = abi.decode(logs[i].data, (uint256, uint256, uint256));
                rebuilt[uint256(logs[i].topics[1])] -= filled;
            } else if (logs[i].emitter == address(ob) && topic == IOrderBookBase.OrderCancelled.selector) {
                rebuilt[uint256(logs[i].topics[2])] = 0;
            }
        }
        for (uint256 i; i < rebuiltIds.length; ++i) {
            uint256 id = rebuiltIds[i];
            if (rebuilt[id] == 0) {
                vm.expectRevert(abi.encodeWithSelector(IOrderBookBase.UnknownOrder.selector, id));
                ob.orderOf(id);
            } else {
                assertEq(ob.orderOf(id).size, rebuilt[id], "rebuilt size");
            }
        }
        for (uint256 i; i < ref.length; ++i) if (ref[i].size != 0) assertEq(rebuilt[ref[i].id], ref[i].size);
    }

    mapping(uint256 => uint256) internal rebuilt;
    uint256[] internal rebuiltIds;

    function _placeBoth(address who, bool isBid, uint256 tick, uint256 size, IOrderBookBase.OrderType kind) internal {
        uint256 expectedFill = _refMatch(who, isBid, tick, size);
        vm.prank(who);
        (uint256 id, uint256 filled) = ob.place(_p(isBid, kind, tick * TICK, size));
        assertEq(filled, expectedFill, "filled");
        uint256 rest = size - filled;
        if (kind == IOrderBookBase.OrderType.Limit && rest != 0) {
            ref.push(RefOrder(id, who, isBid, tick, rest));
        } else {
            assertEq(id, 0, "nothing rests");
        }
    }

    function _cancelBoth(uint256 pick) internal {
        uint256 live;
        for (uint256 i; i < ref.length; ++i) if (ref[i].size != 0) ++live;
        if (live == 0) return;
        uint256 k = pick % live;
        for (uint256 i; i < ref.length; ++i) {
            if (ref[i].size == 0) continue;
            if (k != 0) {
                --k;
                continue;
            }
            vm.prank(ref[i].owner);
            ob.cancel(ref[i].id);
            ref[i].size = 0;
            return;
        }
    }

    /// @dev Price-time matching over the plain list; a taker's own orders met on the way are
    ///      cancelled (self-trade prevention).
    function _refMatch(address taker, bool isBid, uint256 limit, uint256 size) internal returns (uint256 filled) {
        while (filled < size) {
            uint256 best = type(uint256).max;
            for (uint256 i; i < ref.length; ++i) {
                RefOrder storage o = ref[i];
                if (o.size == 0 || o.isBid == isBid) continue;
                if (isBid ? o.tick > limit : o.tick < limit) continue;
                if (best == type(uint256).max) best = i;
                else if (isBid ? o.tick < ref[best].tick : o.tick > ref[best].tick) best = i;
            }
            if (best == type(uint256).max) break;
            RefOrder storage b = ref[best];
            if (b.owner == taker) {
                b.size = 0;
                continue;
            }
            uint256 fill = b.size < size - filled ? b.size : size - filled;
            b.size -= fill;
            filled += fill;
            refPosition[taker] += isBid ? int256(fill) : -int256(fill);
            refPosition[b.owner] += isBid ? -int256(fill) : int256(fill);
        }
    }

    function _compare() internal view {
        uint256 bestBid;
        uint256 bestAsk;
        for (uint256 i; i < ref.length; ++i) {
            RefOrder storage o = ref[i];
            if (o.size == 0) continue;
            assertEq(ob.orderOf(o.id).size, o.size, "remaining size");
            if (o.isBid && o.tick > bestBid) bestBid = o.tick;
            if (!o.isBid && (bestAsk == 0 || o.tick < bestAsk)) bestAsk = o.tick;
        }
        (uint256 bid, uint256 ask) = ob.bestPrices(m1);
        assertEq(bid, bestBid * TICK, "best bid");
        assertEq(ask, bestAsk * TICK, "best ask");
        for (uint256 i; i < 4; ++i) assertEq(_size(traders[i], m1), refPosition[traders[i]], "position");
    }
}
