// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Vm} from "../utils/Vm.sol";
import {IClearingHouse} from "../../../contracts/interfaces/IClearingHouse.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {IOrderBook} from "../../../contracts/interfaces/IOrderBook.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {MockIndexOracle} from "../../../contracts/mocks/MockIndexOracle.sol";

/// @notice Drives the clearing house's order books and its margin across 4 traders and 2
///         markets: orders of every type, cancels, cancel-alls, deposits, withdrawals, index
///         moves, time, liquidations, settlement and claims. Records every resting order so the
///         invariants can check that no order fills after it died, none grows, and the margin
///         reserved in the clearing house equals the live orders.
contract OrderBookHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    struct Placed {
        uint256 id;
        address owner;
        uint256 marketId;
        bool isBid;
        uint256 size; // size when placed
        bool cancelled; // by its owner: must be gone
        bool dead; // by cancel-all: must never fill
        uint256 sizeAtDeath;
    }

    IClearingHouse public immutable ch;
    IOrderBook public immutable ob;
    MockERC20 public immutable token;
    MockIndexOracle public immutable oracle;

    address[4] public actors = [address(0xB1), address(0xB2), address(0xB3), address(0xB4)];
    uint256[2] public markets;
    bytes32[2] public indexIds;
    uint64[2] public basePrices;
    Placed[] internal _placed;
    mapping(address => uint256) public deposited;
    mapping(address => uint256) public withdrawn;
    mapping(bytes32 => uint256) public calls;
    uint256 internal nonce;

    constructor(
        IClearingHouse ch_,
        IOrderBook ob_,
        MockERC20 token_,
        MockIndexOracle oracle_,
        uint256[2] memory markets_,
        bytes32[2] memory indexIds_,
        uint64[2] memory basePrices_
    ) {
        ch = ch_;
        ob = ob_;
        token = token_;
        oracle = oracle_;
        markets = markets_;
        indexIds = indexIds_;
        basePrices = basePrices_;
        for (uint256 i; i < 4; ++i) {
            vm.prank(actors[i]);
            token_.approve(address(ch_), type(uint256).max);
        }
    }

    function _mix(uint256 seed) internal returns (uint256) {
        return uint256(keccak256(abi.encode(seed, ++nonce)));
    }

    /* ----------------------------- actions ----------------------------- */

    function deposit(uint256 seed) external {
        seed = _mix(seed);
        address a = actors[seed % 4];
        uint256 amount = 100e6 + ((seed >> 8) % 20_000e6);
        token.mint(a, amount);
        vm.prank(a);
        ch.deposit(a, amount);
        deposited[a] += amount;
    }

    function withdraw(uint256 seed) external {
        seed = _mix(seed);
        address a = actors[seed % 4];
        int256 c = ch.collateralOf(a);
        if (c <= 0) return;
        uint256 amount = 1 + ((seed >> 8) % uint256(c));
        vm.prank(a);
        try ch.withdraw(amount, a) {
            withdrawn[a] += amount;
        } catch {}
    }

    function place(uint256 seed) external {
        seed = _mix(seed);
        uint256 k = seed % 2;
        address a = actors[(seed >> 8) % 4];
        bool isBid = (seed >> 16) % 2 == 0;
        IOrderBookBase.OrderType kind = IOrderBookBase.OrderType((seed >> 24) % 5);
        (uint64 index, , , , ) = oracle.indexes(indexIds[k]);
        uint256 price = (uint256(index) * (9_000 + ((seed >> 32) % 2_001))) / 10_000;
        price = (price / 1_000) * 1_000;
        uint256 size = 10 * (1 + ((seed >> 64) % 300));
        uint256 expiry = (seed >> 96) % 4 == 0 ? block.timestamp + 1 + ((seed >> 100) % 2 days) : 0;
        vm.prank(a);
        try ob.place(IOrderBookBase.PlaceParams(markets[k], isBid, kind, false, price, size, expiry)) returns (
            uint256 id,
            uint256 filled
        ) {
            calls[filled != 0 ? bytes32("fill") : bytes32("place")]++;
            if (id != 0) _placed.push(Placed(id, a, markets[k], isBid, size - filled, false, false, 0));
        } catch {
            calls["place.refused"]++;
        }
    }

    function cancel(uint256 seed) external {
        if (_placed.length == 0) return;
        seed = _mix(seed);
        Placed storage p = _placed[seed % _placed.length];
        vm.prank(p.owner);
        try ob.cancel(p.id) {
            p.cancelled = true;
            calls["cancel"]++;
        } catch {}
    }

    function cancelAll(uint256 seed) external {
        seed = _mix(seed);
        address a = actors[seed % 4];
        uint256 id = markets[(seed >> 8) % 2];
        vm.prank(a);
        try ob.cancelAll(id) {
            for (uint256 i; i < _placed.length; ++i) {
                Placed storage p = _placed[i];
                if (p.owner != a || p.marketId != id || p.dead || p.cancelled) continue;
                p.dead = true;
                try ob.orderOf(p.id) returns (IOrderBookBase.OrderView memory v) {
                    p.sizeAtDeath = v.size;
                } catch {
                    p.sizeAtDeath = 0;
                }
            }
            calls["cancelAll"]++;
        } catch {}
    }

    function moveIndex(uint256 seed) external {
        seed = _mix(seed);
        uint256 k = seed % 2;
        uint256 p = (uint256(basePrices[k]) * (6_000 + ((seed >> 8) % 8_001))) / 10_000;
        oracle.setPrice(indexIds[k], uint64(p));
    }

    function warp(uint256 seed) external {
        vm.warp(block.timestamp + 1 + (_mix(seed) % 12 hours));
        for (uint256 k; k < 2; ++k) {
            (uint64 p, , , , ) = oracle.indexes(indexIds[k]);
            oracle.setPrice(indexIds[k], p);
        }
    }

    function liquidate(uint256 seed) external {
        seed = _mix(seed);
        uint256 id = markets[seed % 2];
        for (uint256 j; j < 4; ++j) {
            address t = actors[j];
            (int256 size, , , ) = ch.positionOf(t, id);
            if (size == 0) continue;
            try ch.health(t) returns (IClearingHouseBase.Health memory h) {
                if (h.equity >= int256(h.maintenanceMargin)) continue;
            } catch {
                continue;
            }
            vm.prank(actors[(j + 1 + ((seed >> 8) % 3)) % 4]);
            try ch.liquidate(t, id, type(uint256).max) {
                calls["liquidate"]++;
            } catch {}
            return;
        }
    }

    function settle(uint256 seed) external {
        uint256 id = markets[_mix(seed) % 2];
        try ch.proposeSettlement(id) {} catch {}
        try ch.finalizeSettlement(id) {
            calls["finalize"]++;
        } catch {}
        for (uint256 j; j < 4; ++j) {
            try ch.claimSettlement(actors[j], id) {
                calls["claim"]++;
            } catch {}
        }
    }

    /* ----------------------------- views ----------------------------- */

    function placedCount() external view returns (uint256) {
        return _placed.length;
    }

    function placed(uint256 i) external view returns (Placed memory) {
        return _placed[i];
    }

    function actor(uint256 i) external view returns (address) {
        return actors[i];
    }
}
