// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IIndexOracle} from "./IIndexOracle.sol";

/// @title IIndexSubscriber
/// @notice The contract an `IIndexOracle` tells of every change to an index's newest price or age
///         rule, in the transaction that makes it: the clearing house, which prices every order
///         from its own copy instead of calling the oracle (a call to another contract costs a
///         cold account access on every order).
interface IIndexSubscriber {
    /// @notice Index `number` (`IIndexOracle.indexNumber`) now reads `latest`. Called by the
    ///         oracle only, after each recorded round and each change of the index's age rule.
    /// @dev Must not revert for the oracle: a revert here would stop the index's rounds.
    function onLatestIndex(uint256 number, IIndexOracle.LatestIndex calldata latest) external;
}
