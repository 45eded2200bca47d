// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {OracleTestBase} from "./OracleTestBase.sol";

/// @notice The accumulator and ring: averages against a brute-force sum, wrap-around, growth.
contract IndexOracleAverageTest is OracleTestBase {
    uint256[] internal times;
    uint64[] internal prices;

    function setUp() public override {
        super.setUp();
        // No move guard here: the fuzzer draws arbitrary price paths.
        oracle.setIndexParams(INDEX, IIndexOracle.IndexParams(3, 0, MAX_AGE, MAX_DELAY, false));
    }

    function test_averagePrice_twoRounds() public {
        _record(START, 2_000_000);
        _record(START + 1 hours, 3_000_000);
        vm.warp(START + 2 hours);
        // One hour at 2.0, then one hour at 3.0 carried forward.
        assertEq(oracle.averagePrice(INDEX, START, START + 2 hours), 2_500_000);
        assertEq(oracle.averagePrice(INDEX, START + 30 minutes, START + 90 minutes), 2_500_000);
        assertEq(oracle.averagePrice(INDEX, START, START + 1 hours), 2_000_000);
    }

    function testFuzz_averagePrice_matchesBruteForce(uint256 seed, uint256 rawStart, uint256 rawEnd) public {
        uint256 rounds = bound(seed % 1000, 1, RING);
        _recordRandom(seed, rounds);
        uint256 first = times[0];
        uint256 end = bound(rawEnd, first + 1, vm.getBlockTimestamp());
        uint256 start = bound(rawStart, first, end - 1);
        assertEq(oracle.averagePrice(INDEX, start, end), _bruteForceAverage(start, end));
    }

    function testFuzz_averagePrice_afterWrapMatchesBruteForce(uint256 seed, uint256 rawStart, uint256 rawEnd) public {
        uint256 rounds = bound(seed % 1000, RING + 1, 3 * RING);
        _recordRandom(seed, rounds);
        // The ring holds only the newest RING rounds.
        uint256 oldestHeld = times[rounds - RING];
        uint256 end = bound(rawEnd, oldestHeld + 1, vm.getBlockTimestamp());
        uint256 start = bound(rawStart, oldestHeld, end - 1);
        assertEq(oracle.averagePrice(INDEX, start, end), _bruteForceAverage(start, end));
    }

    function test_averagePrice_revertsBeforeOldestRound() public {
        _recordRandom(7, RING + 5);
        uint256 oldestHeld = times[5];
        vm.expectRevert(
            abi.encodeWithSelector(IIndexOracle.BeforeOldestRound.selector, INDEX, oldestHeld - 1, uint32(oldestHeld))
        );
        oracle.averagePrice(INDEX, oldestHeld - 1, vm.getBlockTimestamp());
    }

    function test_averagePrice_revertsBeforeFirstRound() public {
        _record(START + 1 hours, PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(IIndexOracle.BeforeOldestRound.selector, INDEX, START, uint32(START + 1 hours))
        );
        oracle.averagePrice(INDEX, START, START + 1 hours);
    }

    function test_averagePrice_revertsOnEmptyWindow() public {
        _record(START, PRICE);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.InvalidWindow.selector, START, START));
        oracle.averagePrice(INDEX, START, START);
    }

    function test_averagePrice_revertsOnFutureEnd() public {
        _record(START, PRICE);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.TimeInFuture.selector, START + 1, START));
        oracle.averagePrice(INDEX, START, START + 1);
    }

    function test_averagePrice_revertsWithoutRounds() public {
        vm.warp(START + 1);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.NoRounds.selector, INDEX));
        oracle.averagePrice(INDEX, START, START + 1);
    }

    function test_growRing_keepsEveryRoundAfterGrowth() public {
        _recordRandom(11, RING); // ring full, not yet wrapped
        oracle.growRing(INDEX, RING * 2);
        _recordRandom(12, RING); // lands in the new slots
        (uint16 cardinality, uint16 cardinalityNext) = oracle.ringSizes(INDEX);
        assertEq(cardinality, RING * 2);
        assertEq(cardinalityNext, RING * 2);
        // Every round since the first is still held.
        assertEq(
            oracle.averagePrice(INDEX, times[0], vm.getBlockTimestamp()),
            _bruteForceAverage(times[0], vm.getBlockTimestamp())
        );
        assertEq(oracle.getRound(INDEX, 1).timestamp, times[0]);
        assertEq(oracle.getRound(INDEX, uint32(2 * RING)).timestamp, times[2 * RING - 1]);
    }

    function test_growRing_afterWrapKeepsOrder() public {
        _recordRandom(21, RING + 3); // wrapped: newest sits in slot 2
        oracle.growRing(INDEX, RING + 8);
        _recordRandom(22, 40); // wraps the old size, then grows, then wraps the new size
        uint256 held = RING + 8;
        uint256 oldestHeld = times[times.length - held];
        assertEq(
            oracle.averagePrice(INDEX, oldestHeld, vm.getBlockTimestamp()),
            _bruteForceAverage(oldestHeld, vm.getBlockTimestamp())
        );
        vm.expectPartialRevert(IIndexOracle.BeforeOldestRound.selector);
        oracle.averagePrice(INDEX, oldestHeld - 1, vm.getBlockTimestamp());
    }

    function test_getRound_evictedRoundReverts() public {
        _recordRandom(5, RING + 1);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.RoundNotFound.selector, INDEX, 1));
        oracle.getRound(INDEX, 1);
        assertEq(oracle.getRound(INDEX, 2).timestamp, times[1]);
        assertEq(oracle.getRound(INDEX, uint32(RING + 1)).price, prices[RING]);
    }

    function test_getRoundData_matchesChainlinkShape() public {
        _record(START, PRICE);
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) = oracle
            .getRoundData(INDEX, 1);
        assertEq(roundId, 1);
        assertEq(answer, int256(uint256(PRICE)));
        assertEq(startedAt, START);
        assertEq(updatedAt, START);
        assertEq(answeredInRound, 1);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.RoundNotFound.selector, INDEX, 2));
        oracle.getRoundData(INDEX, 2);
    }

    /* ------------------------------- helpers ---------------------------- */

    function _record(uint256 time, uint64 price) internal {
        _submitAt(time, price);
        times.push(time);
        prices.push(price);
    }

    /// @dev `count` rounds, 1 second to 1 day apart, prices between 0.5 and 50 quote per hour.
    function _recordRandom(uint256 seed, uint256 count) internal {
        uint256 time = times.length == 0 ? START : times[times.length - 1];
        for (uint256 i; i < count; ++i) {
            uint256 entropy = uint256(keccak256(abi.encode(seed, i)));
            time += times.length == 0 && i == 0 ? 0 : 1 + (entropy % 1 days);
            _record(time, uint64(500_000 + ((entropy >> 64) % 49_500_000)));
        }
        vm.warp(time + 1 + ((seed >> 128) % 1 days));
    }

    /// @dev Σ price × seconds over [start, end), second-exact, from the recorded rounds.
    function _bruteForceAverage(uint256 start, uint256 end) internal view returns (uint256) {
        uint256 sum;
        for (uint256 i; i < times.length; ++i) {
            uint256 from = times[i];
            uint256 to = i + 1 < times.length ? times[i + 1] : type(uint256).max;
            uint256 lo = from > start ? from : start;
            uint256 hi = to < end ? to : end;
            if (hi > lo) sum += uint256(prices[i]) * (hi - lo);
        }
        return sum / (end - start);
    }
}
