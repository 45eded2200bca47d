// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {ClearingHouseStorage} from "../../../contracts/clearinghouse/ClearingHouseStorage.sol";
import {RulesWord} from "../../../contracts/types/MarketWords.sol";
import {BaseTest} from "../utils/BaseTest.sol";

/// @notice The word reader of a market's rules slot agrees with Solidity's own packing of
///         `MarketRules`: a struct change that moves a field fails here rather than misreading
///         it on the order path.
contract MarketWordsTest is BaseTest {
    ClearingHouseStorage.MarketRules internal rules;

    function testFuzz_rulesWord_readsTheStoredStruct(
        uint32 tradingStart,
        uint32 windowStart,
        uint32 windowEnd,
        uint16 imBps,
        uint16 mmBps,
        uint16 makerFeeBps,
        uint16 takerFeeBps,
        uint64 maxPosition,
        uint16 bandBps,
        uint8 mode,
        uint8 stage
    ) public {
        rules = ClearingHouseStorage.MarketRules({
            tradingStart: tradingStart,
            windowStart: windowStart,
            windowEnd: windowEnd,
            imBps: imBps,
            mmBps: mmBps,
            makerFeeBps: makerFeeBps,
            takerFeeBps: takerFeeBps,
            maxPosition: maxPosition,
            bandBps: bandBps,
            mode: IClearingHouseBase.Mode(mode % 3),
            stage: IClearingHouseBase.Stage(stage % 3)
        });
        RulesWord w;
        assembly {
            w := sload(rules.slot)
        }
        assertEq(w.tradingStart(), tradingStart);
        assertEq(w.windowStart(), windowStart);
        assertEq(w.windowEnd(), windowEnd);
        assertEq(w.imBps(), imBps);
        assertEq(w.mmBps(), mmBps);
        assertEq(w.makerFeeBps(), makerFeeBps);
        assertEq(w.takerFeeBps(), takerFeeBps);
        assertEq(w.maxPosition(), maxPosition);
        assertEq(w.bandBps(), bandBps);
        assertEq(w.mode(), mode % 3);
        assertEq(w.stage(), stage % 3);
    }
}
