// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {IIndexSubscriber} from "../../../contracts/interfaces/IIndexSubscriber.sol";
import {OracleTestBase} from "./OracleTestBase.sol";

/// @notice Keeps what the oracle pushes, and who pushed it.
contract RecordingSubscriber is IIndexSubscriber {
    mapping(uint256 number => IIndexOracle.LatestIndex) public latest;
    uint256 public pushes;
    address public lastCaller;

    function onLatestIndex(uint256 number, IIndexOracle.LatestIndex calldata latest_) external {
        latest[number] = latest_;
        lastCaller = msg.sender;
        ++pushes;
    }
}

/// @notice The oracle tells its subscriber of every round and age-rule change, in the same
///         transaction; `latestIndex` answers what it pushed.
contract IndexOracleSubscriberTest is OracleTestBase {
    RecordingSubscriber internal recorder;

    function setUp() public override {
        recorder = new RecordingSubscriber();
        super.setUp();
    }

    function _oracleSubscriber() internal view override returns (address) {
        return address(recorder);
    }

    function _recorded(uint256 number) internal view returns (IIndexOracle.LatestIndex memory r) {
        (r.price, r.timestamp, r.maxAge, r.businessDaysOnly) = recorder.latest(number);
    }

    function test_subscriber_isFixedAtDeployment() public view {
        assertEq(oracle.subscriber(), address(recorder));
    }

    function test_submit_pushesTheRound() public {
        uint256 number = oracle.indexNumber(INDEX);
        _submitAt(START + 60, PRICE);
        IIndexOracle.LatestIndex memory pushed = _recorded(number);
        assertEq(pushed.price, PRICE);
        assertEq(pushed.timestamp, START + 60);
        assertEq(pushed.maxAge, MAX_AGE);
        assertFalse(pushed.businessDaysOnly);
        assertEq(recorder.lastCaller(), address(oracle));
        assertEq(recorder.pushes(), 1, "registration and publishers push nothing");
        assertEq(
            keccak256(abi.encode(oracle.latestIndex(number))),
            keccak256(abi.encode(pushed)),
            "latestIndex answers the same"
        );
    }

    function test_setIndexParams_pushesTheRuleWithTheNewestPrice() public {
        uint256 number = oracle.indexNumber(INDEX);
        _submitAt(START + 60, PRICE);
        oracle.setIndexParams(INDEX, IIndexOracle.IndexParams(3, MAX_MOVE_BPS, 1 days, MAX_DELAY, true));
        IIndexOracle.LatestIndex memory pushed = _recorded(number);
        assertEq(pushed.price, PRICE, "the price is the newest round's");
        assertEq(pushed.timestamp, START + 60);
        assertEq(pushed.maxAge, 1 days);
        assertTrue(pushed.businessDaysOnly);
        assertEq(recorder.pushes(), 2);
    }

    function test_latestIndex_answersUncheckedWhenStale() public {
        uint256 number = oracle.indexNumber(INDEX);
        _submitAt(START + 60, PRICE);
        vm.warp(START + 60 + MAX_AGE + 1);
        assertTrue(oracle.isStale(INDEX));
        IIndexOracle.LatestIndex memory answer = oracle.latestIndex(number);
        assertEq(answer.price, PRICE);
        assertEq(answer.timestamp, START + 60);
        assertEq(oracle.latestIndex(999).price, 0, "a number not given: zeroes");
    }

    function test_submit_revertsWhileTheSubscriberHasNoCode() public {
        vm.etch(address(recorder), "");
        vm.warp(START + 60);
        IIndexOracle.SignedObservation[] memory round = _uniformRound(PRICE);
        vm.expectRevert();
        oracle.submit(INDEX, uint32(START + 60), round);
    }
}
