// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {ConfigWord, RiskWord} from "../../../contracts/types/MarketWords.sol";
import {BaseTest} from "../utils/BaseTest.sol";

/// @notice The word readers of a market's config and risk slots agree with Solidity's own
///         packing of `MarketConfig` and `MarketRisk`: a struct change that moves a field fails
///         here rather than misreading it on the order path.
contract MarketWordsTest is BaseTest {
    IClearingHouseBase.MarketConfig internal config;
    IClearingHouseBase.MarketRisk internal risk;

    function testFuzz_configWord_readsTheStoredStruct(IClearingHouseBase.MarketConfig memory c) public {
        config = c;
        ConfigWord w;
        assembly {
            w := sload(config.slot)
        }
        assertEq(w.tradingStart(), c.tradingStart);
        assertEq(w.windowStart(), c.windowStart);
        assertEq(w.windowEnd(), c.windowEnd);
        assertEq(w.lotSize(), c.lotSize);
        assertEq(w.imBps(), c.imBps);
        assertEq(w.mmBps(), c.mmBps);
        assertEq(w.makerFeeBps(), c.makerFeeBps);
        assertEq(w.takerFeeBps(), c.takerFeeBps);
    }

    function testFuzz_riskWord_readsTheStoredStruct(
        uint64 oiCap,
        uint64 maxPosition,
        uint16 bandBps,
        uint8 mode,
        uint64 finalPrice,
        uint32 proposedAt,
        uint8 stage
    ) public {
        risk = IClearingHouseBase.MarketRisk({
            oiCap: oiCap,
            maxPosition: maxPosition,
            bandBps: bandBps,
            mode: IClearingHouseBase.Mode(mode % 3),
            finalPrice: finalPrice,
            proposedAt: proposedAt,
            stage: IClearingHouseBase.Stage(stage % 3)
        });
        RiskWord w;
        assembly {
            w := sload(risk.slot)
        }
        assertEq(w.oiCap(), oiCap);
        assertEq(w.maxPosition(), maxPosition);
        assertEq(w.bandBps(), bandBps);
        assertEq(w.mode(), mode % 3);
        assertEq(w.stage(), stage % 3);
    }
}
