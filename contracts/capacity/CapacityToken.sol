// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ICapacityToken} from "../interfaces/ICapacityToken.sol";
import {IIndexOracle} from "../interfaces/IIndexOracle.sol";
import {CapacityMathLib} from "../libraries/CapacityMathLib.sol";
import {CapacityIdLib} from "../types/CapacityId.sol";

/// @title CapacityToken
/// @notice Bonded, attested GPU capacity as ERC-1155 units of one GPU-hour (see ICapacityToken).
contract CapacityToken is ICapacityToken, ERC1155, AccessControl, EIP712 {
    using SafeERC20 for IERC20;

    /// @notice Signs hardware attestations (mint) and delivery confirmations.
    bytes32 public constant ATTESTOR_ROLE = keccak256("ATTESTOR_ROLE");
    /// @notice Sets the bond rate of each index.
    bytes32 public constant RISK_ADMIN_ROLE = keccak256("RISK_ADMIN_ROLE");

    /// @notice EIP-712 type of what an attestor signs to allow a mint.
    bytes32 public constant ATTESTATION_TYPEHASH = keccak256(
        "CapacityAttestation(address provider,uint32 start,uint32 end,uint32 gpuCount,uint64 units,"
        "uint32 expiry,bytes32 indexId,bytes32 evidenceHash,uint256 nonce)"
    );
    /// @notice EIP-712 type of what an attestor signs to confirm a delivery.
    bytes32 public constant DELIVERY_TYPEHASH = keccak256(
        "DeliveryAttestation(uint256 id,uint32 requestIndex,uint64 delivered,bytes32 evidenceHash)"
    );

    uint256 private constant HOUR = 3600;

    /// @inheritdoc ICapacityToken
    IERC20 public immutable collateral;
    /// @inheritdoc ICapacityToken
    IIndexOracle public immutable oracle;
    /// @inheritdoc ICapacityToken
    uint32 public immutable deliveryGrace;
    /// @dev Read once at deployment; index prices must use the same decimals.
    uint8 private immutable _collateralDecimals;

    /// @dev provider (160) | start (32) | end (32): one slot, written at an id's first mint.
    struct PackedTerms {
        address provider;
        uint32 start;
        uint32 end;
    }

    mapping(uint256 id => PackedTerms) private _terms;
    mapping(uint256 id => bytes32) private _indexIds;
    /// @dev The hot slot: everything redeem reads and writes about an id.
    mapping(uint256 id => Ledger) private _ledgers;
    mapping(uint256 id => mapping(uint256 requestIndex => Request)) private _requests;
    mapping(bytes32 indexId => uint64) private _bondRates;
    /// @dev The index price compensation pays per GPU-hour, fixed once per id (0: not yet).
    mapping(uint256 id => uint256) private _compensationPrices;
    /// @dev Unordered nonces as bitmaps (as Permit2): 256 nonces per slot, so sequential
    ///      nonces cost a fresh slot once every 256 mints.
    mapping(address provider => mapping(uint256 word => uint256 bitmap)) private _nonceBitmaps;

    /// @param uri_ ERC-1155 metadata URI template (`{id}` replaced by the client).
    /// @param collateral_ The token bonds are posted in.
    /// @param oracle_ The index oracle compensation and cover values read.
    /// @param deliveryGrace_ Seconds after a window's end to confirm deliveries.
    /// @param admin Receives the default admin and risk admin roles.
    constructor(
        string memory uri_,
        IERC20 collateral_,
        IIndexOracle oracle_,
        uint32 deliveryGrace_,
        address admin
    ) ERC1155(uri_) EIP712("Computus Capacity", "1") {
        collateral = collateral_;
        oracle = oracle_;
        deliveryGrace = deliveryGrace_;
        _collateralDecimals = IERC20Metadata(address(collateral_)).decimals();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(RISK_ADMIN_ROLE, admin);
    }

    /* ---------------------------------------------------------------- */
    /*                          Administration                          */
    /* ---------------------------------------------------------------- */

    /// @inheritdoc ICapacityToken
    function setBondRate(bytes32 indexId, uint64 bondPerHour) external onlyRole(RISK_ADMIN_ROLE) {
        // Reverts UnknownIndex for an index the oracle does not know.
        uint8 indexDecimals = oracle.indexMetadata(indexId).decimals;
        if (indexDecimals != _collateralDecimals)
            revert IndexDecimalsMismatch(indexId, indexDecimals, _collateralDecimals);
        _bondRates[indexId] = bondPerHour;
        emit BondRateSet(indexId, bondPerHour);
    }

    /* ---------------------------------------------------------------- */
    /*                        Minting and delivery                      */
    /* ---------------------------------------------------------------- */

    /// @inheritdoc ICapacityToken
    function mint(
        Attestation calldata attestation,
        address to,
        bytes32 r,
        bytes32 vs
    ) external returns (uint256 id, uint256 deposit) {
        address attestor = _checkAttestation(attestation, r, vs);
        id = CapacityIdLib.toId(attestation.provider, attestation.indexId, attestation.start, attestation.end);
        uint64 outstanding;
        (deposit, outstanding) = _book(id, attestation);
        emit CapacityMinted(
            id,
            attestation.provider,
            to,
            attestation.units,
            attestation.gpuCount,
            attestation.evidenceHash,
            attestation.nonce,
            attestor,
            outstanding
        );

        // The bond must hold what it books: a fee-on-transfer collateral would leave it short.
        uint256 balance = collateral.balanceOf(address(this));
        collateral.safeTransferFrom(attestation.provider, address(this), deposit);
        uint256 received = collateral.balanceOf(address(this));
        if (received != balance + deposit) {
            revert TransferAmountMismatch(deposit, received > balance ? received - balance : 0);
        }
        // Last: the receiver hook of `to` is the only untrusted call.
        _mint(to, id, attestation.units, "");
    }

    /// @inheritdoc ICapacityToken
    function redeem(uint256 id, uint64 units, bytes32 commitment) external returns (uint32 requestIndex) {
        Ledger memory state = _ledgers[id];
        if (state.end == 0) revert UnknownCapacity(id);
        if (block.timestamp >= state.end) revert RedemptionClosed(id, state.end, block.timestamp);
        uint256 balance = balanceOf(msg.sender, id);
        if (units == 0) revert InvalidUnits(0, balance);
        if (units > balance) revert RedeemExceedsBalance(msg.sender, id, balance, units);

        // Before the window's end `outstanding` is the circulating supply, so it covers `units`.
        state.outstanding -= units;
        state.pending += units;
        requestIndex = state.requestCount;
        ++state.requestCount;
        _ledgers[id] = state;
        _requests[id][requestIndex] = Request(msg.sender, units, RequestStatus.Pending);

        _burn(msg.sender, id, units);
        emit RedemptionRequested(id, requestIndex, msg.sender, units, commitment);
    }

    /// @inheritdoc ICapacityToken
    function confirmDelivery(
        uint256 id,
        uint32 requestIndex,
        uint64 delivered,
        bytes32 evidenceHash,
        bytes32 r,
        bytes32 vs
    ) external {
        Request storage stored = _requests[id][requestIndex];
        Request memory req = stored;
        if (req.status != RequestStatus.Pending) _revertNotPending(id, requestIndex, req.status);
        Ledger memory state = _ledgers[id];
        uint256 due = uint256(state.end) + deliveryGrace;
        if (block.timestamp > due) revert DeliveryDeadlinePassed(id, due, block.timestamp);
        if (delivered == 0 || delivered > req.undelivered) revert InvalidDelivery(delivered, req.undelivered);
        address attestor = _attestor(_deliveryDigest(id, requestIndex, delivered, evidenceHash), r, vs);

        unchecked {
            // delivered <= req.undelivered <= state.pending (each request's hours are in pending).
            req.undelivered -= delivered;
            state.pending -= delivered;
        }
        stored.undelivered = req.undelivered;
        stored.status = RequestStatus.Confirmed;
        _ledgers[id].pending = state.pending;

        uint256 released = uint256(delivered) * state.bondPerHour;
        address provider = _terms[id].provider;
        emit DeliveryConfirmed(id, requestIndex, attestor, delivered, req.undelivered, evidenceHash);
        emit BondReleased(id, provider, delivered, released, _bond(state));

        collateral.safeTransfer(provider, released);
    }

    /// @inheritdoc ICapacityToken
    function claimCompensation(uint256 id, uint32 requestIndex) external returns (uint256 amount) {
        Request storage stored = _requests[id][requestIndex];
        Request memory req = stored;
        if (req.status == RequestStatus.None) revert UnknownRequest(id, requestIndex);
        if (req.status == RequestStatus.Compensated) revert AlreadyCompensated(id, requestIndex);
        if (req.undelivered == 0) revert NothingToClaim(id, requestIndex);
        Ledger memory state = _ledgers[id];
        uint256 due = uint256(state.end) + deliveryGrace;
        if (block.timestamp <= due) revert DeadlineNotReached(id, due, block.timestamp);
        PackedTerms memory packed = _terms[id];
        uint256 rate = _priceFixedOnce(id, packed);
        if (rate > state.bondPerHour) rate = state.bondPerHour;

        uint64 units = req.undelivered;
        unchecked {
            // units <= state.pending: every request's undelivered hours are counted in pending.
            state.pending -= units;
        }
        stored.undelivered = 0;
        stored.status = RequestStatus.Compensated;
        _ledgers[id].pending = state.pending;

        amount = uint256(units) * rate;
        // rate <= bondPerHour, so the hours' bond pays the holder and the rest is the provider's.
        uint256 surplus = uint256(units) * state.bondPerHour - amount;
        uint256 bond = _bond(state);
        emit CompensationPaid(id, requestIndex, req.holder, units, rate, amount, bond);
        if (surplus != 0) emit BondReleased(id, packed.provider, units, surplus, bond);

        collateral.safeTransfer(req.holder, amount);
        if (surplus != 0) collateral.safeTransfer(packed.provider, surplus);
    }

    /// @inheritdoc ICapacityToken
    function fixCompensationPrice(uint256 id) external returns (uint256 price) {
        PackedTerms memory packed = _terms[id];
        if (packed.end == 0) revert UnknownCapacity(id);
        price = _compensationPrices[id];
        if (price != 0) revert CompensationPriceAlreadyFixed(id, price);
        bytes32 indexId = _indexIds[id];
        uint256 finalAt = uint256(packed.end) + oracle.indexParams(indexId).maxSubmissionDelay;
        if (block.timestamp < finalAt) revert AverageNotFinal(id, finalAt, block.timestamp);
        // Only the true window average: reverts (BeforeOldestRound …) when the ring cannot give it.
        price = oracle.averagePrice(indexId, packed.start, packed.end);
        _compensationPrices[id] = price;
        emit CompensationPriceFixed(id, price, true);
    }

    /// @inheritdoc ICapacityToken
    function releaseExpired(uint256 id) external returns (uint256 amount) {
        Ledger memory state = _ledgers[id];
        if (state.end == 0) revert UnknownCapacity(id);
        uint256 due = uint256(state.end) + deliveryGrace;
        if (block.timestamp <= due) revert DeadlineNotReached(id, due, block.timestamp);
        uint64 units = state.outstanding;
        if (units == 0) revert NothingToRelease(id);

        state.outstanding = 0;
        _ledgers[id].outstanding = 0;

        amount = uint256(units) * state.bondPerHour;
        address provider = _terms[id].provider;
        emit CapacityExpired(id, units);
        emit BondReleased(id, provider, units, amount, _bond(state));

        collateral.safeTransfer(provider, amount);
    }

    /* ---------------------------------------------------------------- */
    /*                               Reads                              */
    /* ---------------------------------------------------------------- */

    /// @inheritdoc ICapacityToken
    function idOf(address provider, bytes32 indexId, uint32 start, uint32 end) external pure returns (uint256) {
        return CapacityIdLib.toId(provider, indexId, start, end);
    }

    /// @inheritdoc ICapacityToken
    function terms(uint256 id) external view returns (Terms memory) {
        PackedTerms memory packed = _terms[id];
        return Terms(packed.provider, packed.start, packed.end, _indexIds[id]);
    }

    /// @inheritdoc ICapacityToken
    function ledger(uint256 id) external view returns (Ledger memory) {
        return _ledgers[id];
    }

    /// @inheritdoc ICapacityToken
    function bondOf(uint256 id) external view returns (uint256) {
        return _bond(_ledgers[id]);
    }

    /// @inheritdoc ICapacityToken
    function request(uint256 id, uint32 requestIndex) external view returns (Request memory) {
        return _requests[id][requestIndex];
    }

    /// @inheritdoc ICapacityToken
    function bondRate(bytes32 indexId) external view returns (uint64) {
        return _bondRates[indexId];
    }

    /// @inheritdoc ICapacityToken
    function nonceUsed(address provider, uint256 nonce) external view returns (bool) {
        return (_nonceBitmaps[provider][nonce >> 8] >> (nonce & 0xff)) & 1 == 1;
    }

    /// @inheritdoc ICapacityToken
    function deadline(uint256 id) external view returns (uint256) {
        uint32 end = _ledgers[id].end;
        if (end == 0) revert UnknownCapacity(id);
        return uint256(end) + deliveryGrace;
    }

    /// @inheritdoc ICapacityToken
    function compensationPrice(uint256 id) external view returns (uint256) {
        return _compensationPrices[id];
    }

    /// @inheritdoc ICapacityToken
    function compensationRate(uint256 id) external view returns (uint256 rate) {
        PackedTerms memory packed = _terms[id];
        if (packed.end == 0) revert UnknownCapacity(id);
        rate = _compensationPrices[id];
        if (rate == 0) (rate, ) = _indexPrice(_indexIds[id], packed.start, packed.end);
        uint64 bondPerHour = _ledgers[id].bondPerHour;
        if (rate > bondPerHour) rate = bondPerHour;
    }

    /// @inheritdoc ICapacityToken
    function attestationDigest(Attestation calldata attestation) external view returns (bytes32) {
        return _attestationDigest(attestation);
    }

    /// @inheritdoc ICapacityToken
    function deliveryDigest(
        uint256 id,
        uint32 requestIndex,
        uint64 delivered,
        bytes32 evidenceHash
    ) external view returns (bytes32) {
        return _deliveryDigest(id, requestIndex, delivered, evidenceHash);
    }

    /// @inheritdoc ICapacityToken
    function coveredHours(uint256 id, uint256 units, uint32 from, uint32 to) external view returns (uint256) {
        PackedTerms memory packed = _terms[id];
        if (packed.end == 0) revert UnknownCapacity(id);
        return CapacityMathLib.coveredHoursDown(units, packed.start, packed.end, from, to, block.timestamp);
    }

    /// @inheritdoc ICapacityToken
    function coverValue(
        uint256 id,
        uint256 units,
        bytes32 indexId,
        uint32 from,
        uint32 to,
        uint256 haircutBps
    ) external view returns (uint256 value, uint256 hours_) {
        return _coverValue(id, units, indexId, from, to, haircutBps);
    }

    /// @inheritdoc ICapacityToken
    function coverValueOf(
        address holder,
        uint256 id,
        bytes32 indexId,
        uint32 from,
        uint32 to,
        uint256 haircutBps
    ) external view returns (uint256 value, uint256 hours_) {
        return _coverValue(id, balanceOf(holder, id), indexId, from, to, haircutBps);
    }

    /// @notice ERC-165: ICapacityToken's own functions, ERC-1155 (and its metadata URI), access control.
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(ERC1155, AccessControl, IERC165) returns (bool) {
        return interfaceId == type(ICapacityToken).interfaceId || super.supportsInterface(interfaceId);
    }

    /* ---------------------------------------------------------------- */
    /*                             Internals                            */
    /* ---------------------------------------------------------------- */

    function _coverValue(
        uint256 id,
        uint256 units,
        bytes32 indexId,
        uint32 from,
        uint32 to,
        uint256 haircutBps
    ) private view returns (uint256 value, uint256 hours_) {
        if (haircutBps > CapacityMathLib.BPS) revert InvalidHaircut(haircutBps);
        PackedTerms memory packed = _terms[id];
        if (packed.end == 0) revert UnknownCapacity(id);
        bytes32 actual = _indexIds[id];
        if (actual != indexId) revert IndexMismatch(id, indexId, actual);
        hours_ = CapacityMathLib.coveredHoursDown(units, packed.start, packed.end, from, to, block.timestamp);
        if (hours_ == 0) return (0, 0);
        (uint64 price, ) = oracle.latestPrice(indexId);
        value = CapacityMathLib.coverValueDown(hours_, price, haircutBps);
    }

    /// @dev The compensation price of `id`, fixing it now if nobody has: fixed once per id, so
    ///      every holder of the id is paid the same rate.
    function _priceFixedOnce(uint256 id, PackedTerms memory packed) private returns (uint256 price) {
        price = _compensationPrices[id];
        if (price != 0) return price;
        bool windowAverage;
        (price, windowAverage) = _indexPrice(_indexIds[id], packed.start, packed.end);
        _compensationPrices[id] = price;
        emit CompensationPriceFixed(id, price, windowAverage);
    }

    /// @dev The window's time-weighted average, or the latest fresh price when the oracle's ring
    ///      no longer reaches the window's start (or the window has not ended yet).
    function _indexPrice(
        bytes32 indexId,
        uint32 start,
        uint32 end
    ) private view returns (uint256 price, bool windowAverage) {
        try oracle.averagePrice(indexId, start, end) returns (uint256 average) {
            if (average != 0) return (average, true);
        } catch {}
        try oracle.latestPrice(indexId) returns (uint64 latest, uint32) {
            return (latest, false);
        } catch {
            revert CompensationPriceUnavailable(indexId);
        }
    }

    /// @dev Every check of a mint but the bond transfer; consumes the nonce. Returns the attestor.
    function _checkAttestation(
        Attestation calldata attestation,
        bytes32 r,
        bytes32 vs
    ) private returns (address attestor) {
        address provider = attestation.provider;
        uint32 start = attestation.start;
        uint32 end = attestation.end;
        uint64 units = attestation.units;
        if (msg.sender != provider) revert NotProvider(msg.sender, provider);
        if (block.timestamp > attestation.expiry) revert AttestationExpired(attestation.expiry, block.timestamp);
        if (start >= end || (end - start) % HOUR != 0) revert InvalidWindow(start, end);
        if (start <= block.timestamp) revert WindowNotInFuture(start, block.timestamp);
        uint256 capacity = uint256(attestation.gpuCount) * ((end - start) / HOUR);
        if (units == 0 || units > capacity) revert InvalidUnits(units, capacity);
        attestor = _attestor(_attestationDigest(attestation), r, vs);
        _useNonce(provider, attestation.nonce);
    }

    /// @dev Registers `id` on its first mint, adds the units to its ledger at the higher of its
    ///      rate and the index's, and emits the bond deposit. Returns the deposit due.
    function _book(uint256 id, Attestation calldata attestation) private returns (uint256 deposit, uint64 outstanding) {
        uint64 indexRate = _bondRates[attestation.indexId];
        if (indexRate == 0) revert IndexNotEnabled(attestation.indexId);
        Ledger memory state = _ledgers[id];
        if (state.end == 0) {
            _terms[id] = PackedTerms(attestation.provider, attestation.start, attestation.end);
            _indexIds[id] = attestation.indexId;
            state.end = attestation.end;
            emit CapacityRegistered(id, attestation.provider, attestation.indexId, attestation.start, attestation.end);
        }
        uint256 liability = uint256(state.outstanding) + state.pending;
        uint64 rate = state.bondPerHour > indexRate ? state.bondPerHour : indexRate;
        deposit = CapacityMathLib.bondDeposit(liability, attestation.units, state.bondPerHour, rate);
        state.outstanding += attestation.units;
        state.bondPerHour = rate;
        _ledgers[id] = state;
        outstanding = state.outstanding;
        emit BondDeposited(id, attestation.provider, deposit, rate, _bond(state));
    }

    /// @dev The bond the ledger implies: every undelivered hour at the id's rate.
    function _bond(Ledger memory state) private pure returns (uint256) {
        return (uint256(state.outstanding) + state.pending) * state.bondPerHour;
    }

    /// @dev Recovers the signer of `digest` and requires the attestor role.
    function _attestor(bytes32 digest, bytes32 r, bytes32 vs) private view returns (address signer) {
        (signer, , ) = ECDSA.tryRecover(digest, r, vs);
        // A malformed or malleable signature recovers to zero, which never holds the role.
        if (signer == address(0) || !hasRole(ATTESTOR_ROLE, signer)) revert InvalidAttestor(signer);
    }

    function _useNonce(address provider, uint256 nonce) private {
        uint256 bit = 1 << (nonce & 0xff);
        mapping(uint256 => uint256) storage bitmaps = _nonceBitmaps[provider];
        uint256 bitmap = bitmaps[nonce >> 8];
        if (bitmap & bit != 0) revert AttestationUsed(provider, nonce);
        bitmaps[nonce >> 8] = bitmap | bit;
    }

    function _revertNotPending(uint256 id, uint32 requestIndex, RequestStatus status) private pure {
        if (status == RequestStatus.None) revert UnknownRequest(id, requestIndex);
        if (status == RequestStatus.Confirmed) revert AlreadyConfirmed(id, requestIndex);
        revert AlreadyCompensated(id, requestIndex);
    }

    function _attestationDigest(Attestation calldata a) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        ATTESTATION_TYPEHASH,
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
                )
            );
    }

    function _deliveryDigest(
        uint256 id,
        uint32 requestIndex,
        uint64 delivered,
        bytes32 evidenceHash
    ) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(DELIVERY_TYPEHASH, id, requestIndex, delivered, evidenceHash)));
    }
}
