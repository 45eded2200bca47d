// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ClearingHouseFixture} from "../utils/ClearingHouseFixture.sol";
import {ClearingHouseHandler} from "./ClearingHouseHandler.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {MarginLib} from "../../../contracts/libraries/MarginLib.sol";

/// @notice Solvency and conservation of the clearing house under random sequences of deposits,
///         trades, index moves, liquidations, time, settlement, claims, withdrawals and pauses.
contract ClearingHouseInvariantTest is ClearingHouseFixture {
    ClearingHouseHandler internal handler;
    uint256[2] internal ids;

    function setUp() public {
        _deploy();
        IClearingHouseBase.MarketParams memory p1 = _params(H100);
        p1.windowStart = T0 + 1 days;
        p1.windowEnd = T0 + 2 days;
        vm.prank(marketAdmin);
        ids[0] = ch.createMarket(p1);
        IClearingHouseBase.MarketParams memory p2 = _params(B200);
        p2.windowStart = T0 + 3 days;
        p2.windowEnd = T0 + 6 days;
        p2.imBps = 2_000;
        p2.mmBps = 1_000;
        vm.prank(marketAdmin);
        ids[1] = ch.createMarket(p2);
        handler = new ClearingHouseHandler(
            ch,
            token,
            oracle,
            marketAdmin,
            guardian,
            ids,
            [H100, B200],
            [PRICE, 4 * PRICE]
        );
    }

    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    function targetContracts() public view returns (address[] memory t) {
        t = new address[](1);
        t[0] = address(handler);
    }

    /// @dev Only the handler's actions, weighted: trades and index moves listed twice.
    function targetSelectors() public view returns (FuzzSelector[] memory t) {
        bytes4[] memory s = new bytes4[](13);
        s[0] = ClearingHouseHandler.deposit.selector;
        s[1] = ClearingHouseHandler.withdraw.selector;
        s[2] = ClearingHouseHandler.trade.selector;
        s[3] = ClearingHouseHandler.trade.selector;
        s[4] = ClearingHouseHandler.trade.selector;
        s[5] = ClearingHouseHandler.moveIndex.selector;
        s[6] = ClearingHouseHandler.moveIndex.selector;
        s[7] = ClearingHouseHandler.liquidate.selector;
        s[8] = ClearingHouseHandler.warp.selector;
        s[9] = ClearingHouseHandler.settle.selector;
        s[10] = ClearingHouseHandler.claim.selector;
        s[11] = ClearingHouseHandler.togglePause.selector;
        s[12] = ClearingHouseHandler.deposit.selector;
        t = new FuzzSelector[](1);
        t[0] = FuzzSelector(address(handler), s);
    }

    /// @dev Exact conservation: the token balance equals Σ collateral + fees + insurance
    ///      + Σ open PnL of unsettled markets (−Σ open notional: sizes net to zero) + Σ unclaimed
    ///      settlement PnL − Σ uncovered bad debt − deficit. Solvency (the balance covers all
    ///      collateral, unclaimed PnL, fees and insurance) follows whenever no bad debt is
    ///      outstanding, and each bad debt is exactly what the write-down recovers.
    function invariant_tokenBalanceCoversEverything() public view {
        int256 owed;
        for (uint256 i; i < 4; ++i) owed += ch.collateralOf(handler.actor(i));
        (uint256 fees, uint256 insurance, uint256 deficit) = ch.pools();
        owed += int256(fees + insurance) - int256(deficit);
        for (uint256 k; k < 2; ++k) {
            (, , IClearingHouseBase.MarketRisk memory r, , IClearingHouseBase.MarketTail memory tail) = ch.market(
                ids[k]
            );
            owed -= int256(uint256(tail.badDebt));
            for (uint256 i; i < 4; ++i) {
                (int256 s, int256 on, , ) = ch.positionOf(handler.actor(i), ids[k]);
                if (r.stage == IClearingHouseBase.Stage.Settled) {
                    owed += MarginLib.settlementPnlDown(s, on, r.finalPrice, tail.haircut, tail.winnerIsLong);
                } else {
                    owed -= on;
                }
            }
        }
        assertEq(int256(token.balanceOf(address(ch))), owed, "token balance != claims");
    }

    /// @dev Sizes net to zero and the market aggregates match the positions (unsettled markets).
    function invariant_sizesNetToZero() public view {
        for (uint256 k; k < 2; ++k) {
            (
                ,
                ,
                IClearingHouseBase.MarketRisk memory r,
                IClearingHouseBase.MarketTrading memory t,
                IClearingHouseBase.MarketTail memory tail
            ) = ch.market(ids[k]);
            if (r.stage == IClearingHouseBase.Stage.Settled) continue;
            int256 net;
            uint256 oi;
            int256 lon;
            int256 son;
            for (uint256 i; i < 4; ++i) {
                (int256 s, int256 on, , ) = ch.positionOf(handler.actor(i), ids[k]);
                net += s;
                if (s > 0) {
                    oi += uint256(s);
                    lon += on;
                } else if (s < 0) son += on;
            }
            assertEq(net, 0, "sizes do not net to zero");
            assertEq(oi, uint256(t.openInterest), "open interest");
            assertEq(lon, int256(t.longOpenNotional), "long open notional");
            assertEq(son, int256(tail.shortOpenNotional), "short open notional");
        }
    }

    /// @dev No money from nothing: what the actors took out plus what they still hold (collateral
    ///      and unclaimed settlement PnL) never exceeds what they put in plus the bad debt others
    ///      left (which the write-down takes back from the winners).
    function invariant_noAccountGainsFromNothing() public view {
        int256 gains;
        for (uint256 i; i < 4; ++i) {
            address a = handler.actor(i);
            gains += int256(handler.withdrawn(a)) + ch.collateralOf(a) - int256(handler.deposited(a));
        }
        (, , uint256 deficit) = ch.pools();
        int256 open;
        int256 badDebt;
        for (uint256 k; k < 2; ++k) {
            (, , IClearingHouseBase.MarketRisk memory r, , IClearingHouseBase.MarketTail memory tail) = ch.market(
                ids[k]
            );
            badDebt += int256(uint256(tail.badDebt));
            for (uint256 i; i < 4; ++i) {
                (int256 s, int256 on, , ) = ch.positionOf(handler.actor(i), ids[k]);
                if (r.stage == IClearingHouseBase.Stage.Settled) {
                    open += MarginLib.settlementPnlDown(s, on, r.finalPrice, tail.haircut, tail.winnerIsLong);
                } else {
                    open -= on;
                }
            }
        }
        assertLe(gains + open, badDebt + int256(deficit));
    }

    /// @dev A paused market's positions, aggregates and settlement do not move.
    function invariant_pausedMarketDoesNotMove() public view {
        for (uint256 k; k < 2; ++k) {
            bytes32 h = handler.pausedHash(ids[k]);
            if (h != 0) assertEq(handler.marketHash(ids[k]), h, "paused market moved");
        }
    }
}
