// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice One recorded round of an index, packed in one storage slot.
/// @dev Layout, from the least significant bit:
///      [0, 32)    timestamp   uint32  the round's fixing time (seconds)
///      [32, 96)   price       uint64  the median price, in index decimals
///      [96, 208)  cumulative  uint112 Σ price × seconds up to `timestamp`, wrapping at 2^112
///      [208, 240) roundId     uint32  1 for the first round; 0 marks a pre-filled, unused slot
///      [240, 256) ringIndex   uint16  only in the index's latest-round slot: where it sits in the ring
///      A wrapping accumulator is exact for any window whose true sum is below 2^112: with
///      prices below 2^64 that is any window shorter than 2^48 seconds (8.9 million years).
type IndexRound is uint256;

using IndexRoundLib for IndexRound global;

/// @title IndexRoundLib
/// @notice Encoding and decoding of `IndexRound`, and the accumulator's step.
library IndexRoundLib {
    uint256 private constant MASK_32 = 0xffffffff;
    uint256 private constant MASK_64 = 0xffffffffffffffff;
    uint256 private constant MASK_112 = 0xffffffffffffffffffffffffffff;
    uint256 private constant MASK_16 = 0xffff;

    /// @notice A pre-filled ring slot: non-zero, so the first real write costs 2,900 gas instead
    ///         of 20,000, and with `roundId` zero, so it reads as unused.
    IndexRound internal constant PLACEHOLDER = IndexRound.wrap(1);

    function pack(
        uint32 timestamp_,
        uint64 price_,
        uint112 cumulative_,
        uint32 roundId_,
        uint16 ringIndex_
    ) internal pure returns (IndexRound) {
        return
            IndexRound.wrap(
                uint256(timestamp_) |
                    (uint256(price_) << 32) |
                    (uint256(cumulative_) << 96) |
                    (uint256(roundId_) << 208) |
                    (uint256(ringIndex_) << 240)
            );
    }

    function timestamp(IndexRound round) internal pure returns (uint32) {
        return uint32(IndexRound.unwrap(round) & MASK_32);
    }

    function price(IndexRound round) internal pure returns (uint64) {
        return uint64((IndexRound.unwrap(round) >> 32) & MASK_64);
    }

    function cumulative(IndexRound round) internal pure returns (uint112) {
        return uint112((IndexRound.unwrap(round) >> 96) & MASK_112);
    }

    function roundId(IndexRound round) internal pure returns (uint32) {
        return uint32((IndexRound.unwrap(round) >> 208) & MASK_32);
    }

    function ringIndex(IndexRound round) internal pure returns (uint16) {
        return uint16((IndexRound.unwrap(round) >> 240) & MASK_16);
    }

    /// @notice Whether the slot holds a recorded round (not empty, not a placeholder).
    function exists(IndexRound round) internal pure returns (bool) {
        return roundId(round) != 0;
    }

    /// @notice The accumulator at `time` >= the round's timestamp, carrying its price forward.
    /// @dev Wraps at 2^112 on purpose (see the layout note); differences stay exact.
    function cumulativeAt(IndexRound round, uint256 time) internal pure returns (uint112) {
        unchecked {
            return uint112(uint256(cumulative(round)) + uint256(price(round)) * (time - timestamp(round)));
        }
    }

    /// @notice The same round stripped of its ring position, as stored in the ring itself.
    function withoutRingIndex(IndexRound round) internal pure returns (IndexRound) {
        return IndexRound.wrap(IndexRound.unwrap(round) & ~(MASK_16 << 240));
    }
}
