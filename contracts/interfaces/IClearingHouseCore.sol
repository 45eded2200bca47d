// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IClearingHouseBase} from "./IClearingHouseBase.sol";
import {IIndexSubscriber} from "./IIndexSubscriber.sol";

/// @title IClearingHouseCore
/// @notice Collateral in and out, and the oracle's pushes of index prices (`IIndexSubscriber`),
///         implemented by `ClearingHouse` itself (its core, beside the order books' actions,
///         `IOrderBookActions`).
interface IClearingHouseCore is IClearingHouseBase, IIndexSubscriber {
    /// @notice Deposits `amount` of collateral from the caller into `account`.
    /// @dev Warning: reverts `TransferAmountMismatch` unless the clearing house's balance grows by
    ///      exactly `amount` (fee-on-transfer and rebasing tokens are not supported).
    /// @param account The account credited (anyone may fund any account).
    /// @param amount Amount in the token's smallest unit.
    function deposit(address account, uint256 amount) external;

    /// @notice Withdraws `amount` of the caller's collateral to `to`, as long as the account
    ///         keeps at least its initial margin (positions and resting orders) and its
    ///         collateral does not go negative.
    /// @dev Warning: with open positions the check reads the index; a stale index reverts.
    function withdraw(uint256 amount, address to) external;
}
