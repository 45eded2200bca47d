// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IClearingHouseBase} from "./IClearingHouseBase.sol";

/// @title IClearingHouseAdmin
/// @notice The clearing house's market lifecycle, settlement and administration, implemented by
///         `ClearingHouseExtension` and reached through `ClearingHouse`'s fallback
///         (delegatecall, same storage).
interface IClearingHouseAdmin is IClearingHouseBase {
    /// @notice Creates a market. Market admin only. The clearing house must be the oracle's
    ///         subscriber (`IIndexOracle.subscriber`), else `NotIndexSubscriber`.
    /// @return marketId The new market's id (sequential from 1).
    function createMarket(MarketParams calldata params) external returns (uint256 marketId);

    /// @notice Sets a market's mode. Market admin; the guardian may also pause.
    function setMarketMode(uint256 marketId, Mode mode) external;

    /// @notice Proposes the final price once the window's average is final (the window's end plus
    ///         the index's `maxSubmissionDelay`, after which no round inside the window can
    ///         still arrive): the index's time-weighted
    ///         average over the window; when the index has stopped (stale) or cannot answer,
    ///         after the grace period, its last good average. Anyone may call.
    function proposeSettlement(uint256 marketId) external;

    /// @notice Replaces a proposed final price during the dispute period. Guardian only.
    function disputeSettlement(uint256 marketId, uint256 price, string calldata reason) external;

    /// @notice Fixes the final price after the dispute period and computes the write-down of
    ///         the market's bad debt on the winning side. Anyone may call. O(1).
    function finalizeSettlement(uint256 marketId) external;

    /// @notice Closes `account`'s position in a settled market, moving its PnL (after write-down)
    ///         into collateral. Anyone may call for anyone. O(1).
    function claimSettlement(address account, uint256 marketId) external;

    /// @notice Sets the market admin. Owner only.
    function setMarketAdmin(address account) external;

    /// @notice Sets the guardian. Owner only.
    function setGuardian(address account) external;

    /// @notice Sends `amount` of accrued protocol fees to `to`. Owner only.
    function collectFees(address to, uint256 amount) external;
}
