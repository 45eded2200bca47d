// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title CapacityMathLib
/// @notice Bond and cover arithmetic of capacity tokens, shared by the token and (for covered
///         shorts) the clearing house. Rounding is in the name and favours the protocol.
library CapacityMathLib {
    uint256 internal constant BPS = 10_000;

    /// @notice Collateral a mint must add so that the bond is `(liability + units) × newRate`
    ///         when it was `liability × oldRate`. Exact (no rounding).
    /// @dev `newRate >= oldRate` (rates only rise), so the result is never negative.
    function bondDeposit(
        uint256 liability,
        uint256 units,
        uint256 oldRate,
        uint256 newRate
    ) internal pure returns (uint256) {
        return (liability + units) * newRate - liability * oldRate;
    }

    /// @notice GPU-hours of `units` (spread evenly over [`start`, `end`]) that fall inside
    ///         [max(`from`, `now`), `to`], rounded down.
    /// @dev Zero when the intersection is empty. `start < end` is assumed (true of any minted id).
    function coveredHoursDown(
        uint256 units,
        uint256 start,
        uint256 end,
        uint256 from,
        uint256 to,
        uint256 now_
    ) internal pure returns (uint256) {
        uint256 lo = start;
        if (from > lo) lo = from;
        if (now_ > lo) lo = now_;
        uint256 hi = end < to ? end : to;
        if (hi <= lo) return 0;
        return (units * (hi - lo)) / (end - start);
    }

    /// @notice `hours_ × price × (1 − haircutBps / 10,000)`, rounded down.
    function coverValueDown(uint256 hours_, uint256 price, uint256 haircutBps) internal pure returns (uint256) {
        return (hours_ * price * (BPS - haircutBps)) / BPS;
    }
}
