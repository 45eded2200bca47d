// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice The hot slot of an account: collateral and the first ten markets it is in.
/// @dev Bit layout (low to high):
///      [  0,  96) collateral  int96   quote units (negative only transiently, or as a deficit
///                                     an account cannot have once it holds no position)
///      [ 96, 256) 10 × uint16         market ids the account has a position or resting order in;
///                                     0 = empty entry (market ids start at 1)
///      An account takes 2 slots: this one and an overflow slot (`MarketList`) holding up to 6
///      more market ids, read only when all ten entries here are used. Bound: 16 markets.
///      int96 holds ±3.9e28 smallest units: 3.9e10 tokens of an 18-decimal collateral.
type AccountSlot is uint256;

/// @notice The overflow list of an account: up to 6 more market ids.
/// @dev Bit layout: [16·i, 16·i + 16) market id i, i < 6; higher bits zero. 1 slot.
type MarketList is uint256;

using AccountSlotLib for AccountSlot global;

/// @notice Encode/decode of `AccountSlot` and `MarketList`, and the bounded market list.
library AccountSlotLib {
    /// @notice Entries in the hot slot.
    uint256 internal constant HOT_ENTRIES = 10;
    /// @notice Entries in the overflow slot.
    uint256 internal constant OVERFLOW_ENTRIES = 6;
    /// @notice Markets an account may be in at once (positions or resting orders).
    uint256 internal constant MAX_MARKETS = HOT_ENTRIES + OVERFLOW_ENTRIES;

    uint256 private constant MASK_96 = (1 << 96) - 1;

    /// @notice The account's collateral.
    function collateral(AccountSlot a) internal pure returns (int256) {
        return int96(uint96(AccountSlot.unwrap(a)));
    }

    /// @notice The same slot with a new collateral.
    /// @dev Warning: truncates outside int96; callers bound amounts (deposits are checked).
    function withCollateral(AccountSlot a, int256 c) internal pure returns (AccountSlot) {
        return AccountSlot.wrap((AccountSlot.unwrap(a) & ~MASK_96) | (uint256(c) & MASK_96));
    }

    /// @notice Market id at hot entry `i` (0 = empty).
    function marketAt(AccountSlot a, uint256 i) internal pure returns (uint256) {
        return (AccountSlot.unwrap(a) >> (96 + 16 * i)) & 0xffff;
    }

    /// @notice The ten hot entries as one packed list (16 bits each, entry 0 lowest), the layout
    ///         of `MarketList`, so both lists are walked the same way.
    function marketIds(AccountSlot a) internal pure returns (uint256) {
        return AccountSlot.unwrap(a) >> 96;
    }

    /// @notice Whether all ten hot entries are used (only then may the overflow list hold ids).
    function hotFull(AccountSlot a) internal pure returns (bool) {
        uint256 ids = marketIds(a);
        for (uint256 i; i < HOT_ENTRIES; ++i) {
            if ((ids >> (16 * i)) & 0xffff == 0) return false;
        }
        return true;
    }

    /// @notice Market id at overflow entry `i` (0 = empty).
    function overflowAt(MarketList list, uint256 i) internal pure returns (uint256) {
        return (MarketList.unwrap(list) >> (16 * i)) & 0xffff;
    }

    /// @notice Hot slot with `marketId` in the first empty entry; `ok` false when none is empty.
    function tryAdd(AccountSlot a, uint256 marketId) internal pure returns (AccountSlot, bool ok) {
        uint256 raw = AccountSlot.unwrap(a);
        for (uint256 i; i < HOT_ENTRIES; ++i) {
            uint256 shift = 96 + 16 * i;
            if ((raw >> shift) & 0xffff == 0) return (AccountSlot.wrap(raw | (marketId << shift)), true);
        }
        return (a, false);
    }

    /// @notice Overflow list with `marketId` in the first empty entry; `ok` false when full.
    function tryAdd(MarketList list, uint256 marketId) internal pure returns (MarketList, bool ok) {
        uint256 raw = MarketList.unwrap(list);
        for (uint256 i; i < OVERFLOW_ENTRIES; ++i) {
            uint256 shift = 16 * i;
            if ((raw >> shift) & 0xffff == 0) return (MarketList.wrap(raw | (marketId << shift)), true);
        }
        return (list, false);
    }

    /// @notice Hot slot with entry `i` set to `marketId` (0 clears it).
    function setMarketAt(AccountSlot a, uint256 i, uint256 marketId) internal pure returns (AccountSlot) {
        uint256 shift = 96 + 16 * i;
        return AccountSlot.wrap((AccountSlot.unwrap(a) & ~(uint256(0xffff) << shift)) | (marketId << shift));
    }

    /// @notice Overflow list with entry `i` set to `marketId` (0 clears it).
    function setOverflowAt(MarketList list, uint256 i, uint256 marketId) internal pure returns (MarketList) {
        uint256 shift = 16 * i;
        return MarketList.wrap((MarketList.unwrap(list) & ~(uint256(0xffff) << shift)) | (marketId << shift));
    }
}
