// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IClearingHouseCore} from "./IClearingHouseCore.sol";
import {IClearingHouseAdmin} from "./IClearingHouseAdmin.sol";
import {IClearingHouseCover} from "./IClearingHouseCover.sol";
import {IClearingHouseLiquidation} from "./IClearingHouseLiquidation.sol";
import {IClearingHouseReads} from "./IClearingHouseReads.sol";
import {IOrderBook} from "./IOrderBook.sol";

/// @title IClearingHouse
/// @notice The singleton holding every Computus market and account: one ERC-20 collateral,
///         cross-margin over up to 16 markets per account, liquidation, and final settlement on
///         the time-weighted average of a compute-price index over each market's window.
/// @dev The whole ABI at the clearing house's address, order books included (`IOrderBook`):
///      trades happen inside it, so a fill touches both positions without a call between
///      contracts. No function loops over accounts; an account's margin check loops over its own
///      markets (at most 16). The contract is split to fit the 24,576-byte limit, sharing one
///      storage layout (`ClearingHouseStorage`): `ClearingHouse` (core) runs the hot paths
///      (`IClearingHouseCore`, `IOrderBookActions`) and delegates the rest to
///      `ClearingHouseExtension` (`IClearingHouseAdmin`, `IClearingHouseLiquidation`,
///      `IClearingHouseCover`), which delegates the reads (`IClearingHouseReads`,
///      `IOrderBookReads`) to `ClearingHouseReader`.
interface IClearingHouse is
    IClearingHouseCore,
    IClearingHouseAdmin,
    IClearingHouseLiquidation,
    IClearingHouseCover,
    IClearingHouseReads,
    IOrderBook
{
    /// @notice Where the admin, settlement, liquidation and covered-short functions run.
    function extension() external view returns (address);

    /// @notice Where the reads run (reached through the extension's fallback).
    function reader() external view returns (address);
}
