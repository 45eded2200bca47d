// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title MarginLib
/// @notice The clearing house's pure math: PnL, margin, fees, trades on a position, liquidation
///         size, mark price and the settlement write-down. Rounding is in each name and always
///         favours the protocol (requirements and fees up, payouts down).
/// @dev Units: sizes in GPU-hours, prices in quote units per GPU-hour, amounts in quote units.
///      Callers keep |size| < 2^41, price < 2^64, |openNotional| < 2^104, bps ≤ 10,000 and times
///      below 2^32 (the clearing house's packed types and market limits guarantee them), so no
///      sum or product below comes within 2^80 of int256's range: the arithmetic is unchecked.
library MarginLib {
    /// @notice Basis points in one.
    uint256 internal constant BPS = 10_000;

    /// @notice Absolute value.
    function abs(int256 x) internal pure returns (uint256) {
        unchecked {
            return x >= 0 ? uint256(x) : uint256(-x);
        }
    }

    /// @notice `absSize × price × bps / 10_000`, rounded up: margin requirements and fees.
    /// @dev Callers keep absSize < 2^41, price < 2^64 and bps ≤ 10_000, so the product stays
    ///      below 2^119 and plain checked arithmetic is exact.
    function bpsOfNotionalUp(uint256 absSize, uint256 price, uint256 bps) internal pure returns (uint256) {
        unchecked {
            uint256 x = absSize * price * bps;
            return x / BPS + (x % BPS == 0 ? 0 : 1);
        }
    }

    /// @notice `amount × bps / 10_000`, rounded down: shares paid out.
    function bpsDown(uint256 amount, uint256 bps) internal pure returns (uint256) {
        unchecked {
            return (amount * bps) / BPS;
        }
    }

    /// @notice Unrealized PnL of a position at `price`: size × price − openNotional.
    function unrealizedPnl(int256 size, int256 openNotional, uint256 price) internal pure returns (int256) {
        unchecked {
            return size * int256(price) - openNotional;
        }
    }

    /// @notice Equity minus initial margin at `mark`: `collateral + unrealizedPnl(size,
    ///         openNotional, mark) − bpsOfNotionalUp(worst, mark, imBps)` (margin holds when ≥ 0).
    function initialMarginExcess(
        int256 collateral,
        int256 size,
        int256 openNotional,
        uint256 worst,
        uint256 imBps,
        uint256 mark
    ) internal pure returns (int256) {
        unchecked {
            return collateral + unrealizedPnl(size, openNotional, mark) - int256(bpsOfNotionalUp(worst, mark, imBps));
        }
    }

    /// @notice Whether initial margin holds at every mark from `lower` to `upper`:
    ///         `initialMarginExcess` ≥ 0 for each integer mark between them. Checked at the two
    ///         edges only, and exact.
    /// @dev Why the edges suffice: f(m) = equity − margin = (collateral − openNotional) + size·m −
    ///      ⌈worst·imBps·m / 10⁴⌉. Without the ceiling, g(m) is linear in m and g(m) − 1 < f(m) ≤
    ///      g(m). For m between the edges g(m) ≥ min(g(lower), g(upper)) ≥ min(f(lower),
    ///      f(upper)), so f(m) > min(f(lower), f(upper)) − 1; f is an integer, so f(m) ≥
    ///      min(f(lower), f(upper)). The order path uses it to skip reading the traded-price
    ///      average when every mark the band allows passes.
    function initialMarginHoldsBetween(
        int256 collateral,
        int256 size,
        int256 openNotional,
        uint256 worst,
        uint256 imBps,
        uint256 lower,
        uint256 upper
    ) internal pure returns (bool) {
        return
            initialMarginExcess(collateral, size, openNotional, worst, imBps, lower) >= 0 &&
            initialMarginExcess(collateral, size, openNotional, worst, imBps, upper) >= 0;
    }

    /// @notice The largest |size| the position can reach if every resting order on one side
    ///         fills: max(|size + bid|, |size − ask|). Initial margin is charged on it.
    function worstSize(int256 size, uint256 bid, uint256 ask) internal pure returns (uint256) {
        unchecked {
            uint256 up = abs(size + int256(bid));
            uint256 down = abs(size - int256(ask));
            return up > down ? up : down;
        }
    }

    /// @notice Margin of a position of signed `size` when up to `coveredHours` of a short are
    ///         covered by capacity: the covered part `min(|size|, coveredHours)` at `coveredBps`,
    ///         the rest at `bps`, each rounded up. A long (or flat) position is never covered.
    /// @dev With `coveredHours == 0` this is `bpsOfNotionalUp(|size|, price, bps)`. Rounding each
    ///      part up makes the sum at least the exact requirement.
    function coveredMarginUp(
        int256 size,
        uint256 coveredHours,
        uint256 price,
        uint256 bps,
        uint256 coveredBps
    ) internal pure returns (uint256) {
        unchecked {
            uint256 absSize = abs(size);
            uint256 covered = size < 0 ? (absSize < coveredHours ? absSize : coveredHours) : 0;
            return bpsOfNotionalUp(covered, price, coveredBps) + bpsOfNotionalUp(absSize - covered, price, bps);
        }
    }

    /// @notice Initial margin of a covered position with resting orders: the larger of
    ///         `coveredMarginUp` at the two sides `size + bid` and `size − ask` (the covered
    ///         analogue of charging `bps` on `worstSize`).
    function coveredWorstMarginUp(
        int256 size,
        uint256 bid,
        uint256 ask,
        uint256 coveredHours,
        uint256 price,
        uint256 bps,
        uint256 coveredBps
    ) internal pure returns (uint256) {
        uint256 up = coveredMarginUp(size + int256(bid), coveredHours, price, bps, coveredBps);
        uint256 down = coveredMarginUp(size - int256(ask), coveredHours, price, bps, coveredBps);
        return up > down ? up : down;
    }

    /// @notice Whether adding `delta` only reduces |size| without flipping it (a reduce-only trade).
    function isReducing(int256 size, int256 delta) internal pure returns (bool) {
        unchecked {
            return size != 0 && ((size > 0) != (delta > 0)) && abs(delta) <= abs(size);
        }
    }

    /// @notice The position after a trade of `delta` GPU-hours at `price`, and the PnL it
    ///         realizes. Reducing closes a proportional part of the open notional; the closed
    ///         part is rounded toward +∞ so the realized PnL rounds down (the remainder stays in
    ///         the position, so nothing is created or lost over the position's life).
    /// @return newSize The size after the trade.
    /// @return newOpenNotional The open notional after the trade.
    /// @return realizedPnl PnL moved to collateral by the trade.
    function applyTradeDown(
        int256 size,
        int256 openNotional,
        int256 delta,
        uint256 price
    ) internal pure returns (int256 newSize, int256 newOpenNotional, int256 realizedPnl) {
        unchecked {
            int256 p = int256(price);
            if (size == 0 || (size > 0) == (delta > 0)) return (size + delta, openNotional + delta * p, 0);
            uint256 absSize = abs(size);
            uint256 absDelta = abs(delta);
            if (absDelta <= absSize) {
                int256 closed = mulDivSignedUp(openNotional, absDelta, absSize);
                return (size + delta, openNotional - closed, -delta * p - closed);
            }
            newSize = size + delta;
            return (newSize, newSize * p, size * p - openNotional);
        }
    }

    /// @notice A fill of `delta` GPU-hours at `price` paying `fee`: the position after it and
    ///         the change of collateral. A fill that opens or adds to the position pays its fee
    ///         into the open notional (the fee is part of the position's cost, and is realized
    ///         with it), so collateral does not move; one that reduces or flips the position
    ///         moves its realized PnL less the fee into collateral. Either way equity falls by
    ///         exactly `fee`.
    /// @dev Warning: the open notional of a position therefore includes the fees paid to open
    ///      it: its entry price is `openNotional / size`, fees included.
    /// @return newSize The size after the fill.
    /// @return newOpenNotional The open notional after the fill.
    /// @return collateralChange Realized PnL less the fee (0 for a fill that opens or adds).
    function applyFillDown(
        int256 size,
        int256 openNotional,
        int256 delta,
        uint256 price,
        uint256 fee
    ) internal pure returns (int256 newSize, int256 newOpenNotional, int256 collateralChange) {
        int256 realized;
        (newSize, newOpenNotional, realized) = applyTradeDown(size, openNotional, delta, price);
        unchecked {
            if (size == 0 || (size > 0) == (delta > 0)) newOpenNotional += int256(fee);
            else collateralChange = realized - int256(fee);
        }
    }

    /// @notice `x × num / den` for signed `x`, rounded toward +∞.
    /// @dev |x| · num stays far below 2^256 for the ranges the callers keep (|x| < 2^104,
    ///      num < 2^41); checked arithmetic reverts rather than wraps otherwise.
    function mulDivSignedUp(int256 x, uint256 num, uint256 den) internal pure returns (int256) {
        unchecked {
            if (x >= 0) {
                uint256 p = uint256(x) * num;
                return int256(p / den + (p % den == 0 ? 0 : 1));
            }
            return -int256((uint256(-x) * num) / den);
        }
    }

    /// @notice GPU-hours a liquidator must take over to bring an account `shortfall` below its
    ///         initial margin back to it, rounded up to whole lots and capped at the position.
    /// @dev Taking over q at the mark leaves equity unchanged but for the penalty q·m·pen, and
    ///      lowers the requirement by q·m·im; so q = shortfall / (m·(im − pen)). With
    ///      `penaltyBps >= imBps` nothing short of the whole position restores the account.
    function liquidationSizeUp(
        uint256 shortfall,
        uint256 markPrice,
        uint256 imBps,
        uint256 penaltyBps,
        uint256 lot,
        uint256 absSize
    ) internal pure returns (uint256) {
        if (imBps <= penaltyBps || markPrice == 0) return absSize;
        uint256 q = Math.mulDiv(shortfall, BPS, markPrice * (imBps - penaltyBps), Math.Rounding.Ceil);
        q = Math.ceilDiv(q, lot) * lot;
        return q < absSize ? q : absSize;
    }

    /// @notice The mark-price band in basis points at time `t`: `bandBps` until the window
    ///         opens, narrowing linearly to a quarter of it at the window's end.
    function bandAt(
        uint256 bandBps,
        uint256 windowStart,
        uint256 windowEnd,
        uint256 t
    ) internal pure returns (uint256) {
        unchecked {
            if (t <= windowStart) return bandBps;
            uint256 floor = bandBps / 4;
            if (t >= windowEnd) return floor;
            return bandBps - ((bandBps - floor) * (t - windowStart)) / (windowEnd - windowStart);
        }
    }

    /// @notice Lowest and highest prices inside `bandBps` around `index` (the band's inside,
    ///         rounded inward). `index` < 2^64 keeps the products exact.
    function bandLimits(uint256 index, uint256 bandBps) internal pure returns (uint256 lower, uint256 upper) {
        unchecked {
            uint256 scaled = index * (BPS - bandBps);
            lower = scaled / BPS + (scaled % BPS == 0 ? 0 : 1);
            upper = (index * (BPS + bandBps)) / BPS;
        }
    }

    /// @notice `price` clamped to the band around `index`.
    function clampToBand(uint256 price, uint256 index, uint256 bandBps) internal pure returns (uint256) {
        (uint256 lower, uint256 upper) = bandLimits(index, bandBps);
        return
            price < lower
                ? lower
                : price > upper
                    ? upper
                    : price;
    }

    /// @notice The traded-price moving average after a trade at `price`, `elapsed` seconds after
    ///         the previous update: a time-weighted step of `elapsed / period` toward the price
    ///         (a whole step when the average is empty or `elapsed >= period`), rounded down.
    function emaDown(uint256 ema, uint256 price, uint256 elapsed, uint256 period) internal pure returns (uint256) {
        unchecked {
            if (ema == 0 || elapsed >= period) return price;
            if (price >= ema) return ema + ((price - ema) * elapsed) / period;
            uint256 step = (ema - price) * elapsed;
            return ema - (step / period + (step % period == 0 ? 0 : 1));
        }
    }

    /// @notice Mark price: the traded-price average (the index when there is none) clamped to
    ///         the band around the index.
    function markPrice(uint256 ema, uint256 index, uint256 bandBps) internal pure returns (uint256) {
        return ema == 0 ? index : clampToBand(ema, index, bandBps);
    }

    /// @notice Aggregate PnL of the long and short sides of a market at `price`, from the open
    ///         interest (Σ long sizes = −Σ short sizes) and each side's Σ open notional.
    function sidePnls(
        uint256 openInterest,
        int256 longOpenNotional,
        int256 shortOpenNotional,
        uint256 price
    ) internal pure returns (int256 longPnl, int256 shortPnl) {
        unchecked {
            int256 value = int256(openInterest) * int256(price);
            return (value - longOpenNotional, -value - shortOpenNotional);
        }
    }

    /// @notice Write-down per GPU-hour of the winning side that covers `badDebt`: rounded up,
    ///         but never more than the winning side's aggregate PnL per GPU-hour (rounded down).
    function haircutPerUnitUp(
        uint256 badDebt,
        uint256 openInterest,
        int256 winnersPnl
    ) internal pure returns (uint256) {
        if (badDebt == 0 || openInterest == 0 || winnersPnl <= 0) return 0;
        uint256 h = Math.ceilDiv(badDebt, openInterest);
        uint256 cap = uint256(winnersPnl) / openInterest;
        return h < cap ? h : cap;
    }

    /// @notice Settlement PnL of a position at the final price, less the write-down when the
    ///         position is on the winning side.
    function settlementPnlDown(
        int256 size,
        int256 openNotional,
        uint256 finalPrice,
        uint256 haircut,
        bool winnerIsLong
    ) internal pure returns (int256 pnl) {
        unchecked {
            pnl = size * int256(finalPrice) - openNotional;
            if (haircut != 0 && size != 0 && ((size > 0) == winnerIsLong)) pnl -= int256(abs(size) * haircut);
        }
    }
}
