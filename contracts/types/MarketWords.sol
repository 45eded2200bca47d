// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice A market's `MarketConfig` slot read as one word: the order path decodes the few
///         fields it needs with shifts instead of copying the struct to memory (~250 gas a copy).
/// @dev Bit layout (low to high), Solidity's packing of `IClearingHouseBase.MarketConfig` (its
///      first field in the lowest bits): tradingStart [0,32) · windowStart [32,64) · windowEnd
///      [64,96) · tickSize [96,160) · lotSize [160,192) · imBps [192,208) · mmBps [208,224) ·
///      makerFeeBps [224,240) · takerFeeBps [240,256). A struct change must change these
///      offsets: test/solidity/types/MarketWords.t.sol checks them against the struct.
type ConfigWord is uint256;

/// @notice A market's `MarketRisk` slot read as one word (see `ConfigWord`).
/// @dev Bit layout (low to high), Solidity's packing of `IClearingHouseBase.MarketRisk`: oiCap
///      [0,64) · maxPosition [64,128) · bandBps [128,144) · mode [144,152) · finalPrice [152,216)
///      · proposedAt [216,248) · stage [248,256).
type RiskWord is uint256;

using MarketWordsLib for ConfigWord global;
using MarketWordsLib for RiskWord global;

/// @notice Field reads of `ConfigWord` and `RiskWord`.
library MarketWordsLib {
    uint256 private constant MASK_16 = 0xffff;
    uint256 private constant MASK_32 = 0xffffffff;
    uint256 private constant MASK_64 = 0xffffffffffffffff;

    /// @notice When trading opens.
    function tradingStart(ConfigWord w) internal pure returns (uint256) {
        return ConfigWord.unwrap(w) & MASK_32;
    }

    /// @notice Start of the averaging window.
    function windowStart(ConfigWord w) internal pure returns (uint256) {
        return (ConfigWord.unwrap(w) >> 32) & MASK_32;
    }

    /// @notice End of the averaging window.
    function windowEnd(ConfigWord w) internal pure returns (uint256) {
        return (ConfigWord.unwrap(w) >> 64) & MASK_32;
    }

    /// @notice GPU-hours of one lot (0: no such market).
    function lotSize(ConfigWord w) internal pure returns (uint256) {
        return (ConfigWord.unwrap(w) >> 160) & MASK_32;
    }

    /// @notice Initial margin, basis points.
    function imBps(ConfigWord w) internal pure returns (uint256) {
        return (ConfigWord.unwrap(w) >> 192) & MASK_16;
    }

    /// @notice Maintenance margin, basis points.
    function mmBps(ConfigWord w) internal pure returns (uint256) {
        return (ConfigWord.unwrap(w) >> 208) & MASK_16;
    }

    /// @notice Maker fee, basis points.
    function makerFeeBps(ConfigWord w) internal pure returns (uint256) {
        return (ConfigWord.unwrap(w) >> 224) & MASK_16;
    }

    /// @notice Taker fee, basis points.
    function takerFeeBps(ConfigWord w) internal pure returns (uint256) {
        return ConfigWord.unwrap(w) >> 240;
    }

    /// @notice Open-interest cap.
    function oiCap(RiskWord w) internal pure returns (uint256) {
        return RiskWord.unwrap(w) & MASK_64;
    }

    /// @notice Largest |size| (worst side with resting orders) of one account.
    function maxPosition(RiskWord w) internal pure returns (uint256) {
        return (RiskWord.unwrap(w) >> 64) & MASK_64;
    }

    /// @notice Price band, basis points.
    function bandBps(RiskWord w) internal pure returns (uint256) {
        return (RiskWord.unwrap(w) >> 128) & MASK_16;
    }

    /// @notice The market's mode (`IClearingHouseBase.Mode` as its index).
    function mode(RiskWord w) internal pure returns (uint256) {
        return (RiskWord.unwrap(w) >> 144) & 0xff;
    }

    /// @notice The settlement stage (`IClearingHouseBase.Stage` as its index).
    function stage(RiskWord w) internal pure returns (uint256) {
        return RiskWord.unwrap(w) >> 248;
    }
}
