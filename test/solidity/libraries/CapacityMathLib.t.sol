// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CapacityMathLib} from "../../../contracts/libraries/CapacityMathLib.sol";
import {BaseTest} from "../utils/BaseTest.sol";

contract CapacityMathLibTest is BaseTest {
    uint256 internal constant S = 1_000_000;
    uint256 internal constant E = S + 720 hours;

    function test_bondDeposit_firstMint() public pure {
        assertEq(CapacityMathLib.bondDeposit(0, 100, 0, 7), 700);
    }

    function test_bondDeposit_topsUpTheLiabilityAtARaisedRate() public pure {
        assertEq(CapacityMathLib.bondDeposit(100, 50, 4, 6), 150 * 6 - 100 * 4);
    }

    function testFuzz_bondDeposit_leavesExactlyTheNewBond(
        uint64 liability,
        uint64 units,
        uint64 oldRate,
        uint64 raise
    ) public pure {
        uint256 newRate = uint256(oldRate) + (uint256(raise) % (uint256(type(uint64).max) - oldRate + 1));
        uint256 deposit = CapacityMathLib.bondDeposit(liability, units, oldRate, newRate);
        assertEq(uint256(liability) * oldRate + deposit, (uint256(liability) + units) * newRate);
    }

    function test_coveredHoursDown_cases() public pure {
        // Before the window, the whole window.
        assertEq(CapacityMathLib.coveredHoursDown(720, S, E, S, E, S - 1), 720);
        // A third in: two thirds left.
        assertEq(CapacityMathLib.coveredHoursDown(720, S, E, S, E, S + 240 hours), 480);
        // After the end: nothing.
        assertEq(CapacityMathLib.coveredHoursDown(720, S, E, S, E, E), 0);
        // A market window inside the tokens' window.
        assertEq(CapacityMathLib.coveredHoursDown(720, S, E, S + 100 hours, S + 200 hours, 0), 100);
        // Disjoint windows.
        assertEq(CapacityMathLib.coveredHoursDown(720, S, E, E, E + 10 hours, 0), 0);
        assertEq(CapacityMathLib.coveredHoursDown(720, S, E, 0, S, 0), 0);
        // Rounds down: 1 unit over 720 hours, 1 hour of it.
        assertEq(CapacityMathLib.coveredHoursDown(1, S, E, S, S + 1 hours, 0), 0);
    }

    function testFuzz_coveredHoursDown_neverAboveUnitsAndFallsWithTime(
        uint64 units,
        uint32 from,
        uint32 to,
        uint32 t0,
        uint32 dt
    ) public pure {
        uint256 early = CapacityMathLib.coveredHoursDown(units, S, E, from, to, t0);
        uint256 later = CapacityMathLib.coveredHoursDown(units, S, E, from, to, uint256(t0) + dt);
        assertLe(early, units);
        assertLe(later, early);
    }

    function testFuzz_coveredHoursDown_splitsAdditively(uint64 units, uint32 cut) public pure {
        uint256 mid = S + (cut % (E - S + 1));
        uint256 left = CapacityMathLib.coveredHoursDown(units, S, E, S, mid, 0);
        uint256 right = CapacityMathLib.coveredHoursDown(units, S, E, mid, E, 0);
        // Each part rounds down at most one unit.
        assertLe(left + right, units);
        assertGe(left + right + 1, units);
    }

    function test_coverValueDown_appliesTheHaircut() public pure {
        assertEq(CapacityMathLib.coverValueDown(720, 2_134_500, 2_000), (720 * 2_134_500 * 8_000) / 10_000);
        assertEq(CapacityMathLib.coverValueDown(720, 2_134_500, 10_000), 0);
        assertEq(CapacityMathLib.coverValueDown(3, 1, 5_000), 1);
    }

    function testFuzz_coverValueDown_neverAboveFullValue(uint64 hours_, uint64 price, uint16 haircutBps) public pure {
        haircutBps = uint16(bound(haircutBps, 0, 10_000));
        uint256 value = CapacityMathLib.coverValueDown(hours_, price, haircutBps);
        assertLe(value, uint256(hours_) * price);
        assertLe(value, CapacityMathLib.coverValueDown(hours_, price, haircutBps / 2));
    }
}
