// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CapacityToken} from "../../../contracts/capacity/CapacityToken.sol";
import {ICapacityToken} from "../../../contracts/interfaces/ICapacityToken.sol";
import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {Vm} from "../utils/Vm.sol";
import {Deploy} from "../utils/Deploy.sol";

/// @notice An oracle whose price the handler sets, and which it can take down (both reads
///         revert), so compensation meets prices above and below the bond rate and outages.
contract MockPriceOracle {
    uint64 public price = 2_134_500;
    bool public down;

    function set(uint64 price_, bool down_) external {
        (price, down) = (price_, down_);
    }

    function indexMetadata(bytes32) external pure returns (IIndexOracle.IndexMetadata memory metadata) {
        metadata.decimals = 6;
    }

    function indexParams(bytes32) external pure returns (IIndexOracle.IndexParams memory params) {
        params.maxSubmissionDelay = 1 hours;
    }

    function averagePrice(bytes32 indexId, uint256, uint256 end) external view returns (uint256) {
        if (down) revert IIndexOracle.NoRounds(indexId);
        if (end > block.timestamp) revert IIndexOracle.TimeInFuture(end, block.timestamp);
        return price;
    }

    function latestPrice(bytes32 indexId) external view returns (uint64, uint32) {
        if (down) revert IIndexOracle.NoRounds(indexId);
        return (price, uint32(block.timestamp));
    }
}

