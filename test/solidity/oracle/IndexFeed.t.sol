// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {MockAggregatorV3} from "../../../contracts/mocks/MockAggregatorV3.sol";
import {IndexFeed} from "../../../contracts/oracle/IndexFeed.sol";
import {OracleTestBase} from "./OracleTestBase.sol";

/// @notice Reading an index as a Chainlink feed, and feeding an index from one.
contract IndexFeedTest is OracleTestBase {
    MockAggregatorV3 internal aggregator;

    function setUp() public override {
        super.setUp();
        aggregator = new MockAggregatorV3(8, "H100 / USD per hour");
    }

    function test_indexFeed_readsLatestRound() public {
        _submitAt(START, PRICE);
        IndexFeed feed = new IndexFeed(oracle, INDEX);
        (uint80 roundId, int256 answer, , uint256 updatedAt, ) = feed.latestRoundData();
        assertEq(roundId, 1);
        assertEq(answer, int256(uint256(PRICE)));
        assertEq(updatedAt, START);
        assertEq(feed.decimals(), 6);
        assertEq(feed.description(), "NVIDIA H100 SXM on-demand, USD per GPU-hour");
    }

    function test_indexFeed_revertsWithoutRounds() public {
        IndexFeed feed = new IndexFeed(oracle, INDEX);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.NoRounds.selector, INDEX));
        feed.latestRoundData();
    }

    function test_pullFromFeed_scalesToIndexDecimals() public {
        oracle.setExternalFeed(INDEX, address(aggregator));
        aggregator.setAnswer(213_450_000, START); // 2.1345 with 8 decimals
        oracle.pullFromFeed(INDEX);
        IIndexOracle.Round memory round = oracle.latestRound(INDEX);
        assertEq(round.price, 2_134_500);
        assertEq(round.timestamp, START);
        // The clearing house's read answers from its own copy of the newest round: pulled too.
        (uint64 price, uint32 timestamp) = oracle.latestPrice(INDEX);
        assertEq(price, 2_134_500);
        assertEq(timestamp, START);
    }

    function test_pullFromFeed_appliesMoveGuard() public {
        oracle.setExternalFeed(INDEX, address(aggregator));
        aggregator.setAnswer(200_000_000, START);
        oracle.pullFromFeed(INDEX);
        vm.warp(START + 1 hours);
        aggregator.setAnswer(400_000_000, START + 1 hours);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.MoveTooLarge.selector, 2_000_000, 4_000_000, MAX_MOVE_BPS));
        oracle.pullFromFeed(INDEX);
        vm.prank(guardian);
        oracle.pullFromFeedConfirmed(INDEX);
        assertEq(oracle.latestRound(INDEX).price, 4_000_000);
    }

    function test_pullFromFeed_revertsOnNonPositiveAnswer() public {
        oracle.setExternalFeed(INDEX, address(aggregator));
        aggregator.setAnswer(-1, START);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.InvalidFeedAnswer.selector, -1));
        oracle.pullFromFeed(INDEX);
    }

    function test_pullFromFeed_revertsOnUnchangedRound() public {
        oracle.setExternalFeed(INDEX, address(aggregator));
        aggregator.setAnswer(200_000_000, START);
        oracle.pullFromFeed(INDEX);
        vm.warp(START + 10 minutes);
        vm.expectRevert(
            abi.encodeWithSelector(IIndexOracle.TimestampNotIncreasing.selector, uint32(START), uint32(START))
        );
        oracle.pullFromFeed(INDEX);
    }

    function test_pullFromFeed_revertsWithoutFeed() public {
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.NoExternalFeed.selector, INDEX));
        oracle.pullFromFeed(INDEX);
    }

    function test_submit_revertsWhenFedExternally() public {
        oracle.setExternalFeed(INDEX, address(aggregator));
        IIndexOracle.SignedObservation[] memory observations = _uniformRound(PRICE);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.IndexFedExternally.selector, INDEX, address(aggregator)));
        oracle.submit(INDEX, uint32(vm.getBlockTimestamp()), observations);
    }

    function test_setExternalFeed_zeroReturnsIndexToPublishers() public {
        oracle.setExternalFeed(INDEX, address(aggregator));
        oracle.setExternalFeed(INDEX, address(0));
        assertEq(oracle.externalFeed(INDEX), address(0));
        _submitAt(START, PRICE);
        assertEq(oracle.latestRound(INDEX).price, PRICE);
    }
}
