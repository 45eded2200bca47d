// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IOrderBookActions} from "./IOrderBookActions.sol";
import {IOrderBookReads} from "./IOrderBookReads.sol";

/// @title IOrderBook
/// @notice On-chain central limit order books, one per clearing-house market, inside the clearing
///         house. Price-time priority: prices on ticks, a three-level bitmap of active ticks, FIFO
///         queues per level. A taker's gas grows with the levels and maker orders it fills (and
///         the dead orders it clears), never with the rest of the book.
/// @dev The whole book ABI, at the clearing house's address: the actions run in its core, the
///      reads in its reader (see docs/order-book.md).
interface IOrderBook is IOrderBookActions, IOrderBookReads {}
