// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IndexRound, IndexRoundLib} from "../../../contracts/types/IndexRound.sol";
import {BaseTest} from "../utils/BaseTest.sol";

contract IndexRoundTest is BaseTest {
    function testFuzz_pack_roundTrips(
        uint32 timestamp,
        uint64 price,
        uint112 cumulative,
        uint32 roundId,
        uint16 ringIndex
    ) public pure {
        IndexRound round = IndexRoundLib.pack(timestamp, price, cumulative, roundId, ringIndex);
        assertEq(round.timestamp(), timestamp);
        assertEq(round.price(), price);
        assertEq(round.cumulative(), cumulative);
        assertEq(round.roundId(), roundId);
        assertEq(round.ringIndex(), ringIndex);
        assertEq(round.exists(), roundId != 0);
        IndexRound stripped = round.withoutRingIndex();
        assertEq(stripped.ringIndex(), 0);
        assertEq(stripped.roundId(), roundId);
        assertEq(stripped.cumulative(), cumulative);
    }

    function test_placeholder_doesNotExist() public pure {
        assertFalse(IndexRoundLib.PLACEHOLDER.exists());
        assertTrue(IndexRound.unwrap(IndexRoundLib.PLACEHOLDER) != 0);
    }

    function testFuzz_cumulativeAt_wrapsModulo2to112(
        uint32 timestamp,
        uint64 price,
        uint112 cumulative,
        uint32 elapsed
    ) public pure {
        IndexRound round = IndexRoundLib.pack(timestamp, price, cumulative, 1, 0);
        uint256 expected = (uint256(cumulative) + uint256(price) * elapsed) % (uint256(1) << 112);
        assertEq(round.cumulativeAt(uint256(timestamp) + elapsed), expected);
    }
}
