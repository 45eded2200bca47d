// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";
import {IndexOracle} from "../../../contracts/oracle/IndexOracle.sol";
import {ClearingHouseFixture} from "../utils/ClearingHouseFixture.sol";
import {OracleTestBase} from "../oracle/OracleTestBase.sol";
import {Deploy} from "../utils/Deploy.sol";

/// @notice Attacks on the index oracle: five publishers, quorum 3, max move 20% per round. Each
///         attack here is already stopped; the tests prove how (or bound what is left).
contract OracleAttacksTest is OracleTestBase {
    uint64 internal constant HIGH = 10 * PRICE;

    function _now() internal view returns (uint32) {
        return uint32(vm.getBlockTimestamp());
    }

    /* --------------------------- collusion --------------------------- */

    function test_collusionBelowQuorum_reverts() public {
        uint64[] memory prices = new uint64[](2);
        (prices[0], prices[1]) = (HIGH, HIGH);
        IIndexOracle.SignedObservation[] memory obs = _round(INDEX, _now(), prices);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.QuorumNotMet.selector, INDEX, 2, 3));
        oracle.submit(INDEX, _now(), obs);
    }

    /// @dev One colluder cannot count twice, with the same or with different prices.
    function test_colluderSigningTwice_reverts() public {
        IIndexOracle.SignedObservation[] memory obs = new IIndexOracle.SignedObservation[](3);
        obs[0] = _sign(publisherKeys[0], INDEX, _now(), HIGH);
        obs[1] = _sign(publisherKeys[0], INDEX, _now(), HIGH + 1);
        obs[2] = _sign(publisherKeys[1], INDEX, _now(), HIGH);
        address c = vm.addr(publisherKeys[0]);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.SignersNotAscending.selector, c, c));
        oracle.submit(INDEX, _now(), obs);
        obs[1] = obs[0];
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.SignersNotAscending.selector, c, c));
        oracle.submit(INDEX, _now(), obs);
    }

    /// @dev Two colluders among five signers (a minority of any round the submitter can build
    ///      from all five) cannot take the median outside the honest prices, whatever they sign
    ///      and wherever they sit. With quorum q the median tolerates ⌈q/2⌉ − 1 colluders per
    ///      round; more is bounded by `maxMoveBps` (next test).
    function testFuzz_minorityColluders_medianWithinHonestRange(uint64[5] memory raw, uint256 positionSeed) public {
        uint256 a = positionSeed % 5;
        uint256 b = (a + 1 + ((positionSeed >> 8) % 4)) % 5;
        uint64[] memory prices = new uint64[](5);
        uint64 lo = type(uint64).max;
        uint64 hi;
        for (uint256 i; i < 5; ++i) {
            if (i == a || i == b) {
                prices[i] = uint64(bound(raw[i], 1, type(uint64).max));
            } else {
                prices[i] = uint64(bound(raw[i], PRICE / 2, 2 * PRICE));
                if (prices[i] < lo) lo = prices[i];
                if (prices[i] > hi) hi = prices[i];
            }
        }
        oracle.submit(INDEX, _now(), _round(INDEX, _now(), prices));
        (uint64 price, ) = oracle.latestPrice(INDEX);
        assertGe(price, lo);
        assertLe(price, hi);
    }

    /// @dev Two colluders plus one honest signer control a quorum-3 median, but each round moves
    ///      at most `maxMoveBps` from the last one unless the guardian confirms it.
    function test_colludingHalfOfQuorum_boundedByMaxMove() public {
        _submitAt(START, PRICE);
        vm.warp(START + 60);
        uint64[] memory prices = _prices(HIGH, HIGH, PRICE);
        IIndexOracle.SignedObservation[] memory obs = _round(INDEX, _now(), prices);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.MoveTooLarge.selector, PRICE, HIGH, MAX_MOVE_BPS));
        oracle.submit(INDEX, _now(), obs);
        uint64 edge = PRICE + (PRICE * MAX_MOVE_BPS) / 10_000;
        oracle.submit(INDEX, _now(), _round(INDEX, _now(), _prices(edge, edge, PRICE)));
        (uint64 price, ) = oracle.latestPrice(INDEX);
        assertEq(price, edge);
    }

    /* ------------------------- jumping index ------------------------- */

    /// @dev A genuine jump beyond `maxMoveBps` needs the guardian; no one else may confirm it.
    function test_jump_needsGuardianConfirmation() public {
        _submitAt(START, PRICE);
        vm.warp(START + 60);
        IIndexOracle.SignedObservation[] memory obs = _uniformRound(2 * PRICE);
        vm.expectPartialRevert(IIndexOracle.MoveTooLarge.selector);
        oracle.submit(INDEX, _now(), obs);
        address stranger = address(0xBEEF);
        bytes memory unauthorized = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector,
            stranger,
            oracle.GUARDIAN_ROLE()
        );
        vm.prank(stranger);
        vm.expectRevert(unauthorized);
        oracle.submitConfirmed(INDEX, _now(), obs);
        vm.prank(guardian);
        oracle.submitConfirmed(INDEX, _now(), obs);
        (uint64 price, ) = oracle.latestPrice(INDEX);
        assertEq(price, 2 * PRICE);
    }

    /// @dev Residual risk (finding O-2, accepted): `maxMoveBps` bounds each round, not each
    ///      period, so a quorum that signs a round every second compounds 20% per second. What
    ///      bounds it is the quorum's honesty and the clearing house's band and liquidation rule.
    function test_chainedRounds_eachBoundedByMaxMove() public {
        _submitAt(START, PRICE);
        uint64 price = PRICE;
        for (uint256 i = 1; i <= 3; ++i) {
            price = price + (price * MAX_MOVE_BPS) / 10_000;
            _submitAt(START + i, price);
        }
        (uint64 last, ) = oracle.latestPrice(INDEX);
        assertEq(last, price);
        assertGt(last, (PRICE * 17) / 10); // 1.2³ = 1.728 in three seconds
        vm.warp(START + 4);
        uint64 tooFar = price + (price * MAX_MOVE_BPS) / 10_000 + 1;
        IIndexOracle.SignedObservation[] memory obs = _uniformRound(tooFar);
        vm.expectPartialRevert(IIndexOracle.MoveTooLarge.selector);
        oracle.submit(INDEX, _now(), obs);
    }

    /* ------------------------ replayed signatures --------------------- */

    function test_replayedRound_reverts() public {
        IIndexOracle.SignedObservation[] memory obs = _uniformRound(PRICE);
        uint32 t = _now();
        oracle.submit(INDEX, t, obs);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.TimestampNotIncreasing.selector, t, t));
        oracle.submit(INDEX, t, obs);
        vm.warp(START + 10);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.TimestampNotIncreasing.selector, t, t));
        oracle.submit(INDEX, t, obs);
    }

    /// @dev Signatures carry the index, the time and the price: replayed with another timestamp
    ///      they recover other addresses.
    function test_signatureReusedAtAnotherTime_reverts() public {
        IIndexOracle.SignedObservation[] memory obs = _uniformRound(PRICE);
        vm.warp(START + 10);
        vm.expectPartialRevert(IIndexOracle.NotPublisher.selector);
        oracle.submit(INDEX, _now(), obs);
    }

    function test_crossChainSignature_reverts() public {
        // Read through a call: under via-IR `block.chainid` may be hoisted past the cheatcode.
        (, , , uint256 home, , , ) = oracle.eip712Domain();
        vm.chainId(1);
        IIndexOracle.SignedObservation[] memory obs = _uniformRound(PRICE);
        vm.chainId(home);
        (, , , uint256 chainNow, , , ) = oracle.eip712Domain();
        assertEq(chainNow, home);
        assertTrue(home != 1);
        vm.expectPartialRevert(IIndexOracle.NotPublisher.selector);
        oracle.submit(INDEX, _now(), obs);
    }

    function test_otherOracleDeploymentSignature_reverts() public {
        IndexOracle twin = IndexOracle(Deploy.indexOracle(address(this), guardian, address(0)));
        bytes32 digest = twin.observationDigest(INDEX, _now(), PRICE);
        IIndexOracle.SignedObservation[] memory obs = new IIndexOracle.SignedObservation[](3);
        for (uint256 i; i < 3; ++i) {
            (bytes32 r, bytes32 vs) = vm.signCompact(publisherKeys[i], digest);
            obs[i] = IIndexOracle.SignedObservation(PRICE, r, vs);
        }
        vm.expectPartialRevert(IIndexOracle.NotPublisher.selector);
        oracle.submit(INDEX, _now(), obs);
    }

    function test_otherIndexSignature_reverts() public {
        IIndexOracle.SignedObservation[] memory obs = _round(OTHER_INDEX, _now(), _prices(PRICE, PRICE, PRICE));
        vm.expectPartialRevert(IIndexOracle.NotPublisher.selector);
        oracle.submit(INDEX, _now(), obs);
    }

    /// @dev A removed publisher's signatures, even ones signed before its removal, no longer count.
    function test_removedPublisherSignature_reverts() public {
        IIndexOracle.SignedObservation[] memory obs = _uniformRound(PRICE);
        address removed = vm.addr(publisherKeys[0]);
        oracle.removePublisher(INDEX, removed);
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.NotPublisher.selector, INDEX, removed));
        oracle.submit(INDEX, _now(), obs);
    }

    /* ---------------------------- staleness --------------------------- */

    function test_staleIndex_reads_revert() public {
        _submitAt(START, PRICE);
        vm.warp(START + MAX_AGE + 1);
        vm.expectPartialRevert(IIndexOracle.StaleIndex.selector);
        oracle.latestPrice(INDEX);
        assertTrue(oracle.isStale(INDEX));
        // A withheld round cannot be dropped in late to revive it, nor one from the future.
        uint32 old = uint32(START + MAX_AGE + 1 - MAX_DELAY - 1);
        IIndexOracle.SignedObservation[] memory obs = _round(INDEX, old, _prices(PRICE, PRICE, PRICE));
        vm.expectPartialRevert(IIndexOracle.StaleTimestamp.selector);
        oracle.submit(INDEX, old, obs);
        uint32 future = _now() + 1;
        obs = _round(INDEX, future, _prices(PRICE, PRICE, PRICE));
        vm.expectPartialRevert(IIndexOracle.FutureTimestamp.selector);
        oracle.submit(INDEX, future, obs);
    }
}

