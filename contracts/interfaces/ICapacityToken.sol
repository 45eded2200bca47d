// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IIndexOracle} from "./IIndexOracle.sol";

/// @title ICapacityToken
/// @notice Tokenised GPU capacity: an ERC-1155 whose id names a provider, an index (GPU model)
///         and a delivery window; one unit is one GPU-hour in that window. A provider mints with
///         an EIP-712 attestation from a capacity attestor (who verified the hardware) and a bond
///         in the collateral token. Holders transfer, trade or redeem units for delivery; the
///         provider proves delivery with the attestor's signature, or after the deadline the
///         holder is compensated from the bond at the index price.
/// @dev Bond rule, by construction: an id's bond is exactly
///      `(outstanding + pending) × bondPerHour`, and compensation per GPU-hour is
///      `min(index price, bondPerHour)`, so the bond always covers every undelivered hour at
///      the compensation rate. `bondPerHour` is fixed per id at its first mint from the index's
///      parameter and only ever raised (a later mint at a higher parameter tops up the bond of
///      every undelivered hour). See docs/capacity.md. The ERC-1155 functions are inherited, so
///      this interface is the token's whole ABI (the clearing house takes custody through
///      `setApprovalForAll` + `safeTransferFrom`).
interface ICapacityToken is IERC1155 {
    /* ---------------------------------------------------------------- */
    /*                              Structs                             */
    /* ---------------------------------------------------------------- */

    /// @notice What a capacity attestor signs (EIP-712 type `CapacityAttestation`, fields in
    ///         this order; the order packs the struct in five words).
    /// @param provider The GPU owner: pays the bond and must send `mint`.
    /// @param start Start of the delivery window (seconds). Must be in the future at mint.
    /// @param end End of the delivery window; `end - start` is a whole number of hours.
    /// @param gpuCount GPUs the attestor verified.
    /// @param units GPU-hours to mint, at most `gpuCount × (end - start) / 3600`.
    /// @param expiry Last second the attestation may be used.
    /// @param indexId The index (GPU model) the hours are priced by, e.g. "H100-SXM-USD-HR".
    /// @param evidenceHash keccak256 of the hardware evidence the attestor checked.
    /// @param nonce Replay protection: each (provider, nonce) mints once.
    struct Attestation {
        address provider;
        uint32 start;
        uint32 end;
        uint32 gpuCount;
        uint64 units;
        uint32 expiry;
        bytes32 indexId;
        bytes32 evidenceHash;
        uint256 nonce;
    }

    /// @notice The terms an id names (fixed at its first mint).
    struct Terms {
        address provider;
        uint32 start;
        uint32 end;
        bytes32 indexId;
    }

    /// @notice An id's units and bond, one storage slot.
    /// @param outstanding Units in circulation (minted, not redeemed), a liability until the
    ///        deadline; zero once released after it.
    /// @param pending Units redeemed and neither delivered nor compensated yet.
    /// @param bondPerHour Bond held per undelivered GPU-hour (collateral units), also the cap
    ///        of the compensation per hour.
    /// @param requestCount Redemption requests made (request indexes are 0..requestCount-1).
    /// @param end End of the delivery window (copied here so redemption reads one slot).
    struct Ledger {
        uint64 outstanding;
        uint64 pending;
        uint64 bondPerHour;
        uint32 requestCount;
        uint32 end;
    }

    /// @notice Where a redemption request stands.
    enum RequestStatus {
        None,
        Pending,
        Confirmed,
        Compensated
    }

    /// @notice A redemption request, one storage slot.
    /// @param holder Who redeemed, and who is compensated.
    /// @param undelivered GPU-hours redeemed and not yet delivered or compensated.
    /// @param status `Pending` until confirmed or compensated; `Confirmed` may still leave
    ///        `undelivered` hours (a partial delivery) that the holder claims after the deadline.
    struct Request {
        address holder;
        uint64 undelivered;
        RequestStatus status;
    }

    /* ---------------------------------------------------------------- */
    /*                              Events                              */
    /* ---------------------------------------------------------------- */

    /// @notice The first mint of `id` fixed its terms.
    event CapacityRegistered(
        uint256 indexed id,
        address indexed provider,
        bytes32 indexed indexId,
        uint32 start,
        uint32 end
    );

    /// @notice `units` of `id` were minted to `to` under `attestor`'s attestation `nonce`.
    /// @param outstanding Units of `id` in circulation after the mint.
    event CapacityMinted(
        uint256 indexed id,
        address indexed provider,
        address indexed to,
        uint64 units,
        uint32 gpuCount,
        bytes32 evidenceHash,
        uint256 nonce,
        address attestor,
        uint64 outstanding
    );

