// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice One account's position in one market, packed in ONE storage slot.
/// @dev Bit layout (low to high):
///      [  0,  64) size          int64   signed GPU-hours (long > 0)
///      [ 64, 160) openNotional  int96   signed quote units paid to open (size × entry price)
///      [160, 200) bidSize       uint40  GPU-hours resting in the account's bids in the book
///      [200, 240) askSize       uint40  GPU-hours resting in the account's asks in the book
///      [240, 255) orderEpoch    uint15  bumped by cancel-all: resting orders stamped with an
///                                       older epoch are dead (skipped and deleted by the book)
///      [255, 256) covered       bool    the account has capacity collateral posted for this
///                                       market (`ClearingHouseStorage._covers`): the margin
///                                       check reads it only then, so uncovered accounts pay
///                                       no extra storage read
///      Ranges are guaranteed by market creation: |size| ≤ maxPosition ≤ 2^38 and
///      maxPosition × maxPrice < 2^94, so openNotional always fits; each side's resting size is
///      bounded by maxPosition + |size| ≤ 2^39 (the worst-side check).
///      A position is *flat* when everything but the epoch is zero: the market then leaves the
///      account's list, but the slot keeps the epoch (and the covered flag) so dead orders stay
///      dead.
type Position is uint256;

using PositionLib for Position global;

/// @notice Encode/decode of `Position`.
library PositionLib {
    uint256 private constant MASK_64 = (1 << 64) - 1;
    uint256 private constant MASK_96 = (1 << 96) - 1;
    uint256 private constant MASK_40 = (1 << 40) - 1;
    uint256 private constant MASK_240 = (1 << 240) - 1;
    uint256 private constant COVERED_BIT = 1 << 255;

    /// @notice Largest order epoch (15 bits: the top bit of the slot is the covered flag).
    uint256 internal constant MAX_EPOCH = (1 << 15) - 1;

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
        return (Position.unwrap(p) >> 160) & MASK_40;
    }

    /// @notice GPU-hours resting in asks.
    function askSize(Position p) internal pure returns (uint256) {
        return (Position.unwrap(p) >> 200) & MASK_40;
    }

    /// @notice The account's current order epoch in this market.
    function orderEpoch(Position p) internal pure returns (uint256) {
        return (Position.unwrap(p) >> 240) & MAX_EPOCH;
    }

    /// @notice Whether the account has capacity collateral posted for this market.
    function isCovered(Position p) internal pure returns (bool) {
        return Position.unwrap(p) & COVERED_BIT != 0;
    }

    /// @notice The same position with the covered flag set or cleared.
    function withCovered(Position p, bool covered) internal pure returns (Position) {
        uint256 raw = Position.unwrap(p) & ~COVERED_BIT;
        return Position.wrap(covered ? raw | COVERED_BIT : raw);
    }

    /// @notice Whether there is no position and no resting order (the epoch aside).
    function isFlat(Position p) internal pure returns (bool) {
        return Position.unwrap(p) & MASK_240 == 0;
    }

    /// @notice Packs size and open notional, keeping `p`'s resting sizes and epoch.
    /// @dev Warning: callers guarantee the ranges in the layout above; the casts truncate otherwise.
    function withTrade(Position p, int256 size_, int256 openNotional_) internal pure returns (Position) {
        return
            Position.wrap(
                (Position.unwrap(p) & ~uint256((1 << 160) - 1)) |
                    (uint256(size_) & MASK_64) |
                    ((uint256(openNotional_) & MASK_96) << 64)
            );
    }

    /// @notice The same position with new resting sizes.
    function withOrders(Position p, uint256 bid, uint256 ask) internal pure returns (Position) {
        return
            Position.wrap(
                (Position.unwrap(p) & ~(uint256((1 << 80) - 1) << 160)) |
                    ((bid & MASK_40) << 160) |
                    ((ask & MASK_40) << 200)
            );
    }

    /// @notice The same position with a new epoch (≤ `MAX_EPOCH`), keeping the covered flag.
    function withEpoch(Position p, uint256 epoch) internal pure returns (Position) {
        return Position.wrap((Position.unwrap(p) & (MASK_240 | COVERED_BIT)) | (epoch << 240));
    }

    /// @notice Packs all fields.
    function pack(
        int256 size_,
        int256 openNotional_,
        uint256 bid,
        uint256 ask,
        uint256 epoch
    ) internal pure returns (Position) {
        return
            Position.wrap(
                (uint256(size_) & MASK_64) |
                    ((uint256(openNotional_) & MASK_96) << 64) |
                    ((bid & MASK_40) << 160) |
                    ((ask & MASK_40) << 200) |
                    (epoch << 240)
            );
    }
}
