// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title CalendarLib
/// @notice Business time (Monday to Friday, UTC) for indexes published once a business day, so a
///         Friday fixing is not stale on Monday morning.
library CalendarLib {
    uint256 internal constant DAY = 1 days;
    uint256 internal constant WEEK = 7 days;
    uint256 internal constant BUSINESS_WEEK = 5 days;
    /// @dev 1970-01-01 was a Thursday; shifting by three days counts weeks from Monday 1969-12-29.
    uint256 internal constant MONDAY_SHIFT = 3 days;

    /// @notice Seconds of Monday-to-Friday time (UTC) in [`start`, `end`); zero when `end <= start`.
    function businessSecondsBetween(uint256 start, uint256 end) internal pure returns (uint256) {
        if (end <= start) return 0;
        return businessSecondsSinceEpoch(end) - businessSecondsSinceEpoch(start);
    }

    /// @notice The age at `end` of a round timestamped `start` (`start <= end`): seconds between
    ///         them, only Monday-to-Friday ones when `businessDaysOnly`. The oracle and the
    ///         clearing house's index copy both judge staleness by it.
    function ageAt(uint256 start, uint256 end, bool businessDaysOnly) internal pure returns (uint256) {
        return businessDaysOnly ? businessSecondsBetween(start, end) : end - start;
    }

    /// @notice Seconds of Monday-to-Friday time from Monday 1969-12-29 00:00 UTC to `time`.
    function businessSecondsSinceEpoch(uint256 time) internal pure returns (uint256) {
        uint256 shifted = time + MONDAY_SHIFT;
        uint256 intoWeek = shifted % WEEK;
        return (shifted / WEEK) * BUSINESS_WEEK + (intoWeek < BUSINESS_WEEK ? intoWeek : BUSINESS_WEEK);
    }

    /// @notice Day of the week of `time`, 0 = Monday … 6 = Sunday (UTC).
    function weekday(uint256 time) internal pure returns (uint256) {
        return ((time + MONDAY_SHIFT) / DAY) % 7;
    }
}
