// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IClearingHouseCore} from "./IClearingHouseCore.sol";
import {IClearingHouseAdmin} from "./IClearingHouseAdmin.sol";
import {IClearingHouseCover} from "./IClearingHouseCover.sol";

/// @title IClearingHouse
/// @notice The singleton holding every Computus market and account: one ERC-20 collateral,
///         cross-margin over up to 16 markets per account, liquidation, and final settlement on
///         the time-weighted average of a compute-price index over each market's window.
/// @dev The whole ABI at the clearing house's address. Trades come only from the order book
///      (`applyFill`, `reserveOrder`, `releaseOrder`, `checkTaker`). No function loops over
///      accounts; an account's margin check loops over its own markets (at most 16). The
///      contract is split to fit the 24,576-byte limit: `ClearingHouse` (core) delegates the
///      functions of `IClearingHouseAdmin` and `IClearingHouseCover` to `ClearingHouseExtension`.
interface IClearingHouse is IClearingHouseCore, IClearingHouseAdmin, IClearingHouseCover {
    /// @notice The extension the admin, settlement and market-read functions run in.
    function extension() external view returns (address);
}
