// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ICapacityToken} from "../../../contracts/interfaces/ICapacityToken.sol";
import {CapacityTestBase} from "./CapacityTestBase.sol";

/// @notice Fuzz tests: bond sizing, attestation checks, and conservation over a whole life.
contract CapacityTokenFuzzTest is CapacityTestBase {
    /// @dev secp256k1 group order: private keys are below it.
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    function testFuzz_mint_bondIsUnitsTimesRate(uint64 units, uint32 gpus, uint16 hours_, uint64 rate) public {
        gpus = uint32(bound(gpus, 1, 100_000));
        hours_ = uint16(bound(hours_, 1, 24 * 92));
        units = uint64(bound(units, 1, uint256(gpus) * hours_));
        rate = uint64(bound(rate, 1, 1e9));
        capacity.setBondRate(INDEX, rate);
        usdc.mint(provider, uint256(units) * rate);
        ICapacityToken.Attestation memory a = _attestation(units, W_START, W_START + uint32(hours_) * 1 hours, gpus);
        uint256 before = usdc.balanceOf(provider);
        (uint256 id, uint256 deposit) = _mint(a);
        assertEq(deposit, uint256(units) * rate);
        assertEq(capacity.bondOf(id), deposit);
        assertEq(usdc.balanceOf(address(capacity)), deposit);
        assertEq(usdc.balanceOf(provider), before - deposit);
        assertEq(capacity.balanceOf(provider, id), units);
    }

    function testFuzz_mint_rejectsUnitsAboveGpuHours(uint32 gpus, uint16 hours_, uint64 excess) public {
        gpus = uint32(bound(gpus, 1, 100_000));
        hours_ = uint16(bound(hours_, 1, 24 * 92));
        uint256 capacityHours = uint256(gpus) * hours_;
        uint64 units = uint64(capacityHours + bound(excess, 1, type(uint64).max - capacityHours));
        ICapacityToken.Attestation memory a = _attestation(units, W_START, W_START + uint32(hours_) * 1 hours, gpus);
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.InvalidUnits.selector, units, capacityHours));
        capacity.mint(a, provider, r, vs);
    }

    function testFuzz_mint_rejectsAnySignerButAnAttestor(uint256 key) public {
        key = bound(key, 1, SECP256K1_N - 1);
        vm.assume(key != ATTESTOR_KEY);
        ICapacityToken.Attestation memory a = _attestation(10);
        (bytes32 r, bytes32 vs) = _signAttestation(key, a);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.InvalidAttestor.selector, vm.addr(key)));
        capacity.mint(a, provider, r, vs);
    }

    function testFuzz_mint_eachNonceOnce(uint256 nonce, uint256 otherNonce) public {
        vm.assume(nonce != otherNonce);
        ICapacityToken.Attestation memory a = _attestation(10);
        a.nonce = nonce;
        _mint(a);
        assertTrue(capacity.nonceUsed(provider, nonce));
        assertFalse(capacity.nonceUsed(provider, otherNonce));
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.AttestationUsed.selector, provider, nonce));
        capacity.mint(a, provider, r, vs);
        a.nonce = otherNonce;
        _mint(a);
        assertEq(capacity.ledger(capacity.idOf(provider, INDEX, W_START, W_END)).outstanding, 20);
    }

    function testFuzz_mint_rejectsExpiredAttestation(uint32 late) public {
        ICapacityToken.Attestation memory a = _attestation(10);
        uint256 when = uint256(a.expiry) + bound(late, 1, W_START - a.expiry - 1);
        vm.warp(when);
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.AttestationExpired.selector, a.expiry, when));
        capacity.mint(a, provider, r, vs);
    }

    function testFuzz_redeem_rejectsMoreThanHeld(uint64 held, uint64 extra) public {
        held = uint64(bound(held, 1, GPUS * WINDOW_HOURS));
        uint64 units = uint64(held + bound(extra, 1, type(uint64).max - held));
        (uint256 id, ) = _mintTo(_attestation(held), buyer);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.RedeemExceedsBalance.selector, buyer, id, held, units));
        capacity.redeem(id, units, bytes32(0));
    }

    /// @notice Mint, redeem some, deliver some, price the window, then settle everything: the
    ///         contract ends empty, the holder got its undelivered hours at min(average, rate),
    ///         and the provider the rest of its deposit.
    /// forge-config: default.fuzz.runs = 1024
    function testFuzz_lifecycle_conservesCollateral(
        uint64 units,
        uint64 redeemed,
        uint64 delivered,
        uint16 moveBps,
        uint64 rate
    ) public {
        units = uint64(bound(units, 1, GPUS * WINDOW_HOURS));
        redeemed = uint64(bound(redeemed, 1, units));
        delivered = uint64(bound(delivered, 0, redeemed));
        rate = uint64(bound(rate, PRICE / 2, 3 * PRICE));
        capacity.setBondRate(INDEX, rate);
        uint256 providerStart = usdc.balanceOf(provider);

        (uint256 id, uint32 requestIndex) = _mintAndRedeem(units, redeemed);
        uint256 deposit = uint256(units) * rate;
        assertEq(capacity.bondOf(id), deposit);

        uint64 during = uint64((uint256(PRICE) * bound(moveBps, 8_000, 12_000)) / 10_000);
        _priceWindow(PRICE, during);
        if (delivered != 0) _confirm(id, requestIndex, delivered);
        assertEq(capacity.bondOf(id), uint256(units - delivered) * rate);

        vm.warp(uint256(W_END) + GRACE + 1);
        uint256 owed = redeemed - delivered;
        uint256 compensation;
        if (owed != 0) {
            uint256 average = oracle.averagePrice(INDEX, W_START, W_END);
            compensation = owed * (average < rate ? average : rate);
            assertEq(capacity.claimCompensation(id, requestIndex), compensation);
        }
        if (units > redeemed) capacity.releaseExpired(id);

        assertEq(capacity.bondOf(id), 0);
        assertEq(usdc.balanceOf(address(capacity)), 0);
        assertEq(usdc.balanceOf(buyer), compensation);
        assertEq(usdc.balanceOf(provider), providerStart - compensation);
    }

    function testFuzz_coverValue_isRemainingHoursTimesPriceLessHaircut(
        uint64 units,
        uint32 elapsed,
        uint16 haircutBps
    ) public {
        units = uint64(bound(units, 1, GPUS * WINDOW_HOURS));
        haircutBps = uint16(bound(haircutBps, 0, 10_000));
        (uint256 id, ) = _mint(_attestation(units));
        uint256 when = W_START + bound(elapsed, 0, W_END - W_START - 1);
        _submitAt(when, PRICE);
        (uint256 value, uint256 hours_) = capacity.coverValue(id, units, INDEX, W_START, W_END, haircutBps);
        assertEq(hours_, (uint256(units) * (W_END - when)) / (W_END - W_START));
        assertEq(value, (hours_ * PRICE * (10_000 - haircutBps)) / 10_000);
        assertLe(value, uint256(units) * PRICE);
    }
}