/// @notice Drives the capacity token through valid mints, forged and replayed attestations,
///         transfers, redemptions, deliveries, compensation, expiry, price moves and time.
///         Every action either does something valid or is skipped; ghosts remember what the
///         contract must hold.
contract CapacityHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    bytes32 internal constant INDEX = "H100-SXM-USD-HR";
    uint256 internal constant ATTESTOR_KEY = 0xA77E57;
    uint256 internal constant ROGUE_KEY = 0xBAD;
    uint64 internal constant PRICE = 2_134_500;
    uint32 internal constant GPUS = 4;

    CapacityToken public immutable capacity;
    MockERC20 public immutable usdc;
    MockPriceOracle public immutable oracle;

    address[4] internal actors = [address(0xB0B), address(0xB0C), address(0xCAFE), address(0xCAFF)];
    uint32[2][3] internal windows;

    uint256[] public ids;
    mapping(uint256 id => bool) internal seen;
    uint256[] internal requestIds;
    uint32[] internal requestIndexes;
    mapping(address provider => uint256) internal nextNonce;
    ICapacityToken.Attestation internal last;
    bytes32 internal lastR;
    bytes32 internal lastVs;
    bool internal haveLast;

    /// @notice Units minted through valid, unused attestations.
    uint256 public validMinted;
    /// @notice Units minted by forged, replayed, expired or tampered attestations (must stay 0).
    uint256 public forgedMinted;
    uint256 public forgedTried;
    /// @notice Units burnt by redemptions, per id.
    mapping(uint256 id => uint256) public burned;
    /// @notice Collateral in (deposits) and out (releases and compensation), as the rules say.
    uint256 public deposited;
    uint256 public expectedOut;
    /// @notice Compensations that paid the holder other than undelivered × min(price, rate),
    ///         or fixed prices that changed or differed from the oracle's.
    uint256 public compensationMismatches;
    uint256 public compensations;
    mapping(uint256 id => uint256) public fixedPrices;
    /// @notice An id's bond rate seen at its last mint, and how often a mint lowered it (must be 0).
    mapping(uint256 id => uint64) public lastRates;
    uint256 public rateDecreases;
    uint256 public confirmations;
    uint256 public expiries;

    constructor(CapacityToken capacity_, MockERC20 usdc_, MockPriceOracle oracle_) {
        (capacity, usdc, oracle) = (capacity_, usdc_, oracle_);
        uint32 t = uint32(block.timestamp);
        windows[0] = [t + 1 days, t + 3 days];
        windows[1] = [t + 2 days, t + 9 days];
        windows[2] = [t + 5 days, t + 35 days];
    }

    /* ------------------------------ actions ----------------------------- */

    function mint(uint256 providerSeed, uint256 windowSeed, uint256 units, uint256 toSeed, uint256 rateSeed) external {
        uint32[2] memory w = windows[windowSeed % 3];
        if (block.timestamp >= w[0]) return;
        if (rateSeed % 4 == 0) capacity.setBondRate(INDEX, uint64(PRICE / 2 + (rateSeed % (3 * PRICE))));
        address provider = actors[providerSeed % 2];
        ICapacityToken.Attestation memory a = _attestation(provider, w, uint64(1 + (units % (GPUS * _hours(w)))));
        (bytes32 r, bytes32 vs) = vm.signCompact(ATTESTOR_KEY, capacity.attestationDigest(a));
        vm.prank(provider);
        (uint256 id, uint256 deposit) = capacity.mint(a, actors[toSeed % 4], r, vs);
        validMinted += a.units;
        deposited += deposit;
        uint64 rate = capacity.ledger(id).bondPerHour;
        if (rate < lastRates[id]) ++rateDecreases;
        lastRates[id] = rate;
        if (!seen[id]) {
            seen[id] = true;
            ids.push(id);
        }
        (last, lastR, lastVs, haveLast) = (a, r, vs, true);
    }

    function mintForged(uint256 kind, uint256 seed) external {
        uint32[2] memory w = windows[seed % 3];
        address provider = actors[seed % 2];
        ICapacityToken.Attestation memory a = _attestation(provider, w, uint64(1 + (seed % (GPUS * _hours(w)))));
        uint256 key = ATTESTOR_KEY;
        address sender = provider;
        kind %= 6;
        if (kind == 0) key = ROGUE_KEY;
        else if (kind == 2) a.expiry = uint32(block.timestamp - 1);
        else if (kind == 3) a.units = uint64(GPUS * _hours(w) + 1 + (seed % 1000));
        else if (kind == 5) sender = actors[2 + (seed % 2)];
        (bytes32 r, bytes32 vs) = vm.signCompact(key, capacity.attestationDigest(a));
        if (kind == 1) {
            if (!haveLast) return;
            (a, r, vs, sender) = (last, lastR, lastVs, last.provider);
        } else if (kind == 4) {
            a.units += 1; // tampered after signing
        }
        ++forgedTried;
        vm.prank(sender);
        try capacity.mint(a, sender, r, vs) {
            forgedMinted += a.units;
        } catch {}
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 idSeed, uint256 amount) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        address from = actors[fromSeed % 4];
        uint256 balance = capacity.balanceOf(from, id);
        if (balance == 0) return;
        vm.prank(from);
        capacity.safeTransferFrom(from, actors[toSeed % 4], id, 1 + (amount % balance), "");
    }

    function redeem(uint256 actorSeed, uint256 idSeed, uint256 amount) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        if (block.timestamp >= capacity.ledger(id).end) return;
        address holder = actors[actorSeed % 4];
        uint256 balance = capacity.balanceOf(holder, id);
        if (balance == 0) return;
        uint64 units = uint64(1 + (amount % balance));
        vm.prank(holder);
        uint32 requestIndex = capacity.redeem(id, units, keccak256(abi.encode(holder, "ssh key")));
        burned[id] += units;
        requestIds.push(id);
        requestIndexes.push(requestIndex);
    }

    function confirm(uint256 requestSeed, uint256 delivered) external {
        if (requestIds.length == 0) return;
        uint256 i = requestSeed % requestIds.length;
        (uint256 id, uint32 requestIndex) = (requestIds[i], requestIndexes[i]);
        ICapacityToken.Request memory req = capacity.request(id, requestIndex);
        if (req.status != ICapacityToken.RequestStatus.Pending) return;
        if (block.timestamp > capacity.deadline(id)) return;
        uint64 hours_ = uint64(1 + (delivered % req.undelivered));
        bytes32 evidence = keccak256(abi.encode(id, requestIndex, "usage"));
        (bytes32 r, bytes32 vs) = vm.signCompact(
            ATTESTOR_KEY,
            capacity.deliveryDigest(id, requestIndex, hours_, evidence)
        );
        expectedOut += uint256(hours_) * capacity.ledger(id).bondPerHour;
        capacity.confirmDelivery(id, requestIndex, hours_, evidence, r, vs);
        ++confirmations;
    }

    function claim(uint256 requestSeed) external {
        if (requestIds.length == 0) return;
        uint256 i = requestSeed % requestIds.length;
        (uint256 id, uint32 requestIndex) = (requestIds[i], requestIndexes[i]);
        ICapacityToken.Request memory req = capacity.request(id, requestIndex);
        if (req.undelivered == 0 || block.timestamp <= capacity.deadline(id) || oracle.down()) return;
        uint256 rate = capacity.ledger(id).bondPerHour;
        // The first claim (or fixCompensationPrice) fixes the price; later claims reuse it.
        uint256 price = capacity.compensationPrice(id);
        if (price == 0) price = oracle.price();
        uint256 perHour = price < rate ? price : rate;
        uint256 before = usdc.balanceOf(req.holder);
        capacity.claimCompensation(id, requestIndex);
        _recordFixedPrice(id);
        // A provider redeeming its own units also receives the bond above the compensation.
        uint256 expected =
            capacity.terms(id).provider == req.holder ? req.undelivered * rate : req.undelivered * perHour;
        if (usdc.balanceOf(req.holder) - before != expected) ++compensationMismatches;
        expectedOut += req.undelivered * rate;
        ++compensations;
    }

    function fixPrice(uint256 idSeed) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        uint256 finalAt = uint256(capacity.ledger(id).end) + 1 hours;
        if (block.timestamp < finalAt || oracle.down() || capacity.compensationPrice(id) != 0) return;
        if (capacity.fixCompensationPrice(id) != oracle.price()) ++compensationMismatches;
        _recordFixedPrice(id);
    }

    /// @dev Remembers the first fixed price of `id`; a later different one is a mismatch.
    function _recordFixedPrice(uint256 id) internal {
        uint256 price = capacity.compensationPrice(id);
        if (fixedPrices[id] == 0) fixedPrices[id] = price;
        else if (fixedPrices[id] != price) ++compensationMismatches;
    }

    function release(uint256 idSeed) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        ICapacityToken.Ledger memory ledger = capacity.ledger(id);
        if (ledger.outstanding == 0 || block.timestamp <= capacity.deadline(id)) return;
        expectedOut += uint256(ledger.outstanding) * ledger.bondPerHour;
        capacity.releaseExpired(id);
        ++expiries;
    }

    function setPrice(uint256 seed) external {
        oracle.set(uint64(PRICE / 2 + (seed % (4 * PRICE))), seed % 10 == 0);
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + 1 hours + (seconds_ % 3 days));
    }

    /* ------------------------------- reads ------------------------------ */

    function idCount() external view returns (uint256) {
        return ids.length;
    }

    function actorCount() external pure returns (uint256) {
        return 4;
    }

    function actor(uint256 i) external view returns (address) {
        return actors[i];
    }

    /// @notice Σ undelivered hours of `id`'s requests that are neither fully delivered nor paid.
    function undeliveredOf(uint256 id) external view returns (uint256 sum) {
        for (uint256 i; i < requestIds.length; ++i) {
            if (requestIds[i] == id) sum += capacity.request(id, requestIndexes[i]).undelivered;
        }
    }

    function _attestation(
        address provider,
        uint32[2] memory w,
        uint64 units
    ) internal returns (ICapacityToken.Attestation memory) {
        return
            ICapacityToken.Attestation({
                provider: provider,
                start: w[0],
                end: w[1],
                gpuCount: GPUS,
                units: units,
                expiry: uint32(block.timestamp + 1 hours),
                indexId: INDEX,
                evidenceHash: keccak256(abi.encode(provider, nextNonce[provider])),
                nonce: nextNonce[provider]++
            });
    }

    function _hours(uint32[2] memory w) internal pure returns (uint64) {
        return uint64((w[1] - w[0]) / 1 hours);
    }
}

