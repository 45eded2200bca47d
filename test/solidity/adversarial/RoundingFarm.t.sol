// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {console} from "hardhat/console.sol";
import {ClearingHouseFixture} from "../utils/ClearingHouseFixture.sol";

/// @notice Rounding farmed by many small trades: whatever sequence of small fills (fees rounded
///         up, realized PnL rounded down) and whatever final price, the traders together never
///         hold more than they deposited minus the fees and insurance taken, and the clearing
///         house always holds at least what it owes. Already stopped (rounding is in the names);
///         this proves it on random sequences.
contract RoundingFarmTest is ClearingHouseFixture {
    uint256 internal constant DEPOSIT = 1_000e6;
    uint256 internal m1;
    address[3] internal traders = [address(0x7001), address(0x7002), address(0x7003)];

    function setUp() public {
        _deploy();
        m1 = _createMarket(H100);
        for (uint256 i; i < 3; ++i) _fund(traders[i], DEPOSIT);
    }

    /// @dev External so a refused trade (margin) can be caught and the sequence go on.
    function tradeExt(address taker, address maker, int256 size, uint256 price) external {
        require(msg.sender == address(this), "self only");
        _trade(m1, taker, maker, size, price);
    }

    function testFuzz_smallTrades_neverCreateValue(uint256 seed, uint256 count, uint256 finalTicks) public {
        count = bound(count, 1, 24);
        uint256 filled;
        for (uint256 i; i < count; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            uint256 t = r % 3;
            uint256 k = (t + 1 + ((r >> 8) % 2)) % 3;
            int256 size = int256((1 + ((r >> 16) % 5)) * 10);
            if ((r >> 24) & 1 == 1) size = -size;
            // Prices that make notional × fee bps round: any tick in the band [1.6, 2.4].
            uint256 price = (1_600 + ((r >> 32) % 801)) * TICK;
            vm.warp(vm.getBlockTimestamp() + ((r >> 64) % 120));
            try this.tradeExt(traders[t], traders[k], size, price) {
                ++filled;
            } catch {}
        }
        vm.warp(T0 + 60 days);
        oracle.setAverage(H100, bound(finalTicks, 1_600, 2_400) * TICK);
        ch.proposeSettlement(m1);
        vm.warp(T0 + 61 days);
        ch.finalizeSettlement(m1);
        uint256 owed;
        for (uint256 i; i < 3; ++i) {
            try ch.claimSettlement(traders[i], m1) {} catch {}
            int256 c = ch.collateralOf(traders[i]);
            assertGe(c, int256(0));
            owed += uint256(c);
        }
        (uint256 fees, uint256 insurance, uint256 deficit) = ch.pools();
        assertEq(deficit, 0);
        owed += fees + insurance;
        assertLe(owed, 3 * DEPOSIT, "traders + pools never exceed deposits");
        assertGe(token.balanceOf(address(ch)), owed, "solvent");
        console.log("rounding farm: fills", filled, "dust kept by the clearing house", 3 * DEPOSIT - owed);
    }
}
