// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IClearingHouseBase} from "./IClearingHouseBase.sol";

/// @title IClearingHouseLiquidation
/// @notice Liquidation of accounts below maintenance margin, implemented by
///         `ClearingHouseExtension` and reached through `ClearingHouse`'s fallback.
interface IClearingHouseLiquidation is IClearingHouseBase {
    /// @notice Liquidates part or all of `account`'s position in `marketId`, when the account is
    ///         below maintenance margin: the caller takes it over at mark, the account pays the
    ///         penalty (shared between the caller and the insurance fund). The size taken is the
    ///         least that restores the account to initial margin, capped by `maxSize`.
    /// @dev Warning: every position is valued at whichever of its mark and its index is better for
    ///      the account (a long at the higher, a short at the lower), and the position is taken
    ///      over at that price: a mark pushed by wash trades alone cannot liquidate anyone.
    /// @return size GPU-hours taken over.
    function liquidate(address account, uint256 marketId, uint256 maxSize) external returns (uint256 size);
}
