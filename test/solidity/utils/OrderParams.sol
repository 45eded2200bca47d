// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";

/// @notice Order parameters for tests: the fixtures' one builder.
library OrderParams {
    /// @notice An order of `kind` for `size` at `price` in `marketId`, good till cancelled, not
    ///         reduce-only.
    function gtc(
        uint256 marketId,
        bool isBid,
        IOrderBookBase.OrderType kind,
        uint256 price,
        uint256 size
    ) internal pure returns (IOrderBookBase.PlaceParams memory) {
        return
            IOrderBookBase.PlaceParams({
                marketId: marketId,
                isBid: isBid,
                kind: kind,
                reduceOnly: false,
                price: price,
                size: size,
                expiry: 0
            });
    }
}
