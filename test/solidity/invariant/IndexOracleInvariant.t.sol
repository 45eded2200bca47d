// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {IndexOracle} from "../../../contracts/oracle/IndexOracle.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {Vm} from "../utils/Vm.sol";
import {Deploy} from "../utils/Deploy.sol";

/// @notice Drives the oracle with valid and invalid rounds, remembering what was accepted.
contract IndexOracleHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    bytes32 internal constant INDEX = "H100-SXM-USD-HR";

    IndexOracle public immutable oracle;
    uint256[] internal keys;
    uint256[] public times;
    uint64[] public prices;
    uint256 public rejected;

    constructor(IndexOracle oracle_, uint256[] memory sortedKeys) {
        oracle = oracle_;
        keys = sortedKeys;
    }

    /// @notice A round of `signerCount` publishers, `elapsed` seconds after the last block, with
    ///         prices spread around `basePrice`. Rounds the oracle refuses change nothing.
    function submitRound(uint256 elapsed, uint64 basePrice, uint8 signerCount, uint64 spread) external {
        elapsed = 1 + (elapsed % 3 days);
        basePrice = uint64(1_000_000 + (basePrice % 9_000_000));
        signerCount = uint8(signerCount % (keys.length + 1));
        vm.warp(vm.getBlockTimestamp() + elapsed);
        uint32 timestamp = uint32(vm.getBlockTimestamp());
        IIndexOracle.SignedObservation[] memory observations = new IIndexOracle.SignedObservation[](signerCount);
        uint256[] memory sorted = new uint256[](signerCount);
        for (uint256 i; i < signerCount; ++i) {
            uint64 price = basePrice + uint64((uint256(keccak256(abi.encode(spread, i))) % 200_000));
            (bytes32 r, bytes32 vs) = vm.signCompact(keys[i], oracle.observationDigest(INDEX, timestamp, price));
            observations[i] = IIndexOracle.SignedObservation(price, r, vs);
            sorted[i] = price;
        }
        try oracle.submit(INDEX, timestamp, observations) {
            times.push(timestamp);
            prices.push(oracle.latestRound(INDEX).price);
        } catch {
            ++rejected;
        }
    }

    /// @notice Lets time pass without a round.
    function idle(uint256 elapsed) external {
        vm.warp(vm.getBlockTimestamp() + (elapsed % 2 days));
    }

    function roundCount() external view returns (uint256) {
        return times.length;
    }
}

/// @notice Whatever sequence of rounds is accepted or refused, the accumulator matches a
///         brute-force sum, round ids count accepted rounds, and timestamps strictly increase.
contract IndexOracleInvariantTest is BaseTest {
    bytes32 internal constant INDEX = "H100-SXM-USD-HR";
    IndexOracle internal oracle;
    IndexOracleHandler internal handler;
    address[] internal targets;

    function setUp() public {
        vm.warp(1_795_392_000);
        oracle = IndexOracle(Deploy.indexOracle(address(this), address(this), address(0)));
        oracle.registerIndex(
            INDEX,
            IIndexOracle.IndexMetadata("H100", "ipfs://method", bytes32(0), 6),
            IIndexOracle.IndexParams(3, 5_000, 1 days, 1 hours, false),
            512
        );
        uint256[] memory sortedKeys = new uint256[](4);
        (sortedKeys[0], sortedKeys[1], sortedKeys[2], sortedKeys[3]) = (0x11, 0x22, 0x33, 0x44);
        for (uint256 i = 1; i < 4; ++i) {
            for (uint256 j = i; j > 0 && vm.addr(sortedKeys[j - 1]) > vm.addr(sortedKeys[j]); --j) {
                (sortedKeys[j - 1], sortedKeys[j]) = (sortedKeys[j], sortedKeys[j - 1]);
            }
        }
        for (uint256 i; i < 4; ++i) oracle.addPublisher(INDEX, vm.addr(sortedKeys[i]));
        handler = new IndexOracleHandler(oracle, sortedKeys);
        targets.push(address(handler));
    }

    function targetContracts() public view returns (address[] memory) {
        return targets;
    }

    function invariant_roundIdsCountAcceptedRounds() public view {
        assertEq(oracle.latestRound(INDEX).roundId, handler.roundCount());
    }

    function invariant_averageMatchesBruteForce() public view {
        uint256 count = handler.roundCount();
        if (count == 0 || vm.getBlockTimestamp() <= handler.times(0)) return;
        uint256 start = handler.times(0);
        uint256 sum;
        for (uint256 i; i < count; ++i) {
            uint256 from = handler.times(i);
            uint256 to = i + 1 < count ? handler.times(i + 1) : vm.getBlockTimestamp();
            sum += uint256(handler.prices(i)) * (to - from);
        }
        assertEq(oracle.averagePrice(INDEX, start, vm.getBlockTimestamp()), sum / (vm.getBlockTimestamp() - start));
    }

    function invariant_latestRoundIsLastAccepted() public view {
        uint256 count = handler.roundCount();
        if (count == 0) return;
        IIndexOracle.Round memory latest = oracle.latestRound(INDEX);
        assertEq(latest.timestamp, handler.times(count - 1));
        assertEq(latest.price, handler.prices(count - 1));
        if (count > 1) assertGt(handler.times(count - 1), handler.times(count - 2));
    }

    /// @dev `latestPrice` and `latestPriceOf` answer from their own copy of the newest round (one
    ///      SLOAD for the clearing house): it must be the last accepted round, or a revert saying
    ///      why not.
    function invariant_latestPriceIsLastAcceptedRound() public {
        uint256 count = handler.roundCount();
        if (count == 0) {
            vm.expectRevert(abi.encodeWithSelector(IIndexOracle.NoRounds.selector, INDEX));
            oracle.latestPrice(INDEX);
            assertTrue(oracle.isStale(INDEX));
            return;
        }
        uint256 time = handler.times(count - 1);
        uint256 age = vm.getBlockTimestamp() - time;
        if (age > 1 days) {
            vm.expectRevert(
                abi.encodeWithSelector(IIndexOracle.StaleIndex.selector, INDEX, uint32(time), age, uint32(1 days))
            );
            oracle.latestPrice(INDEX);
            assertTrue(oracle.isStale(INDEX));
            return;
        }
        (uint64 price, uint32 timestamp) = oracle.latestPrice(INDEX);
        assertEq(price, handler.prices(count - 1));
        assertEq(timestamp, time);
        assertFalse(oracle.isStale(INDEX));
        (uint64 byNumber, uint32 timestampByNumber) = oracle.latestPriceOf(oracle.indexNumber(INDEX));
        assertEq(byNumber, price);
        assertEq(timestampByNumber, timestamp);
    }
}
