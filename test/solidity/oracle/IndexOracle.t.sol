// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {OracleTestBase} from "./OracleTestBase.sol";

contract IndexOracleTest is OracleTestBase {
    /* ------------------------------ submit ------------------------------ */

    function test_submit_recordsMedianOfSignedPrices() public {
        uint32 timestamp = uint32(vm.getBlockTimestamp());
        uint32 roundId = oracle.submit(
            INDEX,
            timestamp,
            _round(INDEX, timestamp, _prices(2_200_000, 2_000_000, 2_100_000))
        );
        assertEq(roundId, 1);
        IIndexOracle.Round memory round = oracle.latestRound(INDEX);
        assertEq(round.price, 2_100_000);
        assertEq(round.timestamp, timestamp);
        assertEq(round.cumulative, 0);
        (uint64 price, uint32 priceTime) = oracle.latestPrice(INDEX);
        assertEq(price, 2_100_000);
        assertEq(priceTime, timestamp);
    }

    function test_submit_evenCountTakesMeanOfMiddleRoundedDown() public {
        uint64[] memory prices = new uint64[](4);
        (prices[0], prices[1], prices[2], prices[3]) = (2_000_001, 1_000_000, 2_000_000, 3_000_000);
        oracle.submit(INDEX, uint32(vm.getBlockTimestamp()), _round(INDEX, uint32(vm.getBlockTimestamp()), prices));
        assertEq(oracle.latestRound(INDEX).price, 2_000_000);
    }

    function test_submit_accumulatesPriceTimesSeconds() public {
        _submitAt(START, 2_000_000);
        _submitAt(START + 1 hours, 2_100_000);
        assertEq(oracle.latestRound(INDEX).cumulative, uint112(2_000_000) * 1 hours);
        assertEq(oracle.latestRound(INDEX).roundId, 2);
    }

    function test_submit_emitsRoundWithSignersAndPrices() public {
        uint32 timestamp = uint32(vm.getBlockTimestamp());
        IIndexOracle.SignedObservation[] memory observations = _round(INDEX, timestamp, _prices(3, 1, 2));
        address[] memory signers = new address[](3);
        uint64[] memory prices = _prices(3, 1, 2);
        for (uint256 i; i < 3; ++i) signers[i] = vm.addr(publisherKeys[i]);
        vm.expectEmit();
        emit IIndexOracle.RoundRecorded(INDEX, 1, timestamp, 2, 0, signers, prices, false);
        oracle.submit(INDEX, timestamp, observations);
    }

    function test_submit_revertsBelowQuorum() public {
        uint64[] memory prices = new uint64[](2);
        (prices[0], prices[1]) = (PRICE, PRICE);
        IIndexOracle.SignedObservation[] memory observations = _round(INDEX, uint32(vm.getBlockTimestamp()), prices);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.QuorumNotMet.selector, INDEX, 2, 3));
        oracle.submit(INDEX, uint32(vm.getBlockTimestamp()), observations);
    }

    function test_submit_revertsOnDuplicateSigner() public {
        uint32 timestamp = uint32(vm.getBlockTimestamp());
        IIndexOracle.SignedObservation[] memory observations = _uniformRound(PRICE);
        observations[2] = observations[1];
        address signer = vm.addr(publisherKeys[1]);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.SignersNotAscending.selector, signer, signer));
        oracle.submit(INDEX, timestamp, observations);
    }

    function test_submit_revertsOnUnorderedSigners() public {
        uint32 timestamp = uint32(vm.getBlockTimestamp());
        IIndexOracle.SignedObservation[] memory observations = _uniformRound(PRICE);
        (observations[0], observations[1]) = (observations[1], observations[0]);
        vm.expectRevert(
            abi.encodeWithSelector(
                IIndexOracle.SignersNotAscending.selector,
                vm.addr(publisherKeys[1]),
                vm.addr(publisherKeys[0])
            )
        );
        oracle.submit(INDEX, timestamp, observations);
    }

    function test_submit_revertsOnNonPublisher() public {
        uint256 outsider = 0xBAD;
        uint32 timestamp = uint32(vm.getBlockTimestamp());
        IIndexOracle.SignedObservation[] memory observations = _uniformRound(PRICE);
        // Put the outsider where its address keeps the order ascending, so only membership fails.
        observations = _withOutsider(observations, outsider, timestamp);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.NotPublisher.selector, INDEX, vm.addr(outsider)));
        oracle.submit(INDEX, timestamp, observations);
    }

    function test_submit_revertsOnRemovedPublisher() public {
        oracle.removePublisher(INDEX, vm.addr(publisherKeys[0]));
        IIndexOracle.SignedObservation[] memory observations = _uniformRound(PRICE);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.NotPublisher.selector, INDEX, vm.addr(publisherKeys[0])));
        oracle.submit(INDEX, uint32(vm.getBlockTimestamp()), observations);
    }

    function test_submit_revertsOnMalleableHighS() public {
        IIndexOracle.SignedObservation[] memory observations = _uniformRound(PRICE);
        // s above n/2 with the parity bit clear: a signature OpenZeppelin's ECDSA refuses.
        observations[0].vs = bytes32(uint256(0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A1));
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.InvalidSignature.selector, 0));
        oracle.submit(INDEX, uint32(vm.getBlockTimestamp()), observations);
    }

    function test_submit_revertsOnZeroR() public {
        IIndexOracle.SignedObservation[] memory observations = _uniformRound(PRICE);
        observations[1].r = bytes32(0);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.InvalidSignature.selector, 1));
        oracle.submit(INDEX, uint32(vm.getBlockTimestamp()), observations);
    }

    function test_submit_revertsOnTamperedPrice() public {
        IIndexOracle.SignedObservation[] memory observations = _uniformRound(PRICE);
        observations[0].price = PRICE + 1;
        // The signature now recovers to some unrelated address.
        vm.expectPartialRevert(IIndexOracle.NotPublisher.selector);
        oracle.submit(INDEX, uint32(vm.getBlockTimestamp()), observations);
    }

    function test_submit_revertsOnSignatureFromAnotherIndex() public {
        IIndexOracle.SignedObservation[] memory observations = _round(
            OTHER_INDEX,
            uint32(vm.getBlockTimestamp()),
            _prices(PRICE, PRICE, PRICE)
        );
        vm.expectPartialRevert(IIndexOracle.NotPublisher.selector);
        oracle.submit(INDEX, uint32(vm.getBlockTimestamp()), observations);
    }

    function test_submit_revertsOnSignatureFromAnotherChain() public {
        IIndexOracle.SignedObservation[] memory observations = _uniformRound(PRICE);
        vm.chainId(10);
        vm.expectPartialRevert(IIndexOracle.NotPublisher.selector);
        oracle.submit(INDEX, uint32(vm.getBlockTimestamp()), observations);
    }

    function test_submit_revertsOnReplayOfSameRound() public {
        IIndexOracle.SignedObservation[] memory observations = _uniformRound(PRICE);
        uint32 timestamp = uint32(vm.getBlockTimestamp());
        oracle.submit(INDEX, timestamp, observations);
        vm.warp(vm.getBlockTimestamp() + 10 minutes);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.TimestampNotIncreasing.selector, timestamp, timestamp));
        oracle.submit(INDEX, timestamp, observations);
    }

    function test_submit_revertsOnZeroPrice() public {
        IIndexOracle.SignedObservation[] memory observations = _round(
            INDEX,
            uint32(vm.getBlockTimestamp()),
            _prices(PRICE, 0, PRICE)
        );
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.ZeroPrice.selector, 1));
        oracle.submit(INDEX, uint32(vm.getBlockTimestamp()), observations);
    }

    function test_submit_revertsOnFutureTimestamp() public {
        uint32 future = uint32(vm.getBlockTimestamp() + 1);
        IIndexOracle.SignedObservation[] memory observations = _round(INDEX, future, _prices(PRICE, PRICE, PRICE));
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.FutureTimestamp.selector, future, vm.getBlockTimestamp()));
        oracle.submit(INDEX, future, observations);
    }

    function test_submit_revertsOnStaleTimestamp() public {
        uint32 old = uint32(vm.getBlockTimestamp() - MAX_DELAY - 1);
        IIndexOracle.SignedObservation[] memory observations = _round(INDEX, old, _prices(PRICE, PRICE, PRICE));
        vm.expectRevert(
            abi.encodeWithSelector(IIndexOracle.StaleTimestamp.selector, old, vm.getBlockTimestamp() - MAX_DELAY)
        );
        oracle.submit(INDEX, old, observations);
    }

    function test_submit_revertsOnUnknownIndex() public {
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.UnknownIndex.selector, bytes32("NOPE")));
        oracle.submit("NOPE", uint32(vm.getBlockTimestamp()), new IIndexOracle.SignedObservation[](0));
    }

    function test_submit_revertsWhenPaused() public {
        vm.prank(guardian);
        oracle.setPaused(INDEX, true);
        IIndexOracle.SignedObservation[] memory observations = _uniformRound(PRICE);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.IndexIsPaused.selector, INDEX));
        oracle.submit(INDEX, uint32(vm.getBlockTimestamp()), observations);
    }

    /* ---------------------------- move guard ---------------------------- */

    function test_submit_acceptsMoveAtTheLimit() public {
        _submitAt(START, 1_000_000);
        _submitAt(START + 1 hours, 1_200_000); // exactly +20%
        assertEq(oracle.latestRound(INDEX).price, 1_200_000);
    }

    function test_submit_revertsOnMoveBeyondLimit() public {
        _submitAt(START, 1_000_000);
        vm.warp(START + 1 hours);
        IIndexOracle.SignedObservation[] memory observations = _uniformRound(799_999);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.MoveTooLarge.selector, 1_000_000, 799_999, MAX_MOVE_BPS));
        oracle.submit(INDEX, uint32(vm.getBlockTimestamp()), observations);
    }

    function test_submitConfirmed_guardianAcceptsLargeMove() public {
        _submitAt(START, 1_000_000);
        vm.warp(START + 1 hours);
        IIndexOracle.SignedObservation[] memory observations = _uniformRound(3_000_000);
        vm.prank(guardian);
        oracle.submitConfirmed(INDEX, uint32(vm.getBlockTimestamp()), observations);
        assertEq(oracle.latestRound(INDEX).price, 3_000_000);
    }

    function test_submitConfirmed_revertsForNonGuardian() public {
        IIndexOracle.SignedObservation[] memory observations = _uniformRound(PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                address(this),
                oracle.GUARDIAN_ROLE()
            )
        );
        oracle.submitConfirmed(INDEX, uint32(vm.getBlockTimestamp()), observations);
    }

    /* ---------------------------- staleness ----------------------------- */

    function test_latestPrice_revertsWhenStale() public {
        _submitAt(START, PRICE);
        vm.warp(START + MAX_AGE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IIndexOracle.StaleIndex.selector, INDEX, uint32(START), MAX_AGE + 1, MAX_AGE)
        );
        oracle.latestPrice(INDEX);
        assertTrue(oracle.isStale(INDEX));
    }

    function test_latestPrice_revertsWithoutRounds() public {
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.NoRounds.selector, INDEX));
        oracle.latestPrice(INDEX);
        assertTrue(oracle.isStale(INDEX));
    }

    function test_latestPrice_businessDayIndexSurvivesWeekend() public {
        // A daily index: a 26-hour business-time limit.
        oracle.setIndexParams(INDEX, IIndexOracle.IndexParams(3, MAX_MOVE_BPS, 26 hours, MAX_DELAY, true));
        uint256 fridayFixing = START + 4 days + 16 hours;
        _submitAt(fridayFixing, PRICE);
        vm.warp(START + 7 days + 10 hours); // Monday 10:00, 18 business hours later
        (uint64 price, ) = oracle.latestPrice(INDEX);
        assertEq(price, PRICE);
        vm.warp(START + 7 days + 18 hours + 1); // Monday 18:00:01: 26 business hours and a second
        assertTrue(oracle.isStale(INDEX));
    }

    function test_latestPrice_calendarIndexStaleOverWeekend() public {
        oracle.setIndexParams(INDEX, IIndexOracle.IndexParams(3, MAX_MOVE_BPS, 26 hours, MAX_DELAY, false));
        _submitAt(START + 4 days + 16 hours, PRICE);
        vm.warp(START + 7 days + 10 hours);
        assertTrue(oracle.isStale(INDEX));
    }

    /* ------------------------- reads by index number --------------------- */

    function test_indexNumber_countsRegistrations() public {
        assertEq(oracle.indexNumber(INDEX), 1);
        assertEq(oracle.indexNumber(OTHER_INDEX), 2);
        assertEq(oracle.indexCount(), 2);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.UnknownIndex.selector, bytes32("NONE")));
        oracle.indexNumber("NONE");
    }

    function test_latestPriceOf_answersAsLatestPriceAndNamesTheIndex() public {
        uint256 number = oracle.indexNumber(INDEX);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.NoRounds.selector, INDEX));
        oracle.latestPriceOf(number);
        _submitAt(START, PRICE);
        (uint64 price, uint32 timestamp) = oracle.latestPriceOf(number);
        assertEq(price, PRICE);
        assertEq(timestamp, START);
        // The other index is untouched.
        uint256 other = oracle.indexNumber(OTHER_INDEX);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.NoRounds.selector, OTHER_INDEX));
        oracle.latestPriceOf(other);
        vm.warp(START + MAX_AGE + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IIndexOracle.StaleIndex.selector, INDEX, uint32(START), MAX_AGE + 1, MAX_AGE)
        );
        oracle.latestPriceOf(number);
    }

    function test_latestPriceOf_followsNewAgeRules() public {
        _submitAt(START, PRICE);
        vm.warp(START + MAX_AGE + 1);
        assertTrue(oracle.isStale(INDEX));
        // A longer maxAge set after the round applies to it at once.
        oracle.setIndexParams(INDEX, IIndexOracle.IndexParams(3, MAX_MOVE_BPS, MAX_AGE + 1, MAX_DELAY, false));
        (uint64 price, ) = oracle.latestPriceOf(oracle.indexNumber(INDEX));
        assertEq(price, PRICE);
        assertFalse(oracle.isStale(INDEX));
    }

    /* --------------------------- administration ------------------------- */

    function test_registerIndex_revertsWhenRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.IndexAlreadyRegistered.selector, INDEX));
        _register(INDEX, 3, RING);
    }

    function test_registerIndex_revertsOnZeroQuorum() public {
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.InvalidIndexParams.selector, 0, MAX_AGE, MAX_DELAY));
        _register("NEW", 0, RING);
    }

    function test_registerIndex_revertsOnZeroRing() public {
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.InvalidCardinality.selector, 0, 0));
        _register("NEW", 1, 0);
    }

    function test_registerIndex_revertsForNonAdmin() public {
        vm.prank(guardian);
        vm.expectPartialRevert(IAccessControl.AccessControlUnauthorizedAccount.selector);
        _register("NEW", 1, RING);
    }

    function test_addPublisher_revertsOnDuplicate() public {
        address publisher = vm.addr(publisherKeys[0]);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.InvalidPublisher.selector, INDEX, publisher));
        oracle.addPublisher(INDEX, publisher);
    }

    function test_addPublisher_revertsOnZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.InvalidPublisher.selector, INDEX, address(0)));
        oracle.addPublisher(INDEX, address(0));
    }

    function test_setPaused_revertsForNonGuardian() public {
        vm.expectPartialRevert(IAccessControl.AccessControlUnauthorizedAccount.selector);
        oracle.setPaused(INDEX, true);
    }

    function test_setMethodology_updatesMetadata() public {
        oracle.setMethodology(INDEX, "ipfs://v2", keccak256("v2"));
        IIndexOracle.IndexMetadata memory metadata = oracle.indexMetadata(INDEX);
        assertEq(metadata.methodologyURI, "ipfs://v2");
        assertEq(metadata.methodologyHash, keccak256("v2"));
        assertEq(metadata.decimals, 6);
    }

    function test_growRing_revertsWhenNotLarger() public {
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.InvalidCardinality.selector, RING, RING));
        oracle.growRing(INDEX, RING);
    }

    /* ------------------------------- helpers ---------------------------- */

    /// @dev Replaces one observation by the outsider's so signers stay strictly ascending.
    function _withOutsider(
        IIndexOracle.SignedObservation[] memory observations,
        uint256 outsiderKey,
        uint32 timestamp
    ) private view returns (IIndexOracle.SignedObservation[] memory) {
        address outsider = vm.addr(outsiderKey);
        uint256[] memory keys = new uint256[](3);
        keys[0] = outsiderKey;
        uint256 filled = 1;
        for (uint256 i; filled < 3; ++i) keys[filled++] = publisherKeys[i];
        // Sort the three keys by address.
        for (uint256 i = 1; i < 3; ++i) {
            for (uint256 j = i; j > 0 && vm.addr(keys[j - 1]) > vm.addr(keys[j]); --j) {
                (keys[j - 1], keys[j]) = (keys[j], keys[j - 1]);
            }
        }
        for (uint256 i; i < 3; ++i) observations[i] = _sign(keys[i], INDEX, timestamp, PRICE);
        assertTrue(outsider != address(0));
        return observations;
    }
}
