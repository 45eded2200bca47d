// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice A market's `MarketRules` slot read as one word: the order path decodes the few fields
///         it needs with shifts instead of copying the struct to memory (~250 gas a copy).
/// @dev Bit layout (low to high), Solidity's packing of `ClearingHouseStorage.MarketRules` (its
///      first field in the lowest bits): tradingStart [0,32) · windowStart [32,64) · windowEnd
///      [64,96) · imBps [96,112) · mmBps [112,128) · makerFeeBps [128,144) · takerFeeBps
///      [144,160) · maxPosition [160,224) · bandBps [224,240) · mode [240,248) · stage [248,256).
///      A struct change must change these offsets: test/solidity/types/MarketWords.t.sol checks
///      them against the struct.
type RulesWord is uint256;

using MarketWordsLib for RulesWord global;

/// @notice Field reads of `RulesWord`.
library MarketWordsLib {
    uint256 private constant MASK_16 = 0xffff;
    uint256 private constant MASK_32 = 0xffffffff;
    uint256 private constant MASK_64 = 0xffffffffffffffff;

    /// @notice When trading opens.
    function tradingStart(RulesWord w) internal pure returns (uint256) {
        return RulesWord.unwrap(w) & MASK_32;
    }

    /// @notice Start of the averaging window.
    function windowStart(RulesWord w) internal pure returns (uint256) {
        return (RulesWord.unwrap(w) >> 32) & MASK_32;
    }

    /// @notice End of the averaging window (0: no such market).
    function windowEnd(RulesWord w) internal pure returns (uint256) {
        return (RulesWord.unwrap(w) >> 64) & MASK_32;
    }

    /// @notice Initial margin, basis points.
    function imBps(RulesWord w) internal pure returns (uint256) {
        return (RulesWord.unwrap(w) >> 96) & MASK_16;
    }

    /// @notice Maintenance margin, basis points.
    function mmBps(RulesWord w) internal pure returns (uint256) {
        return (RulesWord.unwrap(w) >> 112) & MASK_16;
    }

    /// @notice Maker fee, basis points.
    function makerFeeBps(RulesWord w) internal pure returns (uint256) {
        return (RulesWord.unwrap(w) >> 128) & MASK_16;
    }

    /// @notice Taker fee, basis points.
    function takerFeeBps(RulesWord w) internal pure returns (uint256) {
        return (RulesWord.unwrap(w) >> 144) & MASK_16;
    }

    /// @notice Largest |size| (worst side with resting orders) of one account.
    function maxPosition(RulesWord w) internal pure returns (uint256) {
        return (RulesWord.unwrap(w) >> 160) & MASK_64;
    }

    /// @notice Price band, basis points.
    function bandBps(RulesWord w) internal pure returns (uint256) {
        return (RulesWord.unwrap(w) >> 224) & MASK_16;
    }

    /// @notice The market's mode (`IClearingHouseBase.Mode` as its index).
    function mode(RulesWord w) internal pure returns (uint256) {
        return (RulesWord.unwrap(w) >> 240) & 0xff;
    }

    /// @notice The settlement stage (`IClearingHouseBase.Stage` as its index).
    function stage(RulesWord w) internal pure returns (uint256) {
        return RulesWord.unwrap(w) >> 248;
    }
}
