// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IndexRound, IndexRoundLib} from "../types/IndexRound.sol";

/// @title RoundRingLib
/// @notice A ring of an index's rounds (in the spirit of Uniswap v3's oracle observations): the
///         newest `cardinality` rounds, oldest overwritten first, searched by time in O(log n).
library RoundRingLib {
    /// @notice Writes placeholders into ring slots [`from`, `to`) so later round writes pay the
    ///         cheap non-zero to non-zero price. Slots already written are left alone.
    function prefill(IndexRound[65535] storage ring, uint256 from, uint256 to) internal {
        for (uint256 i = from; i < to; ++i) {
            if (IndexRound.unwrap(ring[i]) == 0) ring[i] = IndexRoundLib.PLACEHOLDER;
        }
    }

    /// @notice The oldest recorded round and how many rounds the ring holds, given the newest
    ///         round's slot `newestIndex` and the ring's `cardinality`.
    /// @dev Before the ring has wrapped, the slot after the newest is unused and the oldest
    ///      round is in slot 0.
    function oldest(
        IndexRound[65535] storage ring,
        uint16 newestIndex,
        uint16 cardinality
    ) internal view returns (IndexRound round, uint256 oldestIndex, uint256 count) {
        oldestIndex = (uint256(newestIndex) + 1) % cardinality;
        round = ring[oldestIndex];
        if (round.exists()) return (round, oldestIndex, cardinality);
        return (ring[0], 0, uint256(newestIndex) + 1);
    }

    /// @notice The newest round whose timestamp is at or before `time`.
    /// @dev Requires oldest.timestamp <= time < newest.timestamp (the caller checks both ends),
    ///      so the answer exists and is not the newest round. Binary search over ring positions.
    function latestAtOrBefore(
        IndexRound[65535] storage ring,
        uint256 oldestIndex,
        uint256 count,
        uint16 cardinality,
        uint256 time
    ) internal view returns (IndexRound found) {
        // Invariant: the round at position `low` is at or before `time`; the one at `high` is after.
        uint256 low = 0;
        uint256 high = count - 1;
        while (high - low > 1) {
            uint256 middle = (low + high) / 2;
            IndexRound candidate = ring[(oldestIndex + middle) % cardinality];
            if (candidate.timestamp() <= time) low = middle;
            else high = middle;
        }
        return ring[(oldestIndex + low) % cardinality];
    }
}