    /// @notice `provider` deposited `amount` into the bond of `id`, now `bond` at `bondPerHour`.
    event BondDeposited(uint256 indexed id, address indexed provider, uint256 amount, uint64 bondPerHour, uint256 bond);

    /// @notice `amount` of the bond of `id` went back to `provider` for `units` GPU-hours
    ///         delivered, compensated below the bond rate, or expired unredeemed; `bond` is left.
    event BondReleased(uint256 indexed id, address indexed provider, uint64 units, uint256 amount, uint256 bond);

    /// @notice `holder` burnt `units` of `id` and asked for delivery; `commitment` identifies
    ///         where to deliver (e.g. keccak256 of an SSH public key and endpoint).
    event RedemptionRequested(
        uint256 indexed id,
        uint32 indexed requestIndex,
        address indexed holder,
        uint64 units,
        bytes32 commitment
    );

    /// @notice `attestor` confirmed `delivered` GPU-hours of a request; `undelivered` remain.
    event DeliveryConfirmed(
        uint256 indexed id,
        uint32 indexed requestIndex,
        address indexed attestor,
        uint64 delivered,
        uint64 undelivered,
        bytes32 evidenceHash
    );

    /// @notice `holder` was paid `amount` for `units` undelivered GPU-hours at `ratePerHour`
    ///         (the index price, capped at the bond rate); `bond` is left.
    event CompensationPaid(
        uint256 indexed id,
        uint32 indexed requestIndex,
        address indexed holder,
        uint64 units,
        uint256 ratePerHour,
        uint256 amount,
        uint256 bond
    );

    /// @notice The index price compensation of `id` pays (capped at the bond rate) is fixed:
    ///         the window's time-weighted average, or (`windowAverage` false) the latest price
    ///         when the oracle's ring no longer reached back to the window.
    event CompensationPriceFixed(uint256 indexed id, uint256 price, bool windowAverage);

    /// @notice `units` of `id` were never redeemed and are past the deadline: worthless now.
    event CapacityExpired(uint256 indexed id, uint64 units);

    /// @notice New mints on `indexId` bond `bondPerHour` per GPU-hour (0: minting disabled).
    event BondRateSet(bytes32 indexed indexId, uint64 bondPerHour);

    /* ---------------------------------------------------------------- */
    /*                              Errors                              */
    /* ---------------------------------------------------------------- */

    /// @notice `mint` must be sent by the attestation's provider (who pays the bond).
    error NotProvider(address caller, address provider);
    /// @notice The collateral moved a different amount than the bond asks (fee-on-transfer or
    ///         rebasing collateral is refused).
    error TransferAmountMismatch(uint256 expected, uint256 received);
    /// @notice The attestation expired at `expiry`.
    error AttestationExpired(uint32 expiry, uint256 blockTimestamp);
    /// @notice The attestation's nonce was used already by `provider`.
    error AttestationUsed(address provider, uint256 nonce);
    /// @notice The signature recovers to `signer`, who is not a capacity attestor (zero: the
    ///         signature is malformed or malleable).
    error InvalidAttestor(address signer);
    /// @notice The window is empty, reversed, or not a whole number of hours.
    error InvalidWindow(uint32 start, uint32 end);
    /// @notice The window has started or passed: only future windows can be minted.
    error WindowNotInFuture(uint32 start, uint256 blockTimestamp);
    /// @notice Units of zero, or above `maximum` (GPU count × window hours when minting).
    error InvalidUnits(uint256 units, uint256 maximum);
    /// @notice `indexId` has no bond rate: minting on it is disabled.
    error IndexNotEnabled(bytes32 indexId);
    /// @notice The index's decimals differ from the collateral's: prices would not be money.
    error IndexDecimalsMismatch(bytes32 indexId, uint8 indexDecimals, uint8 collateralDecimals);
    /// @notice `id` was never minted.
    error UnknownCapacity(uint256 id);
    /// @notice Redemption closes at the end of the window.
    error RedemptionClosed(uint256 id, uint32 end, uint256 blockTimestamp);
    /// @notice `holder` holds `balance` units of `id`, fewer than the `units` it redeems.
    error RedeemExceedsBalance(address holder, uint256 id, uint256 balance, uint256 units);
    /// @notice No request `requestIndex` for `id`.
    error UnknownRequest(uint256 id, uint32 requestIndex);
    /// @notice The request's delivery was confirmed already.
    error AlreadyConfirmed(uint256 id, uint32 requestIndex);
    /// @notice The request was compensated already.
    error AlreadyCompensated(uint256 id, uint32 requestIndex);
    /// @notice The request has no undelivered hours left to compensate.
    error NothingToClaim(uint256 id, uint32 requestIndex);
    /// @notice A delivery of zero hours, or of more than the request's `undelivered` hours.
    error InvalidDelivery(uint64 delivered, uint64 undelivered);
    /// @notice Deliveries must be confirmed by `deadline` (window end + delivery grace).
    error DeliveryDeadlinePassed(uint256 id, uint256 deadline, uint256 blockTimestamp);
    /// @notice Compensation and expiry wait for `deadline` (window end + delivery grace).
    error DeadlineNotReached(uint256 id, uint256 deadline, uint256 blockTimestamp);
    /// @notice The window's average may still change until `finalAt` (window end + the index's
    ///         `maxSubmissionDelay`, in which late rounds inside the window may still arrive).
    error AverageNotFinal(uint256 id, uint256 finalAt, uint256 blockTimestamp);
    /// @notice The compensation price of `id` is fixed already, at `price`.
    error CompensationPriceAlreadyFixed(uint256 id, uint256 price);
    /// @notice No unredeemed units of `id` are left to expire.
    error NothingToRelease(uint256 id);
    /// @notice The oracle can give neither the window's average nor a fresh price of `indexId`.
    error CompensationPriceUnavailable(bytes32 indexId);
    /// @notice `id` is priced by `actual`, not the `expected` index.
    error IndexMismatch(uint256 id, bytes32 expected, bytes32 actual);
    /// @notice A haircut above 10,000 basis points.
    error InvalidHaircut(uint256 haircutBps);

