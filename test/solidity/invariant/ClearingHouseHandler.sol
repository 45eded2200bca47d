// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Vm} from "../utils/Vm.sol";
import {IClearingHouse} from "../../../contracts/interfaces/IClearingHouse.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {MockIndexOracle} from "../../../contracts/mocks/MockIndexOracle.sol";

/// @notice Drives the clearing house across 4 actors and 2 markets: deposits, trades (through its
///         order books), index moves, liquidations, time, settlement, claims, withdrawals,
///         pauses. Never reverts: refused actions are caught and counted.
contract ClearingHouseHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    IClearingHouse public immutable ch;
    MockERC20 public immutable token;
    MockIndexOracle public immutable oracle;
    address public immutable marketAdmin;
    address public immutable guardian;

    address[4] public actors = [address(0xA1), address(0xA2), address(0xA3), address(0xA4)];
    uint256[2] public markets;
    bytes32[2] public indexIds;
    uint64[2] public basePrices;

    mapping(address => uint256) public deposited;
    mapping(address => uint256) public withdrawn;
    mapping(uint256 => bytes32) public pausedHash;
    mapping(bytes32 => uint256) public calls;

    constructor(
        IClearingHouse ch_,
        MockERC20 token_,
        MockIndexOracle oracle_,
        address marketAdmin_,
        address guardian_,
        uint256[2] memory markets_,
        bytes32[2] memory indexIds_,
        uint64[2] memory basePrices_
    ) {
        ch = ch_;
        token = token_;
        oracle = oracle_;
        marketAdmin = marketAdmin_;
        guardian = guardian_;
        markets = markets_;
        indexIds = indexIds_;
        basePrices = basePrices_;
        for (uint256 i; i < 4; ++i) {
            vm.prank(actors[i]);
            token_.approve(address(ch_), type(uint256).max);
        }
    }

    uint256 internal nonce;

    /* ----------------------------- actions ----------------------------- */

    /// @dev Spreads fuzzer seeds (often 0 or max) over all actors and markets.
    function _mix(uint256 seed) internal returns (uint256) {
        return uint256(keccak256(abi.encode(seed, ++nonce)));
    }

    function deposit(uint256 actorSeed, uint256 amount) external {
        address a = actors[_mix(actorSeed) % 4];
        amount = 100e6 + (amount % 10_000e6);
        token.mint(a, amount);
        vm.prank(a);
        ch.deposit(a, amount);
        deposited[a] += amount;
        calls["deposit"]++;
    }

    function withdraw(uint256 actorSeed, uint256 amount) external {
        address a = actors[_mix(actorSeed) % 4];
        int256 c = ch.collateralOf(a);
        if (c <= 0) return;
        amount = 1 + (amount % uint256(c));
        vm.prank(a);
        try ch.withdraw(amount, a) {
            withdrawn[a] += amount;
            calls["withdraw"]++;
        } catch {
            calls["withdraw.refused"]++;
        }
    }

    function trade(uint256 marketSeed, uint256 takerSeed, uint256 makerSeed, uint256 size, uint256 priceSeed) external {
        uint256 k = _mix(marketSeed) % 2;
        takerSeed = _mix(takerSeed);
        size = _mix(size);
        priceSeed = _mix(priceSeed);
        address taker = actors[takerSeed % 4];
        address maker = actors[((takerSeed % 4) + 1 + (makerSeed % 3)) % 4];
        int256 s = int256(10 * (1 + (size % 1_000)));
        if (size % 3 == 0) s = -s;
        (uint64 index, ) = _latest(k);
        // a price within ±15% of the index, on the 0.001 tick
        uint256 price = (uint256(index) * (8_500 + (priceSeed % 3_001))) / 10_000;
        price = (price / 1_000) * 1_000;
        if (price == 0) return;
        try this.tradeAtomic(markets[k], taker, maker, s, price) returns (bool ok) {
            calls[ok ? bytes32("trade") : bytes32("trade.makerRefused")]++;
        } catch (bytes memory err) {
            calls["trade.refused"]++;
            calls[bytes32(bytes4(err))]++;
        }
    }

    /// @dev The maker rests a Limit order at `price`, the taker crosses it with an IOC order
    ///      limited at `price`, atomically (a revert undoes both, so the book is empty between
    ///      actions). `ok` is false when the maker was refused at the fill (its order dropped).
    ///      Self-call only.
    function tradeAtomic(
        uint256 marketId,
        address taker,
        address maker,
        int256 s,
        uint256 price
    ) external returns (bool ok) {
        require(msg.sender == address(this), "self only");
        uint256 abs = s >= 0 ? uint256(s) : uint256(-s);
        vm.prank(maker);
        ch.place(IOrderBookBase.PlaceParams(marketId, s < 0, IOrderBookBase.OrderType.Limit, false, price, abs, 0));
        vm.prank(taker);
        (, uint256 filled) = ch.place(
            IOrderBookBase.PlaceParams(marketId, s >= 0, IOrderBookBase.OrderType.IOC, false, price, abs, 0)
        );
        ok = filled == abs;
    }

    function moveIndex(uint256 marketSeed, uint256 pct) external {
        uint256 k = _mix(marketSeed) % 2;
        uint256 p = (uint256(basePrices[k]) * (4_000 + (_mix(pct) % 12_001))) / 10_000;
        oracle.setPrice(indexIds[k], uint64(p == 0 ? 1 : p));
        calls["moveIndex"]++;
    }

    /// @dev Liquidates the first actor below maintenance in the market (from `targetSeed` on).
    function liquidate(uint256 liquidatorSeed, uint256 targetSeed, uint256 marketSeed, uint256 maxSize) external {
        uint256 id = markets[_mix(marketSeed) % 2];
        for (uint256 j; j < 4; ++j) {
            address t = actors[(targetSeed + j) % 4];
            address l = actors[(liquidatorSeed + j + 1) % 4];
            if (l == t) l = actors[(liquidatorSeed + j + 2) % 4];
            (int256 size, , , ) = ch.positionOf(t, id);
            if (size == 0) continue;
            try ch.health(t) returns (IClearingHouseBase.Health memory h) {
                if (h.equity >= int256(h.maintenanceMargin)) continue;
            } catch {
                continue;
            }
            vm.prank(l);
            try ch.liquidate(t, id, maxSize % 3 == 0 ? maxSize : type(uint256).max) {
                calls["liquidate"]++;
            } catch (bytes memory err) {
                calls["liquidate.refused"]++;
                calls[bytes32(bytes4(err))]++;
            }
            return;
        }
    }

    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + 1 + (_mix(secondsSeed) % 1 days));
        // keep the index fresh: the mock stamps it now
        for (uint256 k; k < 2; ++k) {
            (uint64 p, ) = _latest(k);
            oracle.setPrice(indexIds[k], p);
        }
        calls["warp"]++;
    }

    function settle(uint256 marketSeed) external {
        uint256 id = markets[_mix(marketSeed) % 2];
        try ch.proposeSettlement(id) {
            calls["propose"]++;
        } catch {}
        try ch.finalizeSettlement(id) {
            calls["finalize"]++;
        } catch {}
    }

    function claim(uint256 actorSeed, uint256 marketSeed) external {
        uint256 id = markets[_mix(marketSeed) % 2];
        for (uint256 j; j < 4; ++j) {
            try ch.claimSettlement(actors[(actorSeed + j) % 4], id) {
                calls["claim"]++;
                return;
            } catch {}
        }
    }

    function togglePause(uint256 marketSeed) external {
        marketSeed = _mix(marketSeed);
        uint256 id = markets[marketSeed % 2];
        (, , IClearingHouseBase.MarketRisk memory r, , ) = ch.market(id);
        if (r.mode != IClearingHouseBase.Mode.Paused && marketSeed % 8 != 0) return;
        if (r.mode == IClearingHouseBase.Mode.Paused) {
            vm.prank(marketAdmin);
            ch.setMarketMode(id, IClearingHouseBase.Mode.Active);
            pausedHash[id] = 0;
        } else {
            vm.prank(guardian);
            ch.setMarketMode(id, IClearingHouseBase.Mode.Paused);
            pausedHash[id] = marketHash(id);
        }
        calls["pause"]++;
    }

    /* ----------------------------- views ----------------------------- */

    /// @notice Hash of everything in a market that trading, liquidation or settlement could move.
    function marketHash(uint256 id) public view returns (bytes32 h) {
        (
            ,
            ,
            IClearingHouseBase.MarketRisk memory r,
            IClearingHouseBase.MarketTrading memory t,
            IClearingHouseBase.MarketTail memory tail
        ) = ch.market(id);
        h = keccak256(abi.encode(r.stage, r.finalPrice, t, tail));
        for (uint256 i; i < 4; ++i) h = keccak256(abi.encode(h, ch.rawPosition(actors[i], id)));
    }

    function actor(uint256 i) external view returns (address) {
        return actors[i];
    }

    function _latest(uint256 k) internal view returns (uint64 price, uint32 ts) {
        (price, ts, , , ) = oracle.indexes(indexIds[k]);
    }
}
