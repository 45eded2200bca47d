// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CapacityToken} from "../../../contracts/capacity/CapacityToken.sol";
import {ICapacityToken} from "../../../contracts/interfaces/ICapacityToken.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {CapacityTestBase} from "../capacity/CapacityTestBase.sol";
import {AdversarialBase} from "./AdversarialBase.sol";
import {BlacklistToken, FeeOnTransferToken} from "./HostileTokens.sol";
import {Deploy} from "../utils/Deploy.sol";

/// @notice Hostile collateral tokens: fee-on-transfer is refused at deposit; a blacklisted
///         address cannot freeze anyone else's collateral.
contract FeeOnTransferTest is AdversarialBase {
    FeeOnTransferToken internal fot;

    function setUp() public {
        fot = new FeeOnTransferToken();
        _deployWith(fot);
        fot.mint(alice, 1_000e6);
        vm.prank(alice);
        fot.approve(address(ch), type(uint256).max);
    }

    /// @dev Guards finding F-1 (deposit balance-delta check). Without it the clearing house
    ///      credits 100 while holding 99: the last withdrawer is short by every fee paid.
    function test_deposit_feeOnTransferReverts() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.TransferAmountMismatch.selector, 100e6, 99e6));
        ch.deposit(alice, 100e6);
        assertEq(ch.collateralOf(alice), int256(0));
        assertEq(fot.balanceOf(address(ch)), 0);
    }
}

contract BlacklistTest is AdversarialBase {
    BlacklistToken internal bl;
    address internal aliceCold = address(0xC01D);

    function setUp() public {
        bl = new BlacklistToken();
        _deployWith(bl);
        _fund(alice, 1_000e6);
        _fund(bob, 1_000e6);
    }

    /// @dev Already stopped: withdrawals pay only the caller's chosen address, nothing is pushed to
    ///      third parties, so a blacklisted account freezes only its own transfers.
    function test_blacklistedAccount_cannotFreezeOthers() public {
        bl.setBlacklisted(alice, true);
        // Alice cannot receive, but can still move her collateral to an address she controls.
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(BlacklistToken.Blacklisted.selector, alice));
        ch.withdraw(100e6, alice);
        vm.prank(alice);
        ch.withdraw(100e6, aliceCold);
        assertEq(bl.balanceOf(aliceCold), 100e6);
        // Bob is unaffected.
        vm.prank(bob);
        ch.withdraw(1_000e6, bob);
        assertEq(bl.balanceOf(bob), 1_000e6);
        assertEq(ch.collateralOf(alice), int256(900e6));
    }

    /// @dev Already stopped: a blacklisted fee recipient only makes the owner pick another one;
    ///      traders' withdrawals never depend on it.
    function test_blacklistedFeeRecipient_doesNotBlockWithdrawals() public {
        _trade(m1, alice, bob, 1_000, PRICE); // fees accrue
        (uint256 fees, , ) = ch.pools();
        assertGt(fees, 0);
        bl.setBlacklisted(owner, true);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(BlacklistToken.Blacklisted.selector, owner));
        ch.collectFees(owner, fees);
        vm.prank(owner);
        ch.collectFees(aliceCold, fees);
        vm.prank(bob);
        ch.withdraw(100e6, bob);
        assertEq(bl.balanceOf(bob), 100e6);
    }
}

/// @notice The capacity token on a fee-on-transfer collateral.
contract CapacityFeeOnTransferTest is CapacityTestBase {
    FeeOnTransferToken internal fot;

    function setUp() public override {
        super.setUp();
        fot = new FeeOnTransferToken();
        capacity = CapacityToken(
            Deploy.capacityToken("ipfs://capacity/{id}.json", IERC20(address(fot)), oracle, GRACE, address(this))
        );
        capacity.grantRole(capacity.ATTESTOR_ROLE(), attestor);
        capacity.setBondRate(INDEX, BOND_RATE);
        fot.mint(provider, 1e15);
        vm.prank(provider);
        fot.approve(address(capacity), type(uint256).max);
    }

    /// @dev Guards finding F-4 (mint balance-delta check). Without it the bond books 100 hours ×
    ///      the bond rate while holding 1% less: the last compensation or release fails.
    function test_mint_feeOnTransferReverts() public {
        ICapacityToken.Attestation memory a = _attestation(100);
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        uint256 deposit = uint256(100) * BOND_RATE;
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(ICapacityToken.TransferAmountMismatch.selector, deposit, deposit - deposit / 100)
        );
        capacity.mint(a, provider, r, vs);
    }
}