    /* ---------------------------------------------------------------- */
    /*                          Administration                          */
    /* ---------------------------------------------------------------- */

    /// @notice Sets the bond per GPU-hour of new mints on `indexId`, in collateral units; 0
    ///         disables minting on it. Risk admin only.
    /// @dev A raised rate reaches an existing id at its next mint (which tops up the bond of all
    ///      its undelivered hours); a lowered rate never lowers an existing id's rate. Set it
    ///      above the index price with room for its moves (docs/capacity.md: 2× by default).
    function setBondRate(bytes32 indexId, uint64 bondPerHour) external;

    /* ---------------------------------------------------------------- */
    /*                        Minting and delivery                      */
    /* ---------------------------------------------------------------- */

    /// @notice Mints `attestation.units` of the id its terms name to `to`, pulling the bond from
    ///         the provider (the caller), who must have approved this contract on the collateral.
    /// @param attestation Terms signed by a capacity attestor.
    /// @param to Receives the units (the provider itself, or a buyer).
    /// @param r Attestor's signature, EIP-2098 compact form: r.
    /// @param vs Attestor's signature, EIP-2098 compact form: s with v's parity in the top bit.
    /// @return id The capacity id (see `idOf`).
    /// @return deposit Collateral pulled into the bond.
    /// @dev Warning: reverts `TransferAmountMismatch` unless this contract's balance grows by
    ///      exactly `deposit` (a fee-on-transfer collateral would leave the bond short).
    function mint(
        Attestation calldata attestation,
        address to,
        bytes32 r,
        bytes32 vs
    ) external returns (uint256 id, uint256 deposit);

    /// @notice Burns `units` of the caller's `id` and requests their delivery during the window.
    /// @param commitment Where to deliver, as the holder and provider agreed off-chain (e.g.
    ///        keccak256 of an SSH public key and endpoint). Only emitted.
    /// @return requestIndex The request's index within `id`.
    function redeem(uint256 id, uint64 units, bytes32 commitment) external returns (uint32 requestIndex);

    /// @notice Records the delivery of `delivered` GPU-hours of a request, proven by a capacity
    ///         attestor's signature, and returns their bond to the provider. Anyone may send it;
    ///         once per request, by the deadline. Hours it leaves undelivered stay claimable.
    /// @param evidenceHash keccak256 of the delivery evidence (usage logs) the attestor checked.
    /// @param r Attestor's signature over `DeliveryAttestation`, compact form: r.
    /// @param vs Compact form: s with v's parity in the top bit.
    function confirmDelivery(
        uint256 id,
        uint32 requestIndex,
        uint64 delivered,
        bytes32 evidenceHash,
        bytes32 r,
        bytes32 vs
    ) external;

    /// @notice After the deadline, pays the request's holder for its undelivered hours from the
    ///         bond at `compensationRate(id)`, and returns the rest of their bond to the
    ///         provider. Anyone may call for any holder.
    /// @dev Warning: the price is the one `fixCompensationPrice` fixed; if nobody fixed it, the
    ///      first claim fixes it: the window's average if the oracle's ring still reaches back to
    ///      the window, else the latest (fresh) price. Every claim on the id then pays the same
    ///      rate, capped at the bond rate.
    /// @return amount Paid to the holder.
    function claimCompensation(uint256 id, uint32 requestIndex) external returns (uint256 amount);

