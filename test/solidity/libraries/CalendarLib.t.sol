// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CalendarLib} from "../../../contracts/libraries/CalendarLib.sol";
import {BaseTest} from "../utils/BaseTest.sol";

contract CalendarLibTest is BaseTest {
    /// @dev 2026-11-27 00:00 UTC, a Friday.
    uint256 internal constant FRIDAY = 1_795_737_600;

    function test_weekday_knownDates() public pure {
        assertEq(CalendarLib.weekday(0), 3, "1970-01-01 was a Thursday");
        assertEq(CalendarLib.weekday(FRIDAY), 4, "2026-11-27 is a Friday");
        assertEq(CalendarLib.weekday(FRIDAY + 1 days), 5, "Saturday");
        assertEq(CalendarLib.weekday(FRIDAY + 3 days), 0, "Monday");
    }

    function test_businessSecondsBetween_skipsWeekend() public pure {
        // Friday 16:00 to Monday 10:00: eight hours of Friday and ten of Monday.
        uint256 fridayAfternoon = FRIDAY + 16 hours;
        uint256 mondayMorning = FRIDAY + 3 days + 10 hours;
        assertEq(CalendarLib.businessSecondsBetween(fridayAfternoon, mondayMorning), 18 hours);
    }

    function test_businessSecondsBetween_withinWeekendIsZero() public pure {
        assertEq(CalendarLib.businessSecondsBetween(FRIDAY + 1 days, FRIDAY + 3 days), 0);
    }

    function test_ageAt_countsBusinessSecondsOnlyWhenAsked() public pure {
        uint256 fridayAfternoon = FRIDAY + 16 hours;
        uint256 mondayMorning = FRIDAY + 3 days + 10 hours;
        assertEq(CalendarLib.ageAt(fridayAfternoon, mondayMorning, true), 18 hours);
        assertEq(CalendarLib.ageAt(fridayAfternoon, mondayMorning, false), 2 days + 18 hours);
        assertEq(CalendarLib.ageAt(FRIDAY, FRIDAY, false), 0);
    }

    function test_businessSecondsBetween_reversedIsZero() public pure {
        assertEq(CalendarLib.businessSecondsBetween(FRIDAY + 10, FRIDAY), 0);
    }

    function testFuzz_businessSecondsBetween_matchesDayByDay(uint256 start, uint256 length) public pure {
        start = bound(start, 0, 4_000_000_000);
        length = bound(length, 0, 60 days);
        assertEq(CalendarLib.businessSecondsBetween(start, start + length), _dayByDay(start, start + length));
    }

    function testFuzz_businessSecondsBetween_additive(uint256 a, uint256 b, uint256 c) public pure {
        a = bound(a, 0, 4_000_000_000);
        b = bound(b, a, a + 400 days);
        c = bound(c, b, b + 400 days);
        assertEq(
            CalendarLib.businessSecondsBetween(a, c),
            CalendarLib.businessSecondsBetween(a, b) + CalendarLib.businessSecondsBetween(b, c)
        );
    }

    /// @dev Walks day boundaries, adding the part of each weekday inside [start, end).
    function _dayByDay(uint256 start, uint256 end) private pure returns (uint256 total) {
        uint256 cursor = start;
        while (cursor < end) {
            uint256 nextDay = (cursor / 1 days + 1) * 1 days;
            uint256 until = nextDay < end ? nextDay : end;
            if (CalendarLib.weekday(cursor) < 5) total += until - cursor;
            cursor = until;
        }
    }
}
