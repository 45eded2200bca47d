// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {ClearingHouseStorage} from "../../../contracts/clearinghouse/ClearingHouseStorage.sol";
import {IClearingHouse} from "../../../contracts/interfaces/IClearingHouse.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {CoveredTestBase} from "../capacity/CoveredTestBase.sol";
import {Deploy} from "../utils/Deploy.sol";

/// @notice The clearing house's copy of the index (`_indexes`), kept by the real oracle's pushes:
///         every round and age-rule change reaches it in the same transaction, it applies the
///         oracle's age rule itself (business days included), and when the index is unusable it
///         reverts with the oracle's own error.
contract IndexCopyTest is CoveredTestBase {
    uint32 internal constant DAY = 1 days;

    function test_roundsReachTheClearingHouse() public {
        assertEq(ch.markPrice(market), PRICE, "the round of setUp");
        _submitAt(block.timestamp + 60, PRICE + 10_000);
        assertEq(ch.markPrice(market), PRICE + 10_000, "the next round, in its own transaction");
        uint256 number = oracle.indexNumber(INDEX);
        IIndexOracle.LatestIndex memory copy = ch.indexCopy(number);
        assertEq(copy.price, PRICE + 10_000);
        assertEq(copy.timestamp, block.timestamp);
        assertEq(copy.maxAge, MAX_AGE);
        assertFalse(copy.businessDaysOnly);
        assertEq(keccak256(abi.encode(copy)), keccak256(abi.encode(oracle.latestIndex(number))));
    }

    function test_staleIndex_revertsWithTheOraclesError() public {
        uint256 publishedAt = block.timestamp;
        vm.warp(publishedAt + MAX_AGE);
        assertEq(ch.markPrice(market), PRICE, "at its maximum age the index is still good");
        vm.warp(publishedAt + MAX_AGE + 1);
        bytes memory stale = abi.encodeWithSelector(
            IIndexOracle.StaleIndex.selector,
            INDEX,
            uint32(publishedAt),
            MAX_AGE + 1,
            MAX_AGE
        );
        vm.expectRevert(stale);
        oracle.latestPrice(INDEX);
        vm.expectRevert(stale);
        ch.markPrice(market);
    }

    function test_ageRuleChange_reachesTheClearingHouse() public {
        vm.warp(block.timestamp + MAX_AGE + 1);
        vm.expectPartialRevert(IIndexOracle.StaleIndex.selector);
        ch.markPrice(market);
        oracle.setIndexParams(INDEX, IIndexOracle.IndexParams(3, MAX_MOVE_BPS, 2 * MAX_AGE, MAX_DELAY, false));
        assertEq(ch.markPrice(market), PRICE, "a longer age rule makes the same round good again");
    }

    function test_businessDayRule_weekendDoesNotAge() public {
        oracle.setIndexParams(INDEX, IIndexOracle.IndexParams(3, MAX_MOVE_BPS, DAY, MAX_DELAY, true));
        // START is a Monday: a fixing on Friday noon is good until Monday noon.
        uint256 friday = START + 4 * DAY + 12 hours;
        _submitAt(friday, PRICE + 5_000);
        vm.warp(friday + 3 * DAY);
        assertEq(ch.markPrice(market), PRICE + 5_000, "Monday noon: one business day old");
        vm.warp(friday + 3 * DAY + 1);
        vm.expectPartialRevert(IIndexOracle.StaleIndex.selector);
        ch.markPrice(market);
    }

    function test_onLatestIndex_revertsForAnyoneButTheOracle() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.NotIndexOracle.selector, stranger));
        ch.onLatestIndex(1, IIndexOracle.LatestIndex(1, uint32(block.timestamp), type(uint32).max, false));
        assertEq(ch.markPrice(market), PRICE, "the copy is unchanged");
    }

    function test_createMarket_revertsOnAnOracleThatPushesElsewhere() public {
        ClearingHouseStorage.RiskParams memory risk = ClearingHouseStorage.RiskParams(
            100,
            5_000,
            2_000,
            1 days,
            3 days,
            600
        );
        IClearingHouse other = Deploy.clearingHouse(
            IERC20Metadata(address(usdc)),
            IIndexOracle(address(oracle)),
            address(this),
            address(this),
            guardian,
            risk
        );
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.NotIndexSubscriber.selector, address(ch)));
        other.createMarket(_marketParams(INDEX));
    }
}
