// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice One price level of one side of a book: a FIFO queue of order slots, 64 bits; four
///         consecutive ticks of a side share one storage slot (`LevelLib.key`).
/// @dev Bit layout (low to high) of a level:
///      [ 0, 24) head   uint24  queue index of the next order to match
///      [24, 48) tail   uint24  queue index the next resting order takes
///      [48, 64) count  uint16  live orders in [head, tail) (cancelled ones are uncounted)
///      An order's id holds its market, side, tick and queue index (`OrderLib.id`), so a level
///      stores no order ids. Bounds: 2^24 orders over a level's life, 65,535 live at once.
type Level is uint256;

using LevelLib for Level global;

/// @notice Encode/decode of `Level` and of the slot four levels share.
library LevelLib {
    uint256 private constant MASK_24 = (1 << 24) - 1;
    uint256 private constant MASK_64 = (1 << 64) - 1;

    /// @notice Largest queue index (`tail` at it: the level takes no more orders).
    uint256 internal constant MAX_INDEX = MASK_24;
    /// @notice Most live orders at one level.
    uint256 internal constant MAX_COUNT = 0xffff;

    /// @notice The storage key of the slot holding the level of `tick` (and its three neighbours).
    function key(uint256 marketId, bool isBid, uint256 tick) internal pure returns (uint256) {
        return (marketId << 24) | (isBid ? uint256(1) << 23 : 0) | (tick >> 2);
    }

    /// @notice The level of `tick` in its slot's `word`.
    function read(uint256 word, uint256 tick) internal pure returns (Level) {
        return Level.wrap((word >> ((tick & 3) * 64)) & MASK_64);
    }

    /// @notice `word` with the level of `tick` replaced by `lv`.
    function write(uint256 word, uint256 tick, Level lv) internal pure returns (uint256) {
        uint256 shift = (tick & 3) * 64;
        return (word & ~(MASK_64 << shift)) | (Level.unwrap(lv) << shift);
    }

    /// @notice Packs a level.
    function pack(uint256 head_, uint256 tail_, uint256 count_) internal pure returns (Level) {
        return Level.wrap(head_ | (tail_ << 24) | (count_ << 48));
    }

    /// @notice Queue index of the next order to match.
    function head(Level lv) internal pure returns (uint256) {
        return Level.unwrap(lv) & MASK_24;
    }

    /// @notice Queue index the next resting order takes.
    function tail(Level lv) internal pure returns (uint256) {
        return (Level.unwrap(lv) >> 24) & MASK_24;
    }

    /// @notice Live orders at the level.
    function count(Level lv) internal pure returns (uint256) {
        return Level.unwrap(lv) >> 48;
    }
}