/// @notice A stale index stops every price-dependent step of the clearing house (no trade,
///         liquidation or withdrawal against a position is valued on an old price); collateral of
///         accounts without positions stays withdrawable.
contract StaleIndexClearingHouseTest is ClearingHouseFixture {
    uint256 internal m1;
    address internal alice = address(0xA1);
    address internal bob = address(0xB0);
    address internal carol = address(0xCA);

    function setUp() public {
        _deploy();
        m1 = _createMarket(H100);
        _fund(alice, 250e6);
        _fund(bob, 1_000e6);
        _fund(carol, 1_000e6);
        _trade(m1, alice, bob, 1_000, PRICE);
        oracle.setPrice(H100, 1.5e6);
        oracle.setStale(H100, true);
    }

    function test_staleIndex_blocksLiquidationTradingAndWithdrawAgainstPositions() public {
        vm.prank(carol);
        vm.expectPartialRevert(IIndexOracle.StaleIndex.selector);
        ch.liquidate(alice, m1, type(uint256).max);
        IOrderBookBase.PlaceParams memory bid = _order(m1, true, IOrderBookBase.OrderType.Limit, PRICE, 10);
        vm.prank(carol);
        vm.expectPartialRevert(IIndexOracle.StaleIndex.selector);
        ch.place(bid);
        vm.prank(bob);
        vm.expectPartialRevert(IIndexOracle.StaleIndex.selector);
        ch.withdraw(1e6, bob);
        // Carol has no position: her collateral never depends on the index.
        vm.prank(carol);
        ch.withdraw(1_000e6, carol);
        assertEq(ch.collateralOf(carol), int256(0));
        // Fresh again: the liquidation goes ahead.
        oracle.setStale(H100, false);
        vm.prank(carol);
        ch.deposit(carol, 1_000e6);
        vm.prank(carol);
        assertEq(ch.liquidate(alice, m1, type(uint256).max), 810);
    }
}
