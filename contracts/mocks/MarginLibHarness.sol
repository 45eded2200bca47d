// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {MarginLib} from "../libraries/MarginLib.sol";

/// @title MarginLibHarness
/// @notice Test only: exposes `MarginLib`'s internal functions so the SDK's TypeScript math can
///         be checked against them on random inputs (sdk/src/math/margin.contract.test.ts).
contract MarginLibHarness {
    function bpsOfNotionalUp(uint256 absSize, uint256 price, uint256 bps) external pure returns (uint256) {
        return MarginLib.bpsOfNotionalUp(absSize, price, bps);
    }

    function bpsDown(uint256 amount, uint256 bps) external pure returns (uint256) {
        return MarginLib.bpsDown(amount, bps);
    }

    function unrealizedPnl(int256 size, int256 openNotional, uint256 price) external pure returns (int256) {
        return MarginLib.unrealizedPnl(size, openNotional, price);
    }

    function worstSize(int256 size, uint256 bid, uint256 ask) external pure returns (uint256) {
        return MarginLib.worstSize(size, bid, ask);
    }

    function coveredMarginUp(
        int256 size,
        uint256 coveredHours,
        uint256 price,
        uint256 bps,
        uint256 coveredBps
    ) external pure returns (uint256) {
        return MarginLib.coveredMarginUp(size, coveredHours, price, bps, coveredBps);
    }

    function coveredWorstMarginUp(
        int256 size,
        uint256 bid,
        uint256 ask,
        uint256 coveredHours,
        uint256 price,
        uint256 bps,
        uint256 coveredBps
    ) external pure returns (uint256) {
        return MarginLib.coveredWorstMarginUp(size, bid, ask, coveredHours, price, bps, coveredBps);
    }

    function isReducing(int256 size, int256 delta) external pure returns (bool) {
        return MarginLib.isReducing(size, delta);
    }

    function applyTradeDown(
        int256 size,
        int256 openNotional,
        int256 delta,
        uint256 price
    ) external pure returns (int256, int256, int256) {
        return MarginLib.applyTradeDown(size, openNotional, delta, price);
    }

    function applyFillDown(
        int256 size,
        int256 openNotional,
        int256 delta,
        uint256 price,
        uint256 fee
    ) external pure returns (int256, int256, int256) {
        return MarginLib.applyFillDown(size, openNotional, delta, price, fee);
    }

    function mulDivSignedUp(int256 x, uint256 num, uint256 den) external pure returns (int256) {
        return MarginLib.mulDivSignedUp(x, num, den);
    }

    function liquidationSizeUp(
        uint256 shortfall,
        uint256 markPrice,
        uint256 imBps,
        uint256 penaltyBps,
        uint256 lot,
        uint256 absSize
    ) external pure returns (uint256) {
        return MarginLib.liquidationSizeUp(shortfall, markPrice, imBps, penaltyBps, lot, absSize);
    }

    function bandAt(
        uint256 bandBps,
        uint256 windowStart,
        uint256 windowEnd,
        uint256 t
    ) external pure returns (uint256) {
        return MarginLib.bandAt(bandBps, windowStart, windowEnd, t);
    }

    function bandLimits(uint256 index, uint256 bandBps) external pure returns (uint256, uint256) {
        return MarginLib.bandLimits(index, bandBps);
    }

    function clampToBand(uint256 price, uint256 index, uint256 bandBps) external pure returns (uint256) {
        return MarginLib.clampToBand(price, index, bandBps);
    }

    function emaDown(uint256 ema, uint256 price, uint256 elapsed, uint256 period) external pure returns (uint256) {
        return MarginLib.emaDown(ema, price, elapsed, period);
    }

    function markPrice(uint256 ema, uint256 index, uint256 bandBps) external pure returns (uint256) {
        return MarginLib.markPrice(ema, index, bandBps);
    }

    function sidePnls(
        uint256 openInterest,
        int256 longOpenNotional,
        int256 shortOpenNotional,
        uint256 price
    ) external pure returns (int256, int256) {
        return MarginLib.sidePnls(openInterest, longOpenNotional, shortOpenNotional, price);
    }

    function haircutPerUnitUp(
        uint256 badDebt,
        uint256 openInterest,
        int256 winnersPnl
    ) external pure returns (uint256) {
        return MarginLib.haircutPerUnitUp(badDebt, openInterest, winnersPnl);
    }

    function settlementPnlDown(
        int256 size,
        int256 openNotional,
        uint256 finalPrice,
        uint256 haircut,
        bool winnerIsLong
    ) external pure returns (int256) {
        return MarginLib.settlementPnlDown(size, openNotional, finalPrice, haircut, winnerIsLong);
    }
}