    /// @notice Fixes the compensation price of `id` at the index's time-weighted average over
    ///         its window, once that average is final (window end + the index's
    ///         `maxSubmissionDelay`). Anyone may call (a keeper should, before the oracle's ring
    ///         wraps past the window's start); only the window average is accepted.
    /// @return price The fixed price, quote units per GPU-hour.
    function fixCompensationPrice(uint256 id) external returns (uint256 price);

    /// @notice After the deadline, returns to the provider the bond of units never redeemed;
    ///         they are worthless from then on. Anyone may call.
    /// @return amount Returned to the provider.
    function releaseExpired(uint256 id) external returns (uint256 amount);

    /* ---------------------------------------------------------------- */
    /*                               Reads                              */
    /* ---------------------------------------------------------------- */

    /// @notice The collateral token bonds are held in.
    function collateral() external view returns (IERC20);

    /// @notice The oracle compensation and cover values are priced by.
    function oracle() external view returns (IIndexOracle);

    /// @notice Seconds after a window's end in which deliveries may still be confirmed.
    function deliveryGrace() external view returns (uint32);

    /// @notice The id of a provider's capacity on `indexId` over [`start`, `end`):
    ///         `uint256(keccak256(abi.encode(provider, indexId, start, end)))`.
    function idOf(address provider, bytes32 indexId, uint32 start, uint32 end) external pure returns (uint256);

    /// @notice The terms of `id` (zeroes when never minted).
    function terms(uint256 id) external view returns (Terms memory);

    /// @notice The units and bond rate of `id`.
    function ledger(uint256 id) external view returns (Ledger memory);

    /// @notice The bond held for `id`: `(outstanding + pending) × bondPerHour`.
    function bondOf(uint256 id) external view returns (uint256);

    /// @notice Request `requestIndex` of `id`.
    function request(uint256 id, uint32 requestIndex) external view returns (Request memory);

    /// @notice The bond per GPU-hour new mints on `indexId` deposit (0: disabled).
    function bondRate(bytes32 indexId) external view returns (uint64);

    /// @notice Whether `provider`'s attestation nonce `nonce` was used.
    function nonceUsed(address provider, uint256 nonce) external view returns (bool);

    /// @notice When deliveries of `id` can no longer be confirmed and claims open: end + grace.
    function deadline(uint256 id) external view returns (uint256);

    /// @notice The fixed compensation price of `id` (0 until fixed).
    function compensationPrice(uint256 id) external view returns (uint256);

    /// @notice Compensation per undelivered GPU-hour of `id`: min(price, bond rate), the price
    ///         being the fixed one, or what a claim would fix now.
    /// @dev Reverts `CompensationPriceUnavailable` when the oracle cannot price the window.
    function compensationRate(uint256 id) external view returns (uint256);

    /// @notice EIP-712 digest an attestor signs to allow `attestation`.
    function attestationDigest(Attestation calldata attestation) external view returns (bytes32);

    /// @notice EIP-712 digest an attestor signs to confirm a delivery.
    function deliveryDigest(
        uint256 id,
        uint32 requestIndex,
        uint64 delivered,
        bytes32 evidenceHash
    ) external view returns (bytes32);

    /* ---------------------------------------------------------------- */
    /*                    Covered shorts (clearing house)               */
    /* ---------------------------------------------------------------- */

    /// @notice GPU-hours of `units` of `id` still to come inside [`from`, `to`]: each unit is
    ///         spread evenly over the id's window, so this is
    ///         `units × |[max(start, from, now), min(end, to)]| / (end − start)`, rounded down.
    function coveredHours(uint256 id, uint256 units, uint32 from, uint32 to) external view returns (uint256);

    /// @notice What `units` of `id` are worth as cover for a short on `indexId` over the market
    ///         window [`from`, `to`]: `coveredHours × latest index price × (1 − haircut)`, rounded
    ///         down. The clearing house calls it for the units it holds in custody for an account.
    /// @dev Warning: reads `latestPrice`, so it reverts when the index is stale (as margin does).
    ///      Reverts `IndexMismatch` when `id` is priced by another index.
    /// @return value Collateral value in collateral units.
    /// @return hours_ The covered GPU-hours (the part of the short it hedges).
    function coverValue(
        uint256 id,
        uint256 units,
        bytes32 indexId,
        uint32 from,
        uint32 to,
        uint256 haircutBps
    ) external view returns (uint256 value, uint256 hours_);

    /// @notice `coverValue` of all the units of `id` that `holder` holds.
    function coverValueOf(
        address holder,
        uint256 id,
        bytes32 indexId,
        uint32 from,
        uint32 to,
        uint256 haircutBps
    ) external view returns (uint256 value, uint256 hours_);
}
