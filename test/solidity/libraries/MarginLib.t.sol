// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BaseTest} from "../utils/BaseTest.sol";
import {MarginLib} from "../../../contracts/libraries/MarginLib.sol";

/// @notice MarginLib against simple references: PnL, margin, trades, liquidation size,
///         mark price and the settlement write-down.
contract MarginLibTest is BaseTest {
    int256 internal constant MAX_SIZE = int256(1 << 40);
    uint256 internal constant MAX_PRICE = (1 << 24) * 1e6;

    /* ----------------------------- references ----------------------------- */

    /// @dev A position as entry lots: the reference keeps the average entry as a rational
    ///      (openNotional / size) and checks conservation: realized + remaining PnL at any price
    ///      equals the PnL of the untouched position plus the trade's own PnL.
    function _pnlAt(int256 size, int256 openNotional, uint256 price) internal pure returns (int256) {
        return size * int256(price) - openNotional;
    }

    /* ----------------------------- unit ----------------------------- */

    function test_applyTradeDown_opensAndAdds() public pure {
        (int256 s, int256 on, int256 r) = MarginLib.applyTradeDown(0, 0, 100, 2e6);
        assertEq(s, 100);
        assertEq(on, 200e6);
        assertEq(r, 0);
        (s, on, r) = MarginLib.applyTradeDown(s, on, 100, 3e6);
        assertEq(s, 200);
        assertEq(on, 500e6);
        assertEq(r, 0);
    }

    function test_applyTradeDown_reducesProportionally() public pure {
        (int256 s, int256 on, int256 r) = MarginLib.applyTradeDown(200, 500e6, -50, 3e6);
        assertEq(s, 150);
        assertEq(on, 375e6); // 3/4 of the open notional stays
        assertEq(r, 150e6 - 125e6);
    }

    function test_applyTradeDown_flips() public pure {
        (int256 s, int256 on, int256 r) = MarginLib.applyTradeDown(-100, -200e6, 150, 1e6);
        assertEq(s, 50);
        assertEq(on, 50e6);
        assertEq(r, 100e6); // short from 2 closed at 1
    }

    function test_applyTradeDown_roundsRealizedDown() public pure {
        // long 3 for 10 (entry 3.33..), sell 1 at 4: closed notional ceil(10/3) = 4, realized 0
        (int256 s, int256 on, int256 r) = MarginLib.applyTradeDown(3, 10, -1, 4);
        assertEq(s, 2);
        assertEq(on, 6);
        assertEq(r, 0);
        // short 3 for −10, buy 1 at 3: closed −3 (toward +∞), realized −3 + 3 = 0 (exact −0.33 down)
        (s, on, r) = MarginLib.applyTradeDown(-3, -10, 1, 3);
        assertEq(on, -7);
        assertEq(r, 0);
    }

    function test_worstSize_takesTheWorseSide() public pure {
        assertEq(MarginLib.worstSize(100, 50, 0), 150);
        assertEq(MarginLib.worstSize(100, 0, 300), 200);
        assertEq(MarginLib.worstSize(-100, 300, 50), 200);
        assertEq(MarginLib.worstSize(0, 0, 0), 0);
    }

    function test_bandAt_narrowsDuringWindow() public pure {
        assertEq(MarginLib.bandAt(2_000, 100, 200, 50), 2_000);
        assertEq(MarginLib.bandAt(2_000, 100, 200, 150), 1_250);
        assertEq(MarginLib.bandAt(2_000, 100, 200, 200), 500);
        assertEq(MarginLib.bandAt(2_000, 100, 200, 999), 500);
    }

    function test_markPrice_clampsToBand() public pure {
        assertEq(MarginLib.markPrice(0, 2e6, 1_000), 2e6);
        assertEq(MarginLib.markPrice(3e6, 2e6, 1_000), 2.2e6);
        assertEq(MarginLib.markPrice(1e6, 2e6, 1_000), 1.8e6);
        assertEq(MarginLib.markPrice(2.1e6, 2e6, 1_000), 2.1e6);
    }

    function test_emaDown_movesByElapsedShare() public pure {
        assertEq(MarginLib.emaDown(0, 5, 0, 600), 5);
        assertEq(MarginLib.emaDown(1_000, 2_000, 300, 600), 1_500);
        assertEq(MarginLib.emaDown(2_000, 1_000, 300, 600), 1_500);
        assertEq(MarginLib.emaDown(2_000, 1_000, 0, 600), 2_000);
        assertEq(MarginLib.emaDown(2_000, 1_000, 601, 600), 1_000);
    }

    function test_haircutPerUnitUp_capsAtWinnersPnl() public pure {
        assertEq(MarginLib.haircutPerUnitUp(1_001, 100, 1e9), 11);
        assertEq(MarginLib.haircutPerUnitUp(1e9, 100, 500), 5);
        assertEq(MarginLib.haircutPerUnitUp(1e9, 100, -1), 0);
        assertEq(MarginLib.haircutPerUnitUp(0, 100, 1e9), 0);
    }

    /* ----------------------------- fuzz ----------------------------- */

    /// @dev Conservation: the realized PnL plus the remaining position's PnL at any price `q`
    ///      equals the old position's PnL at `q` plus the trade's PnL at `q` (−delta × (q − p))
    ///      with only rounding moved between realized and remaining (|error| ≤ 1).
    function testFuzz_applyTradeDown_conservesPnl(
        int256 size,
        uint256 entry,
        int256 delta,
        uint256 price,
        uint256 q
    ) public pure {
        size = bound(size, -MAX_SIZE, MAX_SIZE);
        delta = bound(delta, -MAX_SIZE, MAX_SIZE);
        entry = bound(entry, 1, MAX_PRICE);
        price = bound(price, 1, MAX_PRICE);
        q = bound(q, 0, MAX_PRICE);
        int256 on = size * int256(entry);
        (int256 s1, int256 on1, int256 realized) = MarginLib.applyTradeDown(size, on, delta, price);
        assertEq(s1, size + delta);
        int256 lhs = realized + _pnlAt(s1, on1, q);
        int256 rhs = _pnlAt(size, on, q) + delta * (int256(q) - int256(price));
        assertEq(lhs, rhs, "pnl not conserved");
    }

    /// @dev A fill's fee lowers equity by exactly the fee, whichever way it is paid: into the open
    ///      notional when the fill opens or adds (collateral untouched), else out of the realized
    ///      PnL; the size and the rest of the trade are `applyTradeDown`'s.
    function testFuzz_applyFillDown_chargesTheFeeOnce(
        int256 size,
        uint256 entry,
        int256 delta,
        uint256 price,
        uint256 fee,
        uint256 q
    ) public pure {
        size = bound(size, -MAX_SIZE, MAX_SIZE);
        delta = bound(delta, -MAX_SIZE, MAX_SIZE);
        entry = bound(entry, 1, MAX_PRICE);
        price = bound(price, 1, MAX_PRICE);
        fee = bound(fee, 0, (MAX_PRICE * uint256(MAX_SIZE)) / 10);
        q = bound(q, 0, MAX_PRICE);
        int256 on = size * int256(entry);
        (int256 s1, int256 on1, int256 realized) = MarginLib.applyTradeDown(size, on, delta, price);
        (int256 s2, int256 on2, int256 change) = MarginLib.applyFillDown(size, on, delta, price, fee);
        assertEq(s2, s1);
        bool opens = size == 0 || (size > 0) == (delta > 0);
        if (opens) {
            assertEq(change, 0, "an opening fill moves no collateral");
            assertEq(on2, on1 + int256(fee), "its fee joins the open notional");
        } else {
            assertEq(on2, on1);
            assertEq(change, realized - int256(fee), "a reducing fill pays its fee from the PnL");
        }
        // Equity at any price q: collateral change + unrealized PnL, less the fee.
        assertEq(change + _pnlAt(s2, on2, q), realized + _pnlAt(s1, on1, q) - int256(fee));
    }

    function test_applyFillDown_opensWithTheFeeInTheCost() public pure {
        (int256 s, int256 on, int256 c) = MarginLib.applyFillDown(0, 0, -1_000, 2e6, 0.4e6);
        assertEq(s, -1_000);
        assertEq(on, -2_000e6 + 0.4e6); // a short received $2,000, less its $0.40 fee
        assertEq(c, 0);
        (s, on, c) = MarginLib.applyFillDown(s, on, 1_000, 1.9e6, 0.95e6);
        assertEq(s, 0);
        assertEq(on, 0);
        assertEq(c, 100e6 - 0.4e6 - 0.95e6); // $100 gained, both fees paid
    }

    /// @dev Realized PnL is never above the exact (rational) reference.
    function testFuzz_applyTradeDown_realizedRoundsDown(
        int256 size,
        int256 on,
        int256 delta,
        uint256 price
    ) public pure {
        size = bound(size, 1, MAX_SIZE);
        if (uint256(on) % 2 == 0) size = -size;
        on = bound(on, -int256(MAX_PRICE) * MAX_SIZE, int256(MAX_PRICE) * MAX_SIZE);
        delta = bound(delta, 1, MarginLib.abs(size) > 1 ? int256(MarginLib.abs(size)) : int256(1));
        if (size > 0) delta = -delta;
        price = bound(price, 1, MAX_PRICE);
        (, , int256 realized) = MarginLib.applyTradeDown(size, on, delta, price);
        // exact: realized·|size| = (−delta·price)·|size| − on·|delta|
        int256 absSize = int256(MarginLib.abs(size));
        int256 exactTimesSize = -delta * int256(price) * absSize - on * int256(MarginLib.abs(delta));
        assertLe(realized * absSize, exactTimesSize);
        assertGe(realized * absSize, exactTimesSize - absSize);
    }

    function testFuzz_bpsOfNotionalUp_matchesReference(uint256 size, uint256 price, uint256 bps) public pure {
        size = bound(size, 0, 1 << 40);
        price = bound(price, 0, MAX_PRICE);
        bps = bound(bps, 0, 10_000);
        uint256 exact = size * price * bps;
        uint256 ref = exact / 10_000 + (exact % 10_000 == 0 ? 0 : 1);
        assertEq(MarginLib.bpsOfNotionalUp(size, price, bps), ref);
    }

    /// @dev After taking over the computed size at mark, the account is back at initial margin
    ///      (or the whole position went); one lot less would not be enough.
    function testFuzz_liquidationSizeUp_restoresInitialMargin(
        uint256 absSize,
        uint256 mark,
        uint256 lotPow,
        uint256 imBps,
        uint256 penaltyBps,
        int256 equity
    ) public pure {
        uint256 lot = 10 ** bound(lotPow, 0, 3);
        absSize = bound(absSize, 1, 1e9) * lot;
        mark = bound(mark, 1_000, MAX_PRICE);
        imBps = bound(imBps, 2, 5_000);
        penaltyBps = bound(penaltyBps, 0, imBps - 1);
        // the clearing house rounds the requirement up (bpsOfNotionalUp)
        uint256 im = MarginLib.bpsOfNotionalUp(absSize, mark, imBps);
        equity = bound(equity, -int256(im), int256(im));
        if (equity >= int256(im)) return;
        uint256 shortfall = uint256(int256(im) - equity);
        uint256 q = MarginLib.liquidationSizeUp(shortfall, mark, imBps, penaltyBps, lot, absSize);
        assertLe(q, absSize);
        assertEq(q % lot, 0);
        if (q < absSize) {
            // exact equity and requirement after q (continuous, no per-position ceil)
            int256 eqAfter = equity * 10_000 - int256(q * mark * penaltyBps);
            int256 imAfter = int256((absSize - q) * mark * imBps);
            assertGe(eqAfter, imAfter);
            if (q >= lot) {
                uint256 q2 = q - lot;
                int256 eq2 = equity * 10_000 - int256(q2 * mark * penaltyBps);
                int256 im2 = int256((absSize - q2) * mark * imBps);
                assertTrue(eq2 < im2, "one lot less would do");
            }
        }
    }

    /// @dev Settlement with write-down: Σ claims of the winners is their PnL minus at least the
    ///      bad debt (or all of it, when capped), and never negative in aggregate.
    function testFuzz_settlement_writeDownCoversBadDebt(
        uint256 oi,
        uint256 longEntry,
        uint256 shortEntry,
        uint256 finalPrice,
        uint256 badDebt
    ) public pure {
        oi = bound(oi, 1, 1e12);
        longEntry = bound(longEntry, 1, 1e9);
        shortEntry = bound(shortEntry, 1, 1e9);
        finalPrice = bound(finalPrice, 1, 1e9);
        badDebt = bound(badDebt, 0, 1e24);
        int256 lon = int256(oi * longEntry);
        int256 son = -int256(oi * shortEntry);
        (int256 longPnl, int256 shortPnl) = MarginLib.sidePnls(oi, lon, son, finalPrice);
        assertEq(longPnl, int256(oi) * (int256(finalPrice) - int256(longEntry)));
        bool winnerIsLong = longPnl >= shortPnl;
        int256 winners = winnerIsLong ? longPnl : shortPnl;
        uint256 h = MarginLib.haircutPerUnitUp(badDebt, oi, winners);
        // one account holding the whole winning side
        int256 claim = MarginLib.settlementPnlDown(
            winnerIsLong ? int256(oi) : -int256(oi),
            winnerIsLong ? lon : son,
            finalPrice,
            h,
            winnerIsLong
        );
        if (winners > 0) {
            assertGe(claim, 0);
            if (h * oi < badDebt)
                assertLt(uint256(claim), oi); // capped: winners keep < 1 per unit
            else assertLe(claim, winners - int256(badDebt));
        } else {
            assertEq(h, 0);
        }
        // the losing side is never written down
        int256 loser = MarginLib.settlementPnlDown(
            winnerIsLong ? -int256(oi) : int256(oi),
            winnerIsLong ? son : lon,
            finalPrice,
            h,
            winnerIsLong
        );
        assertEq(loser, winnerIsLong ? shortPnl : longPnl);
    }

    function test_initialMarginExcess_isEquityLessInitialMargin() public pure {
        // $100 collateral, long 100 h entered at $2.00, 150 h worst side, 10% IM, mark $2.10:
        // equity 100 + 10 = $110, margin 150 × 2.10 × 10% = $31.50.
        assertEq(MarginLib.initialMarginExcess(100e6, 100, 200e6, 150, 1_000, 2.1e6), 78.5e6);
        // Margin rounds up: 1 h at 1 unit and 1 bp needs 1 unit, not 0.
        assertEq(MarginLib.initialMarginExcess(0, 0, 0, 1, 1, 1), -1);
    }

    /// @dev The lemma `initialMarginHoldsBetween` rests on: at any mark between two edges, equity
    ///      minus margin is at least its smaller value at the edges.
    function testFuzz_marginExcess_isAtLeastItsSmallerEdge(
        int256 collateral,
        int256 size,
        int256 openNotional,
        uint256 worst,
        uint256 imBps,
        uint256 lower,
        uint256 upper,
        uint256 mark
    ) public pure {
        collateral = bound(collateral, -int256(1 << 95), int256(1 << 95));
        size = bound(size, -MAX_SIZE, MAX_SIZE);
        openNotional = bound(openNotional, -int256(1 << 100), int256(1 << 100));
        worst = bound(worst, MarginLib.abs(size), 2 * uint256(MAX_SIZE));
        imBps = bound(imBps, 1, 10_000);
        lower = bound(lower, 1, MAX_PRICE);
        upper = bound(upper, lower, 2 * MAX_PRICE);
        mark = bound(mark, lower, upper);
        int256 atLower = MarginLib.initialMarginExcess(collateral, size, openNotional, worst, imBps, lower);
        int256 atUpper = MarginLib.initialMarginExcess(collateral, size, openNotional, worst, imBps, upper);
        int256 atMark = MarginLib.initialMarginExcess(collateral, size, openNotional, worst, imBps, mark);
        assertGe(atMark, atLower < atUpper ? atLower : atUpper);
    }

    /// @dev With just enough collateral for both edges the check holds, and then margin holds at
    ///      every mark between; one unit less and it does not.
    function testFuzz_initialMarginHoldsBetween_justEnoughCollateral(
        int256 size,
        int256 openNotional,
        uint256 worst,
        uint256 imBps,
        uint256 lower,
        uint256 upper,
        uint256 mark
    ) public pure {
        size = bound(size, -MAX_SIZE, MAX_SIZE);
        openNotional = bound(openNotional, -int256(1 << 90), int256(1 << 90));
        worst = bound(worst, MarginLib.abs(size), 2 * uint256(MAX_SIZE));
        imBps = bound(imBps, 1, 10_000);
        lower = bound(lower, 1, MAX_PRICE);
        upper = bound(upper, lower, 2 * MAX_PRICE);
        mark = bound(mark, lower, upper);
        int256 needLower = -MarginLib.initialMarginExcess(0, size, openNotional, worst, imBps, lower);
        int256 needUpper = -MarginLib.initialMarginExcess(0, size, openNotional, worst, imBps, upper);
        int256 collateral = needLower > needUpper ? needLower : needUpper;
        assertTrue(MarginLib.initialMarginHoldsBetween(collateral, size, openNotional, worst, imBps, lower, upper));
        assertGe(MarginLib.initialMarginExcess(collateral, size, openNotional, worst, imBps, mark), 0);
        assertFalse(
            MarginLib.initialMarginHoldsBetween(collateral - 1, size, openNotional, worst, imBps, lower, upper)
        );
    }

    function testFuzz_clampToBand_staysInBand(uint256 price, uint256 index, uint256 bandBps) public pure {
        index = bound(index, 1, MAX_PRICE);
        price = bound(price, 0, MAX_PRICE * 2);
        bandBps = bound(bandBps, 0, 9_999);
        uint256 m = MarginLib.clampToBand(price, index, bandBps);
        (uint256 lo, uint256 hi) = MarginLib.bandLimits(index, bandBps);
        if (lo <= hi) {
            assertGe(m, lo);
            assertLe(m, hi);
            if (price >= lo && price <= hi) assertEq(m, price);
        }
    }

    function testFuzz_emaDown_staysBetween(uint256 ema, uint256 price, uint256 elapsed) public pure {
        ema = bound(ema, 1, MAX_PRICE);
        price = bound(price, 1, MAX_PRICE);
        elapsed = bound(elapsed, 0, 2_000);
        uint256 e = MarginLib.emaDown(ema, price, elapsed, 600);
        uint256 lo = ema < price ? ema : price;
        uint256 hi = ema < price ? price : ema;
        assertGe(e, lo);
        assertLe(e, hi);
    }

    /* ----------------------------- covered margin ----------------------------- */

    function test_coveredMarginUp_coversOnlyTheShortPart() public pure {
        // 100 short, 60 covered, $2: 60·2e6·300/1e4 + 40·2e6·1000/1e4.
        assertEq(MarginLib.coveredMarginUp(-100, 60, 2e6, 1_000, 300), 3_600_000 + 8_000_000);
        // Cover beyond the short is unused; a long is never covered.
        assertEq(MarginLib.coveredMarginUp(-100, 1_000, 2e6, 1_000, 300), 6_000_000);
        assertEq(MarginLib.coveredMarginUp(100, 1_000, 2e6, 1_000, 300), 20_000_000);
        // The 46,080-hour short of docs/clearing-house.md at $2.1345: 10% vs 3% IM.
        assertEq(MarginLib.coveredMarginUp(-46_080, 0, 2_134_500, 1_000, 300), 9_835_776_000);
        assertEq(MarginLib.coveredMarginUp(-46_080, 46_080, 2_134_500, 1_000, 300), 2_950_732_800);
    }

    function test_coveredWorstMarginUp_takesTheWorseSide() public pure {
        // Short 100 covered 100, bids 150 (to +50 long, uncovered) vs asks 20 (to −120).
        uint256 up = MarginLib.bpsOfNotionalUp(50, 2e6, 1_000);
        uint256 down = MarginLib.bpsOfNotionalUp(100, 2e6, 300) + MarginLib.bpsOfNotionalUp(20, 2e6, 1_000);
        assertEq(MarginLib.coveredWorstMarginUp(-100, 150, 20, 100, 2e6, 1_000, 300), up > down ? up : down);
    }

    /// @dev Never below the rule (covered part at the covered rate, the rest at the full one,
    ///      exactly), never above the uncovered requirement, equal to it without cover.
    function testFuzz_coveredMarginUp_neverBelowTheRules(
        int256 size,
        uint256 coveredHours,
        uint256 price,
        uint256 bps,
        uint256 coveredBps
    ) public pure {
        size = bound(size, -MAX_SIZE, MAX_SIZE);
        coveredHours = bound(coveredHours, 0, uint256(MAX_SIZE) * 2);
        price = bound(price, 1, MAX_PRICE);
        bps = bound(bps, 1, 10_000);
        coveredBps = bound(coveredBps, 0, bps);
        uint256 absSize = MarginLib.abs(size);
        uint256 covered = size < 0 ? (absSize < coveredHours ? absSize : coveredHours) : 0;
        uint256 got = MarginLib.coveredMarginUp(size, coveredHours, price, bps, coveredBps);
        uint256 exactTimesBps = covered * price * coveredBps + (absSize - covered) * price * bps;
        assertGe(got * 10_000, exactTimesBps, "below the rule");
        assertLe(got, exactTimesBps / 10_000 + 2, "more than the two roundings");
        uint256 uncovered = MarginLib.bpsOfNotionalUp(absSize, price, bps);
        assertLe(got, uncovered + 1, "covered above uncovered");
        assertEq(MarginLib.coveredMarginUp(size, 0, price, bps, coveredBps), uncovered);
    }

    function testFuzz_coveredWorstMarginUp_matchesWorstSizeWithoutCover(
        int256 size,
        uint256 bid,
        uint256 ask,
        uint256 coveredHours,
        uint256 price,
        uint256 bps
    ) public pure {
        size = bound(size, -MAX_SIZE, MAX_SIZE);
        bid = bound(bid, 0, uint256(MAX_SIZE));
        ask = bound(ask, 0, uint256(MAX_SIZE));
        coveredHours = bound(coveredHours, 0, uint256(MAX_SIZE));
        price = bound(price, 1, MAX_PRICE);
        bps = bound(bps, 1, 10_000);
        uint256 plain = MarginLib.bpsOfNotionalUp(MarginLib.worstSize(size, bid, ask), price, bps);
        assertEq(MarginLib.coveredWorstMarginUp(size, bid, ask, 0, price, bps, bps / 2), plain);
        // Cover only lowers it, and never below either side's covered requirement.
        uint256 got = MarginLib.coveredWorstMarginUp(size, bid, ask, coveredHours, price, bps, bps / 2);
        assertLe(got, plain + 1);
        assertGe(got, MarginLib.coveredMarginUp(size - int256(ask), coveredHours, price, bps, bps / 2));
        assertGe(got, MarginLib.coveredMarginUp(size + int256(bid), coveredHours, price, bps, bps / 2));
    }
}
