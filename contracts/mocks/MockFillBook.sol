// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IClearingHouse} from "../interfaces/IClearingHouse.sol";
import {IClearingHouseBase} from "../interfaces/IClearingHouseBase.sol";

/// @title MockFillBook
/// @notice A stand-in order book for benches and tests of the clearing house alone: anyone may
///         make it reserve a maker order and fill it against a taker.
contract MockFillBook {
    IClearingHouse public immutable clearingHouse;

    constructor(IClearingHouse clearingHouse_) {
        clearingHouse = clearingHouse_;
    }

    /// @notice Reserves `maker`'s order and fills it against `taker` (`size` signed from the
    ///         taker's side) at `price`, then checks the taker, as the order book does.
    function trade(
        uint256 marketId,
        address taker,
        address maker,
        int256 size,
        uint256 price
    ) external returns (bool ok) {
        uint256 abs = size >= 0 ? uint256(size) : uint256(-size);
        uint256 epoch = clearingHouse.reserveOrder(maker, marketId, size < 0, abs, price, false);
        ok =
            clearingHouse.applyFill(marketId, 0, maker, taker, size, price, abs, epoch) ==
            IClearingHouseBase.FillStatus.Filled;
        clearingHouse.checkTaker(marketId, taker);
    }
}
