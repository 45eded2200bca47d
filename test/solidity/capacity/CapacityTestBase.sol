// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CapacityToken} from "../../../contracts/capacity/CapacityToken.sol";
import {ICapacityToken} from "../../../contracts/interfaces/ICapacityToken.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {OracleTestBase} from "../oracle/OracleTestBase.sol";
import {Deploy} from "../utils/Deploy.sol";

/// @notice A capacity token on the oracle of `OracleTestBase`, a 6-decimal collateral, one
///         attestor, a funded provider, and helpers that sign attestations and deliveries.
abstract contract CapacityTestBase is OracleTestBase {
    uint256 internal constant ATTESTOR_KEY = 0xA77E57;
    uint256 internal constant ROGUE_KEY = 0xBAD;
    uint32 internal constant GRACE = 3 days;
    /// @dev Twice the H100 index price: the default of docs/capacity.md.
    uint64 internal constant BOND_RATE = 2 * PRICE;
    uint32 internal constant GPUS = 8;
    /// @dev A 30-day window (720 hours) opening a week after `START`.
    uint32 internal constant W_START = uint32(START + 7 days);
    uint32 internal constant W_END = W_START + 30 days;
    uint64 internal constant WINDOW_HOURS = 720;

    CapacityToken internal capacity;
    MockERC20 internal usdc;
    address internal attestor;
    address internal provider = address(0xB0B);
    address internal buyer = address(0xCAFE);
    address internal stranger = address(0xD00D);
    uint256 internal nextNonce;

    function setUp() public virtual override {
        super.setUp();
        usdc = new MockERC20("USD Coin", "USDC", 6);
        capacity = CapacityToken(
            Deploy.capacityToken("ipfs://capacity/{id}.json", IERC20(address(usdc)), oracle, GRACE, address(this))
        );
        attestor = vm.addr(ATTESTOR_KEY);
        capacity.grantRole(capacity.ATTESTOR_ROLE(), attestor);
        capacity.setBondRate(INDEX, BOND_RATE);
        usdc.mint(provider, 1e15);
        vm.prank(provider);
        usdc.approve(address(capacity), type(uint256).max);
    }

    /// @dev An attestation of `units` on the default window and index, with a fresh nonce.
    function _attestation(uint64 units) internal returns (ICapacityToken.Attestation memory) {
        return _attestation(units, W_START, W_END, GPUS);
    }

    function _attestation(
        uint64 units,
        uint32 start,
        uint32 end,
        uint32 gpus
    ) internal returns (ICapacityToken.Attestation memory) {
        return
            ICapacityToken.Attestation({
                provider: provider,
                start: start,
                end: end,
                gpuCount: gpus,
                units: units,
                expiry: uint32(block.timestamp + 1 days),
                indexId: INDEX,
                evidenceHash: keccak256(abi.encode("nvidia-smi + attestation report", nextNonce)),
                nonce: nextNonce++
            });
    }

    function _signAttestation(
        uint256 key,
        ICapacityToken.Attestation memory a
    ) internal view returns (bytes32 r, bytes32 vs) {
        return vm.signCompact(key, capacity.attestationDigest(a));
    }

    /// @dev Mints `a` as the provider, to the provider, signed by the attestor.
    function _mint(ICapacityToken.Attestation memory a) internal returns (uint256 id, uint256 deposit) {
        return _mintTo(a, a.provider);
    }

    function _mintTo(ICapacityToken.Attestation memory a, address to) internal returns (uint256 id, uint256 deposit) {
        (bytes32 r, bytes32 vs) = _signAttestation(ATTESTOR_KEY, a);
        vm.prank(a.provider);
        return capacity.mint(a, to, r, vs);
    }

    /// @dev Mints `units` to `buyer` and has the buyer redeem `redeemed` of them.
    function _mintAndRedeem(uint64 units, uint64 redeemed) internal returns (uint256 id, uint32 requestIndex) {
        (id, ) = _mintTo(_attestation(units), buyer);
        vm.prank(buyer);
        requestIndex = capacity.redeem(id, redeemed, keccak256("ssh-ed25519 AAAA buyer@lab"));
    }

    function _signDelivery(
        uint256 key,
        uint256 id,
        uint32 requestIndex,
        uint64 delivered,
        bytes32 evidenceHash
    ) internal view returns (bytes32 r, bytes32 vs) {
        return vm.signCompact(key, capacity.deliveryDigest(id, requestIndex, delivered, evidenceHash));
    }

    function _confirm(uint256 id, uint32 requestIndex, uint64 delivered) internal {
        bytes32 evidence = keccak256(abi.encode("usage log", id, requestIndex));
        (bytes32 r, bytes32 vs) = _signDelivery(ATTESTOR_KEY, id, requestIndex, delivered, evidence);
        capacity.confirmDelivery(id, requestIndex, delivered, evidence, r, vs);
    }

    /// @dev Rounds at `price` one hour before the window and at its middle, so the oracle can
    ///      answer the window's average later (rounds are sparse: the price carries forward).
    function _priceWindow(uint64 before, uint64 during) internal {
        _submitAt(W_START - 1 hours, before);
        _submitAt(W_START + 15 days, during);
    }
}
