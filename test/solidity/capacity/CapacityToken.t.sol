// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {ICapacityToken} from "../../../contracts/interfaces/ICapacityToken.sol";
import {CapacityIdLib} from "../../../contracts/types/CapacityId.sol";
import {CapacityTestBase} from "./CapacityTestBase.sol";

/// @notice Unit tests: mint, redeem, delivery, compensation, expiry, and the cover value.
contract CapacityTokenTest is CapacityTestBase {
    bytes32 internal constant COMMITMENT = keccak256("ssh-ed25519 AAAA buyer@lab");

    /* ------------------------------- mint ------------------------------- */

    function test_mint_mintsUnitsAndPullsBond() public {
        ICapacityToken.Attestation memory a = _attestation(GPUS * WINDOW_HOURS);
        uint256 before = usdc.balanceOf(provider);
        (uint256 id, uint256 deposit) = _mint(a);

        assertEq(id, CapacityIdLib.toId(provider, INDEX, W_START, W_END));
        assertEq(capacity.balanceOf(provider, id), 5_760);
        assertEq(deposit, 5_760 * uint256(BOND_RATE));
        assertEq(usdc.balanceOf(provider), before - deposit);
        assertEq(usdc.balanceOf(address(capacity)), deposit);
        assertEq(capacity.bondOf(id), deposit);
        assertTrue(capacity.nonceUsed(provider, a.nonce));

        ICapacityToken.Ledger memory ledger = capacity.ledger(id);
        assertEq(ledger.outstanding, 5_760);
        assertEq(ledger.pending, 0);
        assertEq(ledger.bondPerHour, BOND_RATE);
        assertEq(ledger.end, W_END);
        ICapacityToken.Terms memory terms = capacity.terms(id);
        assertEq(terms.provider, provider);
        assertEq(terms.indexId, INDEX);
        assertEq(terms.start, W_START);
        assertEq(terms.end, W_END);
        assertEq(capacity.deadline(id), uint256(W_END) + GRACE);
    }

    function test_mint_emitsRegistrationBondAndMint() public {
        ICapacityToken.Attestation memory a = _attestation(100);
        uint256 id = capacity.idOf(provider, INDEX, W_START, W_END);
        uint256 deposit = 100 * uint256(BOND_RATE);
        vm.expectEmit();
        emit ICapacityToken.CapacityRegistered(id, provider, INDEX, W_START, W_END);
        vm.expectEmit();
        emit ICapacityToken.BondDeposited(id, provider, deposit, BOND_RATE, deposit);
        vm.expectEmit();
        emit ICapacityToken.CapacityMinted(id, provider, buyer, 100, GPUS, a.evidenceHash, a.nonce, attestor, 100);
        _mintTo(a, buyer);
        assertEq(capacity.balanceOf(buyer, id), 100);
        assertEq(capacity.balanceOf(provider, id), 0);
    }

    function test_mint_secondMintAtRaisedRate_topsUpEveryUndeliveredHour() public {
        (uint256 id, ) = _mint(_attestation(100));
        vm.prank(provider);
        capacity.redeem(id, 40, COMMITMENT);
        uint64 raised = 3 * PRICE;
        capacity.setBondRate(INDEX, raised);
        (, uint256 deposit) = _mint(_attestation(50));
        // 100 undelivered hours (60 outstanding + 40 pending) re-bonded, plus 50 new ones.
        assertEq(deposit, 150 * uint256(raised) - 100 * uint256(BOND_RATE));
        assertEq(capacity.bondOf(id), 150 * uint256(raised));
        assertEq(usdc.balanceOf(address(capacity)), 150 * uint256(raised));
    }

    function test_mint_secondMintAtLoweredRate_keepsTheIdsRate() public {
        (uint256 id, ) = _mint(_attestation(100));
        capacity.setBondRate(INDEX, PRICE);
        (, uint256 deposit) = _mint(_attestation(10));
        assertEq(deposit, 10 * uint256(BOND_RATE));
        assertEq(capacity.ledger(id).bondPerHour, BOND_RATE);
    }

    function test_mint_revertsWhen_attestationExpired() public {
        ICapacityToken.Attestation memory a = _attestation(10);
        vm.warp(uint256(a.expiry) + 1);
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(ICapacityToken.AttestationExpired.selector, a.expiry, uint256(a.expiry) + 1)
        );
        capacity.mint(a, provider, r, vs);
    }

    function test_mint_revertsWhen_attestationReused() public {
        ICapacityToken.Attestation memory a = _attestation(10);
        _mint(a);
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.AttestationUsed.selector, provider, a.nonce));
        capacity.mint(a, provider, r, vs);
    }

    function test_mint_revertsWhen_wrongSigner() public {
        ICapacityToken.Attestation memory a = _attestation(10);
        (bytes32 r, bytes32 vs) = _signAttestation(ROGUE_KEY, a);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.InvalidAttestor.selector, vm.addr(ROGUE_KEY)));
        capacity.mint(a, provider, r, vs);
    }

    function test_mint_revertsWhen_attestorRoleRevoked() public {
        capacity.revokeRole(capacity.ATTESTOR_ROLE(), attestor);
        ICapacityToken.Attestation memory a = _attestation(10);
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.InvalidAttestor.selector, attestor));
        capacity.mint(a, provider, r, vs);
    }

    function test_mint_revertsWhen_signatureMalformed() public {
        ICapacityToken.Attestation memory a = _attestation(10);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.InvalidAttestor.selector, address(0)));
        capacity.mint(a, provider, bytes32(0), bytes32(0));
    }

    function test_mint_revertsWhen_attestationTampered() public {
        ICapacityToken.Attestation memory a = _attestation(10);
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        a.units = 11;
        vm.prank(provider);
        vm.expectPartialRevert(ICapacityToken.InvalidAttestor.selector);
        capacity.mint(a, provider, r, vs);
    }

    function test_mint_revertsWhen_windowInPast() public {
        vm.warp(W_END + 1 days);
        ICapacityToken.Attestation memory a = _attestation(10);
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.WindowNotInFuture.selector, W_START, W_END + 1 days));
        capacity.mint(a, provider, r, vs);
    }

    function test_mint_revertsWhen_windowStartsNow() public {
        vm.warp(W_START);
        ICapacityToken.Attestation memory a = _attestation(10);
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.WindowNotInFuture.selector, W_START, W_START));
        capacity.mint(a, provider, r, vs);
    }

    function test_mint_revertsWhen_windowNotWholeHours() public {
        ICapacityToken.Attestation memory a = _attestation(10, W_START, W_START + 90 minutes, GPUS);
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.InvalidWindow.selector, W_START, W_START + 90 minutes));
        capacity.mint(a, provider, r, vs);
    }

    function test_mint_revertsWhen_windowReversed() public {
        ICapacityToken.Attestation memory a = _attestation(10, W_END, W_START, GPUS);
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.InvalidWindow.selector, W_END, W_START));
        capacity.mint(a, provider, r, vs);
    }

    function test_mint_revertsWhen_unitsExceedGpuHours() public {
        ICapacityToken.Attestation memory a = _attestation(GPUS * WINDOW_HOURS + 1);
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(ICapacityToken.InvalidUnits.selector, GPUS * WINDOW_HOURS + 1, GPUS * WINDOW_HOURS)
        );
        capacity.mint(a, provider, r, vs);
    }

    function test_mint_revertsWhen_zeroUnits() public {
        ICapacityToken.Attestation memory a = _attestation(0);
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.InvalidUnits.selector, 0, GPUS * WINDOW_HOURS));
        capacity.mint(a, provider, r, vs);
    }

    function test_mint_revertsWhen_callerNotProvider() public {
        ICapacityToken.Attestation memory a = _attestation(10);
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.NotProvider.selector, stranger, provider));
        capacity.mint(a, provider, r, vs);
    }

    function test_mint_revertsWhen_indexNotEnabled() public {
        ICapacityToken.Attestation memory a = _attestation(10);
        a.indexId = OTHER_INDEX;
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.IndexNotEnabled.selector, OTHER_INDEX));
        capacity.mint(a, provider, r, vs);
    }

    /* ---------------------------- setBondRate --------------------------- */

    function test_setBondRate_revertsWhen_notRiskAdmin() public {
        bytes32 role = capacity.RISK_ADMIN_ROLE();
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, role)
        );
        capacity.setBondRate(INDEX, 1);
    }

    function test_setBondRate_revertsWhen_indexDecimalsDiffer() public {
        bytes32 power = "POWER-PJM-USD-MWH";
        oracle.registerIndex(
            power,
            IIndexOracle.IndexMetadata("PJM power", "ipfs://m", bytes32(0), 18),
            IIndexOracle.IndexParams(3, MAX_MOVE_BPS, MAX_AGE, MAX_DELAY, false),
            4
        );
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.IndexDecimalsMismatch.selector, power, 18, 6));
        capacity.setBondRate(power, 1);
    }

    function test_setBondRate_revertsWhen_indexUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.UnknownIndex.selector, bytes32("NOPE")));
        capacity.setBondRate("NOPE", 1);
    }

    /* ------------------------------ redeem ------------------------------ */

    function test_redeem_burnsAndRecordsRequest() public {
        (uint256 id, ) = _mintTo(_attestation(100), buyer);
        vm.expectEmit();
        emit ICapacityToken.RedemptionRequested(id, 0, buyer, 30, COMMITMENT);
        vm.prank(buyer);
        uint32 requestIndex = capacity.redeem(id, 30, COMMITMENT);

        assertEq(requestIndex, 0);
        assertEq(capacity.balanceOf(buyer, id), 70);
        ICapacityToken.Ledger memory ledger = capacity.ledger(id);
        assertEq(ledger.outstanding, 70);
        assertEq(ledger.pending, 30);
        assertEq(ledger.requestCount, 1);
        ICapacityToken.Request memory req = capacity.request(id, 0);
        assertEq(req.holder, buyer);
        assertEq(req.undelivered, 30);
        assertTrue(req.status == ICapacityToken.RequestStatus.Pending);
        // Redeeming moves hours from outstanding to pending: the bond is unchanged.
        assertEq(capacity.bondOf(id), 100 * uint256(BOND_RATE));
    }

    function test_redeem_duringWindow() public {
        (uint256 id, ) = _mintTo(_attestation(100), buyer);
        vm.warp(W_END - 1);
        vm.prank(buyer);
        assertEq(capacity.redeem(id, 1, COMMITMENT), 0);
    }

    function test_redeem_revertsWhen_moreThanHeld() public {
        (uint256 id, ) = _mintTo(_attestation(100), buyer);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.RedeemExceedsBalance.selector, buyer, id, 100, 101));
        capacity.redeem(id, 101, COMMITMENT);
    }

    function test_redeem_revertsWhen_zeroUnits() public {
        (uint256 id, ) = _mintTo(_attestation(100), buyer);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.InvalidUnits.selector, 0, 100));
        capacity.redeem(id, 0, COMMITMENT);
    }

    function test_redeem_revertsWhen_windowEnded() public {
        (uint256 id, ) = _mintTo(_attestation(100), buyer);
        vm.warp(W_END);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.RedemptionClosed.selector, id, W_END, W_END));
        capacity.redeem(id, 1, COMMITMENT);
    }

    function test_redeem_revertsWhen_unknownId() public {
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.UnknownCapacity.selector, 42));
        capacity.redeem(42, 1, COMMITMENT);
    }

    function test_transfer_thenNewHolderRedeems() public {
        (uint256 id, ) = _mint(_attestation(100));
        vm.prank(provider);
        capacity.safeTransferFrom(provider, stranger, id, 25, "");
        vm.prank(stranger);
        uint32 requestIndex = capacity.redeem(id, 25, COMMITMENT);
        assertEq(capacity.request(id, requestIndex).holder, stranger);
        assertEq(capacity.ledger(id).outstanding, 75);
    }

    /* -------------------------- confirmDelivery ------------------------- */

    function test_confirmDelivery_releasesTheDeliveredHoursBond() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        vm.warp(W_START + 2 days);
        uint256 providerBefore = usdc.balanceOf(provider);
        bytes32 evidence = keccak256("usage");
        (bytes32 r, bytes32 vs) = _signDelivery(ATTESTOR_KEY, id, requestIndex, 40, evidence);
        vm.expectEmit();
        emit ICapacityToken.DeliveryConfirmed(id, requestIndex, attestor, 40, 0, evidence);
        vm.expectEmit();
        emit ICapacityToken.BondReleased(id, provider, 40, 40 * uint256(BOND_RATE), 60 * uint256(BOND_RATE));
        vm.prank(stranger); // anyone may send the attestor's confirmation
        capacity.confirmDelivery(id, requestIndex, 40, evidence, r, vs);

        assertEq(usdc.balanceOf(provider), providerBefore + 40 * uint256(BOND_RATE));
        assertEq(capacity.ledger(id).pending, 0);
        assertEq(capacity.bondOf(id), 60 * uint256(BOND_RATE));
        assertEq(usdc.balanceOf(address(capacity)), 60 * uint256(BOND_RATE));
        ICapacityToken.Request memory req = capacity.request(id, requestIndex);
        assertTrue(req.status == ICapacityToken.RequestStatus.Confirmed);
        assertEq(req.undelivered, 0);
    }

    function test_confirmDelivery_revertsWhen_confirmedTwice() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        _confirm(id, requestIndex, 30);
        bytes32 evidence = keccak256("again");
        (bytes32 r, bytes32 vs) = _signDelivery(ATTESTOR_KEY, id, requestIndex, 10, evidence);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.AlreadyConfirmed.selector, id, requestIndex));
        capacity.confirmDelivery(id, requestIndex, 10, evidence, r, vs);
    }

    function test_confirmDelivery_revertsWhen_wrongSigner() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        (bytes32 r, bytes32 vs) = _signDelivery(ROGUE_KEY, id, requestIndex, 40, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.InvalidAttestor.selector, vm.addr(ROGUE_KEY)));
        capacity.confirmDelivery(id, requestIndex, 40, bytes32(0), r, vs);
    }

    function test_confirmDelivery_revertsWhen_signatureForOtherHours() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        (bytes32 r, bytes32 vs) = _signDelivery(ATTESTOR_KEY, id, requestIndex, 20, bytes32(0));
        vm.expectPartialRevert(ICapacityToken.InvalidAttestor.selector);
        capacity.confirmDelivery(id, requestIndex, 40, bytes32(0), r, vs);
    }

    function test_confirmDelivery_revertsWhen_afterDeadline() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        uint256 due = uint256(W_END) + GRACE;
        vm.warp(due + 1);
        (bytes32 r, bytes32 vs) = _signDelivery(ATTESTOR_KEY, id, requestIndex, 40, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.DeliveryDeadlinePassed.selector, id, due, due + 1));
        capacity.confirmDelivery(id, requestIndex, 40, bytes32(0), r, vs);
    }

    function test_confirmDelivery_atDeadline() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        vm.warp(uint256(W_END) + GRACE);
        _confirm(id, requestIndex, 40);
        assertEq(capacity.ledger(id).pending, 0);
    }

    function test_confirmDelivery_revertsWhen_moreThanRequested() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        (bytes32 r, bytes32 vs) = _signDelivery(ATTESTOR_KEY, id, requestIndex, 41, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.InvalidDelivery.selector, 41, 40));
        capacity.confirmDelivery(id, requestIndex, 41, bytes32(0), r, vs);
    }

    function test_confirmDelivery_revertsWhen_zeroHours() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        (bytes32 r, bytes32 vs) = _signDelivery(ATTESTOR_KEY, id, requestIndex, 0, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.InvalidDelivery.selector, 0, 40));
        capacity.confirmDelivery(id, requestIndex, 0, bytes32(0), r, vs);
    }

    function test_confirmDelivery_revertsWhen_unknownRequest() public {
        (uint256 id, ) = _mintAndRedeem(100, 40);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.UnknownRequest.selector, id, 1));
        capacity.confirmDelivery(id, 1, 1, bytes32(0), bytes32(0), bytes32(0));
    }

    function test_confirmDelivery_revertsWhen_alreadyCompensated() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        _priceWindow(PRICE, PRICE);
        vm.warp(uint256(W_END) + GRACE + 1);
        capacity.claimCompensation(id, requestIndex);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.AlreadyCompensated.selector, id, requestIndex));
        capacity.confirmDelivery(id, requestIndex, 1, bytes32(0), bytes32(0), bytes32(0));
    }

    /* ------------------------- claimCompensation ------------------------ */

    function test_claimCompensation_paysTheWindowAverage() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        uint64 during = (PRICE * 11) / 10;
        _priceWindow(PRICE, during);
        vm.warp(uint256(W_END) + GRACE + 1);
        // Half the window at PRICE, half at 1.1 × PRICE.
        uint256 average = oracle.averagePrice(INDEX, W_START, W_END);
        assertEq(average, (uint256(PRICE) + during) / 2);
        assertEq(capacity.compensationRate(id), average);

        uint256 providerBefore = usdc.balanceOf(provider);
        vm.expectEmit();
        emit ICapacityToken.CompensationPaid(
            id,
            requestIndex,
            buyer,
            40,
            average,
            40 * average,
            60 * uint256(BOND_RATE)
        );
        vm.prank(stranger); // anyone may claim for the holder
        uint256 paid = capacity.claimCompensation(id, requestIndex);

        assertEq(paid, 40 * average);
        assertEq(usdc.balanceOf(buyer), 40 * average);
        assertEq(usdc.balanceOf(provider), providerBefore + 40 * (uint256(BOND_RATE) - average));
        assertEq(usdc.balanceOf(address(capacity)), 60 * uint256(BOND_RATE));
        assertEq(capacity.ledger(id).pending, 0);
        assertTrue(capacity.request(id, requestIndex).status == ICapacityToken.RequestStatus.Compensated);
    }

    function test_claimCompensation_cappedAtTheBondRate() public {
        capacity.setBondRate(INDEX, PRICE / 2);
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        _priceWindow(PRICE, PRICE);
        vm.warp(uint256(W_END) + GRACE + 1);
        uint256 providerBefore = usdc.balanceOf(provider);
        uint256 paid = capacity.claimCompensation(id, requestIndex);
        assertEq(paid, 40 * uint256(PRICE / 2));
        assertEq(usdc.balanceOf(provider), providerBefore);
    }

    function test_claimCompensation_shortfallOfPartialDelivery() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        _priceWindow(PRICE, PRICE);
        _confirm(id, requestIndex, 25);
        assertEq(capacity.request(id, requestIndex).undelivered, 15);
        vm.warp(uint256(W_END) + GRACE + 1);
        assertEq(capacity.claimCompensation(id, requestIndex), 15 * uint256(PRICE));
        assertEq(capacity.ledger(id).pending, 0);
    }

    function test_claimCompensation_fallsBackToLatestPrice() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        // The first round is inside the window: the ring cannot average from its start.
        _submitAt(W_START + 1 days, PRICE);
        uint256 claimAt = uint256(W_END) + GRACE + 1;
        _submitAt(claimAt, (PRICE * 9) / 10);
        vm.expectPartialRevert(IIndexOracle.BeforeOldestRound.selector);
        oracle.averagePrice(INDEX, W_START, W_END);
        vm.expectEmit();
        emit ICapacityToken.CompensationPriceFixed(id, (PRICE * 9) / 10, false);
        assertEq(capacity.claimCompensation(id, requestIndex), 40 * uint256((PRICE * 9) / 10));
        assertEq(capacity.compensationPrice(id), (PRICE * 9) / 10);
    }

    /// @dev Every holder of an id is compensated at the same price, whenever it claims.
    function test_claimCompensation_laterClaimsReuseTheFixedPrice() public {
        (uint256 id, ) = _mintTo(_attestation(100), buyer);
        vm.prank(buyer);
        uint32 first = capacity.redeem(id, 10, COMMITMENT);
        vm.prank(buyer);
        uint32 second = capacity.redeem(id, 20, COMMITMENT);
        _submitAt(W_START + 1 days, PRICE);
        uint256 claimAt = uint256(W_END) + GRACE + 1;
        _submitAt(claimAt, PRICE);
        assertEq(capacity.claimCompensation(id, first), 10 * uint256(PRICE));
        _submitAt(claimAt + 1 hours, (PRICE * 12) / 10);
        assertEq(capacity.compensationRate(id), PRICE);
        assertEq(capacity.claimCompensation(id, second), 20 * uint256(PRICE));
    }

    /* ------------------------ fixCompensationPrice ----------------------- */

    /// @dev Fixed at the window's end, the average survives the oracle's ring wrapping past the
    ///      window (the ring of the test oracle holds 32 rounds).
    function test_fixCompensationPrice_keepsTheAverageAfterTheRingWraps() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        uint64 during = (PRICE * 11) / 10;
        _priceWindow(PRICE, during);
        vm.warp(uint256(W_END) + MAX_DELAY);
        uint256 average = oracle.averagePrice(INDEX, W_START, W_END);
        vm.expectEmit();
        emit ICapacityToken.CompensationPriceFixed(id, average, true);
        vm.prank(stranger);
        assertEq(capacity.fixCompensationPrice(id), average);

        for (uint256 i = 2; i <= RING + 2; ++i) _submitAt(uint256(W_END) + i * 1 hours, during);
        vm.expectPartialRevert(IIndexOracle.BeforeOldestRound.selector);
        oracle.averagePrice(INDEX, W_START, W_END);

        vm.warp(uint256(W_END) + GRACE + 1);
        assertEq(capacity.claimCompensation(id, requestIndex), 40 * average);
    }

    /// @dev Late rounds inside the window may arrive until its end + maxSubmissionDelay.
    function test_fixCompensationPrice_revertsWhen_averageNotFinal() public {
        (uint256 id, ) = _mint(_attestation(100));
        uint256 finalAt = uint256(W_END) + MAX_DELAY;
        vm.warp(finalAt - 1);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.AverageNotFinal.selector, id, finalAt, finalAt - 1));
        capacity.fixCompensationPrice(id);
    }

    function test_fixCompensationPrice_revertsWhen_fixedTwice() public {
        (uint256 id, ) = _mint(_attestation(100));
        _priceWindow(PRICE, PRICE);
        vm.warp(uint256(W_END) + MAX_DELAY);
        capacity.fixCompensationPrice(id);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.CompensationPriceAlreadyFixed.selector, id, PRICE));
        capacity.fixCompensationPrice(id);
    }

    function test_fixCompensationPrice_revertsWhen_noWindowAverage() public {
        (uint256 id, ) = _mint(_attestation(100));
        _submitAt(W_START + 1 days, PRICE);
        vm.warp(uint256(W_END) + MAX_DELAY);
        vm.expectPartialRevert(IIndexOracle.BeforeOldestRound.selector);
        capacity.fixCompensationPrice(id);
    }

    function test_fixCompensationPrice_revertsWhen_unknownId() public {
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.UnknownCapacity.selector, 3));
        capacity.fixCompensationPrice(3);
    }

    function test_claimCompensation_revertsWhen_priceUnavailable() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        vm.warp(uint256(W_END) + GRACE + 1);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.CompensationPriceUnavailable.selector, INDEX));
        capacity.claimCompensation(id, requestIndex);
    }

    function test_claimCompensation_revertsWhen_beforeDeadline() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        uint256 due = uint256(W_END) + GRACE;
        vm.warp(due);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.DeadlineNotReached.selector, id, due, due));
        capacity.claimCompensation(id, requestIndex);
    }

    function test_claimCompensation_revertsWhen_claimedTwice() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        _priceWindow(PRICE, PRICE);
        vm.warp(uint256(W_END) + GRACE + 1);
        capacity.claimCompensation(id, requestIndex);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.AlreadyCompensated.selector, id, requestIndex));
        capacity.claimCompensation(id, requestIndex);
    }

    function test_claimCompensation_revertsWhen_fullyDelivered() public {
        (uint256 id, uint32 requestIndex) = _mintAndRedeem(100, 40);
        _confirm(id, requestIndex, 40);
        vm.warp(uint256(W_END) + GRACE + 1);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.NothingToClaim.selector, id, requestIndex));
        capacity.claimCompensation(id, requestIndex);
    }

    function test_claimCompensation_revertsWhen_unknownRequest() public {
        (uint256 id, ) = _mintAndRedeem(100, 40);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.UnknownRequest.selector, id, 7));
        capacity.claimCompensation(id, 7);
    }

    /* --------------------------- releaseExpired -------------------------- */

    function test_releaseExpired_returnsTheUnredeemedHoursBond() public {
        (uint256 id, ) = _mintAndRedeem(100, 40);
        vm.warp(uint256(W_END) + GRACE + 1);
        uint256 providerBefore = usdc.balanceOf(provider);
        vm.expectEmit();
        emit ICapacityToken.CapacityExpired(id, 60);
        vm.expectEmit();
        emit ICapacityToken.BondReleased(id, provider, 60, 60 * uint256(BOND_RATE), 40 * uint256(BOND_RATE));
        uint256 released = capacity.releaseExpired(id);
        assertEq(released, 60 * uint256(BOND_RATE));
        assertEq(usdc.balanceOf(provider), providerBefore + released);
        assertEq(capacity.ledger(id).outstanding, 0);
        // The pending request's bond stays for its holder.
        assertEq(capacity.bondOf(id), 40 * uint256(BOND_RATE));
        assertEq(usdc.balanceOf(address(capacity)), 40 * uint256(BOND_RATE));
    }

    function test_releaseExpired_revertsWhen_beforeDeadline() public {
        (uint256 id, ) = _mint(_attestation(100));
        uint256 due = uint256(W_END) + GRACE;
        vm.warp(due);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.DeadlineNotReached.selector, id, due, due));
        capacity.releaseExpired(id);
    }

    function test_releaseExpired_revertsWhen_nothingLeft() public {
        (uint256 id, ) = _mint(_attestation(100));
        vm.warp(uint256(W_END) + GRACE + 1);
        capacity.releaseExpired(id);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.NothingToRelease.selector, id));
        capacity.releaseExpired(id);
    }

    function test_releaseExpired_revertsWhen_unknownId() public {
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.UnknownCapacity.selector, 5));
        capacity.releaseExpired(5);
    }

    /* ---------------------------- coverValue ---------------------------- */

    function test_coverValue_beforeTheWindow_countsEveryHour() public {
        (uint256 id, ) = _mint(_attestation(720));
        _submitAt(block.timestamp, PRICE);
        (uint256 value, uint256 hours_) = capacity.coverValue(id, 720, INDEX, W_START, W_END, 2_000);
        assertEq(hours_, 720);
        assertEq(value, (720 * uint256(PRICE) * 8_000) / 10_000);
    }

    function test_coverValue_midWindow_countsTheRemainingHours() public {
        (uint256 id, ) = _mint(_attestation(720));
        _submitAt(W_START + 10 days, PRICE);
        (uint256 value, uint256 hours_) = capacity.coverValue(id, 720, INDEX, W_START, W_END, 0);
        assertEq(hours_, 480);
        assertEq(value, 480 * uint256(PRICE));
    }

    function test_coverValue_marketWindowOverlapsPartly() public {
        (uint256 id, ) = _mint(_attestation(720));
        _submitAt(block.timestamp, PRICE);
        // A market over the last 10 days of the tokens' window and 20 days after it.
        (, uint256 hours_) = capacity.coverValue(id, 720, INDEX, W_END - 10 days, W_END + 20 days, 0);
        assertEq(hours_, 240);
        (, hours_) = capacity.coverValue(id, 720, INDEX, W_END, W_END + 30 days, 0);
        assertEq(hours_, 0);
    }

    function test_coverValue_afterTheWindow_isZeroWithoutAPrice() public {
        (uint256 id, ) = _mint(_attestation(720));
        vm.warp(W_END);
        (uint256 value, uint256 hours_) = capacity.coverValue(id, 720, INDEX, W_START, W_END, 0);
        assertEq(value, 0);
        assertEq(hours_, 0);
    }

    function test_coverValueOf_valuesTheHoldersBalance() public {
        (uint256 id, ) = _mintTo(_attestation(300), buyer);
        _submitAt(block.timestamp, PRICE);
        (uint256 value, uint256 hours_) = capacity.coverValueOf(buyer, id, INDEX, W_START, W_END, 1_000);
        assertEq(hours_, 300);
        assertEq(value, (300 * uint256(PRICE) * 9_000) / 10_000);
        (value, hours_) = capacity.coverValueOf(provider, id, INDEX, W_START, W_END, 1_000);
        assertEq(value, 0);
    }

    function test_coverValue_revertsWhen_indexMismatch() public {
        (uint256 id, ) = _mint(_attestation(720));
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.IndexMismatch.selector, id, OTHER_INDEX, INDEX));
        capacity.coverValue(id, 720, OTHER_INDEX, W_START, W_END, 0);
    }

    function test_coverValue_revertsWhen_haircutAboveOne() public {
        (uint256 id, ) = _mint(_attestation(720));
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.InvalidHaircut.selector, 10_001));
        capacity.coverValue(id, 720, INDEX, W_START, W_END, 10_001);
    }

    function test_coverValue_revertsWhen_indexStale() public {
        (uint256 id, ) = _mint(_attestation(720));
        _submitAt(block.timestamp, PRICE);
        vm.warp(block.timestamp + MAX_AGE + 1);
        vm.expectPartialRevert(IIndexOracle.StaleIndex.selector);
        capacity.coverValue(id, 720, INDEX, W_START, W_END, 0);
    }

    function test_coveredHours_revertsWhen_unknownId() public {
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.UnknownCapacity.selector, 9));
        capacity.coveredHours(9, 1, W_START, W_END);
    }

    /* ------------------------------ EIP-712 ----------------------------- */

    /// @dev Off-chain signers (SDK, attestor service) build these types from docs/capacity.md:
    ///      the strings and the field order of `Attestation` must match them exactly.
    function test_typehashes_matchTheDocumentedTypes() public view {
        assertEq(
            capacity.ATTESTATION_TYPEHASH(),
            keccak256(
                "CapacityAttestation(address provider,uint32 start,uint32 end,uint32 gpuCount,uint64 units,"
                "uint32 expiry,bytes32 indexId,bytes32 evidenceHash,uint256 nonce)"
            )
        );
        assertEq(
            capacity.DELIVERY_TYPEHASH(),
            keccak256("DeliveryAttestation(uint256 id,uint32 requestIndex,uint64 delivered,bytes32 evidenceHash)")
        );
    }

    function test_attestationDigest_isTheEip712HashOfTheStructInFieldOrder() public {
        ICapacityToken.Attestation memory a = _attestation(123);
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Computus Capacity"),
                keccak256("1"),
                block.chainid,
                address(capacity)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                capacity.ATTESTATION_TYPEHASH(),
                a.provider,
                a.start,
                a.end,
                a.gpuCount,
                a.units,
                a.expiry,
                a.indexId,
                a.evidenceHash,
                a.nonce
            )
        );
        assertEq(capacity.attestationDigest(a), keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash)));
        bytes32 deliveryHash = keccak256(
            abi.encode(capacity.DELIVERY_TYPEHASH(), uint256(7), uint32(2), uint64(5), bytes32("e"))
        );
        assertEq(
            capacity.deliveryDigest(7, 2, 5, "e"),
            keccak256(abi.encodePacked("\x19\x01", domainSeparator, deliveryHash))
        );
    }

    function test_supportsInterface_erc1155AndAccessControl() public view {
        assertTrue(capacity.supportsInterface(0xd9b67a26)); // ERC-1155
        assertTrue(capacity.supportsInterface(type(IAccessControl).interfaceId));
        assertTrue(capacity.supportsInterface(type(ICapacityToken).interfaceId));
        assertFalse(capacity.supportsInterface(0xffffffff));
    }
}