/// @notice Whatever sequence of valid and invalid actions runs: no unit exists without a valid,
///         unused attestation; every id's bond covers its undelivered hours at the compensation
///         rate; the contract holds exactly the bonds; compensation pays min(index, rate).
contract CapacityTokenInvariantTest is BaseTest {
    CapacityToken internal capacity;
    MockERC20 internal usdc;
    MockPriceOracle internal oracle;
    CapacityHandler internal handler;
    address[] internal targets;

    function setUp() public {
        vm.warp(1_795_392_000);
        usdc = new MockERC20("USD Coin", "USDC", 6);
        oracle = new MockPriceOracle();
        capacity = CapacityToken(
            Deploy.capacityToken(
                "ipfs://capacity/{id}.json",
                IERC20(address(usdc)),
                IIndexOracle(address(oracle)),
                1 days,
                address(this)
            )
        );
        capacity.grantRole(capacity.ATTESTOR_ROLE(), vm.addr(0xA77E57));
        capacity.setBondRate("H100-SXM-USD-HR", 2 * 2_134_500);
        handler = new CapacityHandler(capacity, usdc, oracle);
        capacity.grantRole(capacity.RISK_ADMIN_ROLE(), address(handler));
        for (uint256 i; i < 2; ++i) {
            address provider = handler.actor(i);
            usdc.mint(provider, 1e18);
            vm.prank(provider);
            usdc.approve(address(capacity), type(uint256).max);
        }
        targets.push(address(handler));
    }

    function targetContracts() public view returns (address[] memory) {
        return targets;
    }

    /// forge-config: default.invariant.runs = 128
    /// forge-config: default.invariant.depth = 128
    function invariant_noUnitWithoutAValidUnusedAttestation() public view {
        assertEq(handler.forgedMinted(), 0, "a forged, replayed or expired attestation minted");
        uint256 units;
        for (uint256 i; i < handler.idCount(); ++i) {
            uint256 id = handler.ids(i);
            units += handler.burned(id);
            for (uint256 a; a < handler.actorCount(); ++a) units += capacity.balanceOf(handler.actor(a), id);
        }
        assertEq(units, handler.validMinted(), "units in existence + burnt != units validly attested");
    }

    /// forge-config: default.invariant.runs = 128
    /// forge-config: default.invariant.depth = 128
    function invariant_bondCoversUndeliveredHoursAtTheCompensationRate() public view {
        assertEq(handler.rateDecreases(), 0, "a mint lowered an id's bond rate");
        for (uint256 i; i < handler.idCount(); ++i) {
            uint256 id = handler.ids(i);
            ICapacityToken.Ledger memory ledger = capacity.ledger(id);
            uint256 bond = capacity.bondOf(id);
            assertEq(handler.undeliveredOf(id), ledger.pending, "pending != undelivered hours of requests");
            assertEq(bond, (uint256(ledger.outstanding) + ledger.pending) * ledger.bondPerHour, "bond rule");
            assertGe(ledger.bondPerHour, handler.lastRates(id), "an id's bond rate fell");
            if (block.timestamp < ledger.end) {
                uint256 circulating;
                for (uint256 a; a < handler.actorCount(); ++a) circulating += capacity.balanceOf(handler.actor(a), id);
                assertEq(ledger.outstanding, circulating, "outstanding != circulating units");
            }
            try capacity.compensationRate(id) returns (uint256 rate) {
                assertLe(rate, ledger.bondPerHour, "compensation above the bond rate");
                assertGe(bond, (uint256(ledger.outstanding) + ledger.pending) * rate, "bond below liability");
            } catch {}
        }
    }

    /// forge-config: default.invariant.runs = 128
    /// forge-config: default.invariant.depth = 128
    function invariant_collateralHeldIsExactlyTheBonds() public view {
        uint256 bonds;
        for (uint256 i; i < handler.idCount(); ++i) bonds += capacity.bondOf(handler.ids(i));
        uint256 held = usdc.balanceOf(address(capacity));
        assertEq(held, bonds, "collateral held != sum of bonds");
        assertEq(held, handler.deposited() - handler.expectedOut(), "collateral held != deposits - payouts");
    }

    /// forge-config: default.invariant.runs = 128
    /// forge-config: default.invariant.depth = 128
    function invariant_compensationPaysIndexPriceCappedAtBondRate() public view {
        assertEq(handler.compensationMismatches(), 0);
        for (uint256 i; i < handler.idCount(); ++i) {
            uint256 id = handler.ids(i);
            uint256 fixedPrice = handler.fixedPrices(id);
            if (fixedPrice != 0) assertEq(capacity.compensationPrice(id), fixedPrice, "fixed price changed");
        }
    }
}
