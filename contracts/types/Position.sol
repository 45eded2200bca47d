// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice One account's position in one market, packed in ONE storage slot.
/// @dev Bit layout (low to high):
///      [  0,  64) size          int64   signed GPU-hours (long > 0)
///      [ 64, 160) openNotional  int96   signed quote units paid to open (size × entry price)
///      [160, 208) bidSize       uint48  GPU-hours resting in the account's bids in the book
///      [208, 256) askSize       uint48  GPU-hours resting in the account's asks in the book
///      Ranges are guaranteed by market creation: |size| ≤ maxPosition < 2^40 and
///      maxPosition × maxPrice < 2^95, so openNotional always fits; resting sizes are bounded by
///      2 × maxPosition < 2^41.
type Position is uint256;

using PositionLib for Position global;

/// @notice Encode/decode of `Position`.
library PositionLib {
    uint256 private constant MASK_64 = (1 << 64) - 1;
    uint256 private constant MASK_96 = (1 << 96) - 1;
    uint256 private constant MASK_48 = (1 << 48) - 1;

    /// @notice The signed size in GPU-hours.
    function size(Position p) internal pure returns (int256) {
        return int64(uint64(Position.unwrap(p)));
    }

    /// @notice The signed open notional in quote units.
    function openNotional(Position p) internal pure returns (int256) {
        return int96(uint96(Position.unwrap(p) >> 64));
    }

    /// @notice GPU-hours resting in bids.
    function bidSize(Position p) internal pure returns (uint256) {
        return (Position.unwrap(p) >> 160) & MASK_48;
    }

    /// @notice GPU-hours resting in asks.
    function askSize(Position p) internal pure returns (uint256) {
        return Position.unwrap(p) >> 208;
    }

    /// @notice Whether the slot is empty (no position and no resting order).
    function isEmpty(Position p) internal pure returns (bool) {
        return Position.unwrap(p) == 0;
    }

    /// @notice Packs the four fields.
    /// @dev Warning: callers guarantee the ranges in the layout above; the casts truncate otherwise.
    function pack(int256 size_, int256 openNotional_, uint256 bid, uint256 ask) internal pure returns (Position) {
        return
            Position.wrap(
                (uint256(size_) & MASK_64) |
                    ((uint256(openNotional_) & MASK_96) << 64) |
                    ((bid & MASK_48) << 160) |
                    ((ask & MASK_48) << 208)
            );
    }

    /// @notice The same position with new resting sizes.
    function withOrders(Position p, uint256 bid, uint256 ask) internal pure returns (Position) {
        return Position.wrap((Position.unwrap(p) & ((1 << 160) - 1)) | ((bid & MASK_48) << 160) | (ask << 208));
    }
}
