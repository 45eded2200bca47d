// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice The order book's header of one market, packed in ONE storage slot: what every order
///         reads first (tick and lot to validate it, the best opposite tick to know whether it
///         crosses, the index's number to price it) and the roots of the two sides' tick bitmaps.
/// @dev Bit layout (low to high):
///      [  0,  48) tickSize  uint48  quote units per GPU-hour of one tick (below 2^42: market
///                                   creation keeps tickSize × MAX_TICKS below 2^64)
///      [ 48,  64) indexNumber uint16 the market's index as the oracle numbers it
///                                   (`IIndexOracle.indexNumber`): orders read the index by it
///      [ 64, 128) bidRoot   uint64  `TickBitmapLib` root of the bids
///      [128, 192) askRoot   uint64  `TickBitmapLib` root of the asks
///      [192, 214) bestBid   uint22  highest bid tick (0: no bid)
///      [214, 236) bestAsk   uint22  lowest ask tick (0: no ask)
///      [236, 256) lotSize   uint20  GPU-hours of one lot (copied from the market, below 2^20)
///      Written once by market creation (tick, index, lot), then by orders that change a best tick
///      or a root. A market that does not exist has a zero header.
type BookHeader is uint256;

using BookHeaderLib for BookHeader global;

/// @notice Encode/decode of `BookHeader`.
library BookHeaderLib {
    uint256 private constant MASK_64 = (1 << 64) - 1;
    uint256 private constant MASK_48 = (1 << 48) - 1;
    uint256 private constant MASK_22 = (1 << 22) - 1;

    /// @notice A new market's header: its tick, index number and lot, empty sides.
    function create(uint256 tickSize_, uint256 indexNumber_, uint256 lotSize_) internal pure returns (BookHeader) {
        return BookHeader.wrap(tickSize_ | (indexNumber_ << 48) | (lotSize_ << 236));
    }

    /// @notice Quote units per GPU-hour of one tick (0: no such market).
    function tickSize(BookHeader h) internal pure returns (uint256) {
        return BookHeader.unwrap(h) & MASK_48;
    }

    /// @notice The market's index as the oracle numbers it.
    function indexNumber(BookHeader h) internal pure returns (uint256) {
        return (BookHeader.unwrap(h) >> 48) & 0xffff;
    }

    /// @notice GPU-hours of one lot.
    function lotSize(BookHeader h) internal pure returns (uint256) {
        return BookHeader.unwrap(h) >> 236;
    }

    /// @notice The best tick of one side (0: the side is empty).
    function best(BookHeader h, bool isBid) internal pure returns (uint256) {
        return (BookHeader.unwrap(h) >> (isBid ? 192 : 214)) & MASK_22;
    }

    /// @notice The same header with `tick` as one side's best.
    function withBest(BookHeader h, bool isBid, uint256 tick) internal pure returns (BookHeader) {
        uint256 shift = isBid ? 192 : 214;
        return BookHeader.wrap((BookHeader.unwrap(h) & ~(MASK_22 << shift)) | (tick << shift));
    }

    /// @notice The bitmap root of one side.
    function root(BookHeader h, bool isBid) internal pure returns (uint256) {
        return (BookHeader.unwrap(h) >> (isBid ? 64 : 128)) & MASK_64;
    }

    /// @notice The same header with a new bitmap root for one side.
    function withRoot(BookHeader h, bool isBid, uint256 root_) internal pure returns (BookHeader) {
        uint256 shift = isBid ? 64 : 128;
        return BookHeader.wrap((BookHeader.unwrap(h) & ~(MASK_64 << shift)) | (root_ << shift));
    }
}
