// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title TickBitmapLib
/// @notice A three-level bitmap of the active ticks of one side of one market's book, so the
///         best price, and the next price after a level, are found with at most three word reads
///         whatever the number of empty ticks between (Uniswap v3's TickBitmap answers within
///         one word only; the two summary levels make the search constant across words).
/// @dev Ticks are 22-bit (0 < tick < 2^22). Level 1: word `tick >> 8`, bit `tick & 255` (one bit
///      per tick, 16,384 words). Level 2: word `tick >> 16`, bit `(tick >> 8) & 255` (one bit per
///      non-empty level-1 word, 64 words). Root: 64 bits, bit `tick >> 16` (one per non-empty
///      level-2 word); the caller keeps it (in the book's per-market header slot).
///      Words live in `words[base | LEVEL << 21 | index]`; `base` names market and side and has
///      its low 23 bits clear.
library TickBitmapLib {
    uint256 private constant L1 = 1 << 21;
    uint256 private constant L2 = 2 << 21;

    /// @notice The `base` of one market's side for the functions below: the market id above the
    ///         24 bits of level and word index, the side in bit 23 (1 = bids).
    function baseOf(uint256 marketId, bool isBid) internal pure returns (uint256) {
        return (marketId << 24) | (isBid ? uint256(1) << 23 : 0);
    }

    /// @notice Marks `tick` active; returns the new root.
    function set(
        mapping(uint256 => uint256) storage words,
        uint256 base,
        uint256 root,
        uint256 tick
    ) internal returns (uint256) {
        uint256 k1 = base | L1 | (tick >> 8);
        uint256 w1 = words[k1];
        if (w1 == 0) {
            uint256 k2 = base | L2 | (tick >> 16);
            uint256 w2 = words[k2];
            if (w2 == 0) root |= 1 << (tick >> 16);
            words[k2] = w2 | (1 << ((tick >> 8) & 0xff));
        }
        words[k1] = w1 | (1 << (tick & 0xff));
        return root;
    }

    /// @notice Marks `tick` inactive; returns the new root.
    function clear(
        mapping(uint256 => uint256) storage words,
        uint256 base,
        uint256 root,
        uint256 tick
    ) internal returns (uint256) {
        uint256 k1 = base | L1 | (tick >> 8);
        uint256 w1 = words[k1] & ~(1 << (tick & 0xff));
        words[k1] = w1;
        if (w1 == 0) {
            uint256 k2 = base | L2 | (tick >> 16);
            uint256 w2 = words[k2] & ~(1 << ((tick >> 8) & 0xff));
            words[k2] = w2;
            if (w2 == 0) root &= ~(1 << (tick >> 16));
        }
        return root;
    }

    /// @notice Whether `tick` is active.
    function isSet(mapping(uint256 => uint256) storage words, uint256 base, uint256 tick) internal view returns (bool) {
        return (words[base | L1 | (tick >> 8)] >> (tick & 0xff)) & 1 == 1;
    }

    /// @notice The lowest active tick (best ask).
    function lowest(
        mapping(uint256 => uint256) storage words,
        uint256 base,
        uint256 root
    ) internal view returns (uint256 tick, bool found) {
        if (root == 0) return (0, false);
        uint256 i2 = lsb(root);
        uint256 i1 = (i2 << 8) | lsb(words[base | L2 | i2]);
        return ((i1 << 8) | lsb(words[base | L1 | i1]), true);
    }

    /// @notice The highest active tick (best bid).
    function highest(
        mapping(uint256 => uint256) storage words,
        uint256 base,
        uint256 root
    ) internal view returns (uint256 tick, bool found) {
        if (root == 0) return (0, false);
        uint256 i2 = Math.log2(root);
        uint256 i1 = (i2 << 8) | Math.log2(words[base | L2 | i2]);
        return ((i1 << 8) | Math.log2(words[base | L1 | i1]), true);
    }

    /// @notice The lowest active tick strictly above `tick`.
    function nextAbove(
        mapping(uint256 => uint256) storage words,
        uint256 base,
        uint256 root,
        uint256 tick
    ) internal view returns (uint256 next, bool found) {
        uint256 i1 = tick >> 8;
        uint256 m = words[base | L1 | i1] & above(tick & 0xff);
        if (m != 0) return ((i1 << 8) | lsb(m), true);
        uint256 i2 = tick >> 16;
        m = words[base | L2 | i2] & above(i1 & 0xff);
        if (m == 0) {
            m = root & above(i2);
            if (m == 0) return (0, false);
            i2 = lsb(m);
            m = words[base | L2 | i2];
        }
        i1 = (i2 << 8) | lsb(m);
        return ((i1 << 8) | lsb(words[base | L1 | i1]), true);
    }

    /// @notice The highest active tick strictly below `tick`.
    function nextBelow(
        mapping(uint256 => uint256) storage words,
        uint256 base,
        uint256 root,
        uint256 tick
    ) internal view returns (uint256 next, bool found) {
        uint256 i1 = tick >> 8;
        uint256 m = words[base | L1 | i1] & below(tick & 0xff);
        if (m != 0) return ((i1 << 8) | Math.log2(m), true);
        uint256 i2 = tick >> 16;
        m = words[base | L2 | i2] & below(i1 & 0xff);
        if (m == 0) {
            m = root & below(i2);
            if (m == 0) return (0, false);
            i2 = Math.log2(m);
            m = words[base | L2 | i2];
        }
        i1 = (i2 << 8) | Math.log2(m);
        return ((i1 << 8) | Math.log2(words[base | L1 | i1]), true);
    }

    /// @notice Index of the lowest set bit of `x` (x ≠ 0).
    function lsb(uint256 x) internal pure returns (uint256) {
        unchecked {
            // x & -x isolates the lowest set bit; two's-complement negation wraps by design.
            return Math.log2(x & (~x + 1));
        }
    }

    /// @notice Mask of the bits strictly above bit `b` (b < 256).
    function above(uint256 b) internal pure returns (uint256) {
        return b == 255 ? 0 : ~((uint256(2) << b) - 1);
    }

    /// @notice Mask of the bits strictly below bit `b` (b < 256).
    function below(uint256 b) internal pure returns (uint256) {
        return (uint256(1) << b) - 1;
    }
}
