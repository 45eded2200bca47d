// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title CapacityIdLib
/// @notice The ERC-1155 id of a capacity token: who provides which GPU model over which window.
/// @dev Encoding: `uint256(keccak256(abi.encode(provider, indexId, start, end)))`, i.e. the
///      hash of four 32-byte words (address left-padded, bytes32 as is, uint32s left-padded).
///      A hash, not a packed layout, because the terms do not fit in 256 bits (160 + 256 + 64)
///      and every id must name exactly one set of terms; the terms themselves are stored per id
///      at the first mint and emitted in `CapacityRegistered`, so nothing needs to invert the
///      hash. Off-chain: viem `keccak256(encodeAbiParameters([address, bytes32, uint32, uint32],
///      [...]))`.
library CapacityIdLib {
    /// @notice The id of `provider`'s capacity on `indexId` over [`start`, `end`).
    function toId(address provider, bytes32 indexId, uint32 start, uint32 end) internal pure returns (uint256 id) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, and(provider, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(add(ptr, 0x20), indexId)
            mstore(add(ptr, 0x40), and(start, 0xffffffff))
            mstore(add(ptr, 0x60), and(end, 0xffffffff))
            id := keccak256(ptr, 0x80)
        }
    }
}
