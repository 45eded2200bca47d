// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice A resting order, packed in ONE storage slot (zero = no order).
/// @dev Bit layout (low to high):
///      [  0, 160) owner       address
///      [160, 200) size        uint40  remaining GPU-hours (≤ maxPosition ≤ 2^38)
///      [200, 232) expiry      uint32  good-till-time deadline (0 = good till cancelled)
///      [232, 248) epoch       uint16  the owner's order epoch in the market when placed
///      [248, 256) flags       uint8   bit 0: reduce-only
///      The order's market, side, price tick and place in its level's queue are in its id
///      (`OrderIdLib`), so they take no storage.
type Order is uint256;

using OrderLib for Order global;

/// @notice Encode/decode of `Order` and of order ids.
library OrderLib {
    uint256 private constant MASK_40 = (1 << 40) - 1;

    /// @notice Packs an order.
    function pack(
        address owner_,
        uint256 size_,
        uint256 expiry_,
        uint256 epoch_,
        bool reduceOnly_
    ) internal pure returns (Order) {
        return
            Order.wrap(
                uint256(uint160(owner_)) |
                    (size_ << 160) |
                    (expiry_ << 200) |
                    (epoch_ << 232) |
                    (reduceOnly_ ? uint256(1) << 248 : 0)
            );
    }

    /// @notice The owner.
    function owner(Order o) internal pure returns (address) {
        return address(uint160(Order.unwrap(o)));
    }

    /// @notice Remaining GPU-hours.
    function size(Order o) internal pure returns (uint256) {
        return (Order.unwrap(o) >> 160) & MASK_40;
    }

    /// @notice Good-till-time deadline (0: none).
    function expiry(Order o) internal pure returns (uint256) {
        return (Order.unwrap(o) >> 200) & 0xffffffff;
    }

    /// @notice The owner's order epoch when placed.
    function epoch(Order o) internal pure returns (uint256) {
        return (Order.unwrap(o) >> 232) & 0xffff;
    }

    /// @notice Whether the order may only reduce its owner's position.
    function reduceOnly(Order o) internal pure returns (bool) {
        return Order.unwrap(o) >> 248 != 0;
    }

    /// @notice The same order with `size_` remaining.
    function withSize(Order o, uint256 size_) internal pure returns (Order) {
        return Order.wrap((Order.unwrap(o) & ~(MASK_40 << 160)) | (size_ << 160));
    }

    /// @notice An order id: [0, 24) index in its level's queue, [24, 46) tick, [46] side
    ///         (1 = bid), [47, 63) market id.
    function id(uint256 marketId, bool isBid, uint256 tick, uint256 index) internal pure returns (uint256) {
        return (marketId << 47) | (isBid ? uint256(1) << 46 : 0) | (tick << 24) | index;
    }

    /// @notice Decodes an order id.
    function decodeId(
        uint256 orderId
    ) internal pure returns (uint256 marketId, bool isBid, uint256 tick, uint256 index) {
        return (orderId >> 47, (orderId >> 46) & 1 == 1, (orderId >> 24) & 0x3fffff, orderId & 0xffffff);
    }
}
