// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BaseTest} from "../utils/BaseTest.sol";
import {TickBitmapLib} from "../../../contracts/libraries/TickBitmapLib.sol";

/// @notice TickBitmapLib against a plain array of flags: set/clear sequences, then lowest,
///         highest, next above and next below from random ticks.
contract TickBitmapLibTest is BaseTest {
    using TickBitmapLib for mapping(uint256 => uint256);

    uint256 internal constant BASE = (7 << 24) | (1 << 23);
    mapping(uint256 => uint256) internal words;
    uint256 internal root;
    uint256[] internal active; // reference: sorted set of ticks

    function _set(uint256 tick) internal {
        for (uint256 i; i < active.length; ++i) if (active[i] == tick) return;
        root = words.set(BASE, root, tick);
        active.push(tick);
    }

    function _clear(uint256 tick) internal {
        for (uint256 i; i < active.length; ++i) {
            if (active[i] != tick) continue;
            root = words.clear(BASE, root, tick);
            active[i] = active[active.length - 1];
            active.pop();
            return;
        }
    }

    function test_set_clear_roundTrip() public {
        _set(1);
        _set(300);
        _set(70_000);
        _set((1 << 22) - 1);
        (uint256 lo, bool f1) = words.lowest(BASE, root);
        (uint256 hi, bool f2) = words.highest(BASE, root);
        assertTrue(f1 && f2);
        assertEq(lo, 1);
        assertEq(hi, (1 << 22) - 1);
        (uint256 n, ) = words.nextAbove(BASE, root, 300);
        assertEq(n, 70_000);
        (n, ) = words.nextBelow(BASE, root, 70_000);
        assertEq(n, 300);
        _clear(1);
        _clear(300);
        _clear(70_000);
        _clear((1 << 22) - 1);
        assertEq(root, 0);
        (, bool found) = words.lowest(BASE, root);
        assertFalse(found);
    }

    function testFuzz_bitmap_matchesReference(uint256 seed) public {
        for (uint256 step; step < 40; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            // cluster half the ticks to exercise shared words, spread the rest
            uint256 tick = r % 2 == 0 ? 1 + ((r >> 8) % 600) : 1 + ((r >> 8) % ((1 << 22) - 1));
            if ((r >> 40) % 3 == 0 && active.length != 0) _clear(active[(r >> 48) % active.length]);
            else _set(tick);
            uint256 probe = (r >> 96) % (1 << 22);
            _check(probe);
        }
    }

    function _check(uint256 probe) internal view {
        uint256 lo = type(uint256).max;
        uint256 hi;
        uint256 above = type(uint256).max;
        uint256 below;
        bool hasBelow;
        for (uint256 i; i < active.length; ++i) {
            uint256 t = active[i];
            if (t < lo) lo = t;
            if (t > hi) hi = t;
            if (t > probe && t < above) above = t;
            if (t < probe && (!hasBelow || t > below)) {
                below = t;
                hasBelow = true;
            }
        }
        (uint256 l, bool fl) = words.lowest(BASE, root);
        (uint256 h, bool fh) = words.highest(BASE, root);
        assertEq(fl, active.length != 0);
        assertEq(fh, active.length != 0);
        if (fl) {
            assertEq(l, lo);
            assertEq(h, hi);
        }
        (uint256 a, bool fa) = words.nextAbove(BASE, root, probe);
        assertEq(fa, above != type(uint256).max);
        if (fa) assertEq(a, above);
        (uint256 b, bool fb) = words.nextBelow(BASE, root, probe);
        assertEq(fb, hasBelow);
        if (fb) assertEq(b, below);
    }
}
