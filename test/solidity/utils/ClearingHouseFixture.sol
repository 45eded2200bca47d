// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BaseTest} from "./BaseTest.sol";
import {Deploy} from "./Deploy.sol";
import {ClearingHouseStorage} from "../../../contracts/clearinghouse/ClearingHouseStorage.sol";
import {IClearingHouse} from "../../../contracts/interfaces/IClearingHouse.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";
import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {MockIndexOracle} from "../../../contracts/mocks/MockIndexOracle.sol";
import {OrderParams} from "./OrderParams.sol";

/// @notice Deploys a clearing house with a 6-decimal token and a mock oracle. Helpers open
///         positions through its order books (`place`), from the traders' own accounts.
abstract contract ClearingHouseFixture is BaseTest {
    bytes32 internal constant H100 = "H100-SXM-USD-HR";
    bytes32 internal constant B200 = "B200-USD-HR";
    uint64 internal constant PRICE = 2_000_000; // $2.00 per GPU-hour
    uint64 internal constant TICK = 1_000; // $0.001
    uint32 internal constant T0 = 1_800_000_000;

    MockERC20 internal token;
    MockIndexOracle internal oracle;
    IClearingHouse internal ch;
    address internal owner = address(0xA11CE);
    address internal marketAdmin = address(0xAD);
    address internal guardian = address(0x6A);

    function _riskParams() internal pure virtual returns (ClearingHouseStorage.RiskParams memory) {
        return
            ClearingHouseStorage.RiskParams({
                liquidationPenaltyBps: 100,
                liquidatorShareBps: 5_000,
                insuranceFeeShareBps: 2_000,
                disputePeriod: 1 days,
                gracePeriod: 3 days,
                markPeriod: 600
            });
    }

    function _deploy() internal {
        vm.warp(T0);
        token = new MockERC20("USD Coin", "USDC", 6);
        oracle = new MockIndexOracle();
        oracle.setPrice(H100, PRICE);
        oracle.setPrice(B200, 4 * PRICE);
        ClearingHouseStorage.RiskParams memory risk = _riskParams();
        ch = Deploy.clearingHouse(token, IIndexOracle(address(oracle)), owner, marketAdmin, guardian, risk);
        oracle.setSubscriber(address(ch));
    }

    function _params(bytes32 indexId) internal pure returns (IClearingHouseBase.MarketParams memory) {
        return
            IClearingHouseBase.MarketParams({
                indexId: indexId,
                tradingStart: T0,
                windowStart: T0 + 30 days,
                windowEnd: T0 + 60 days,
                tickSize: TICK,
                lotSize: 10,
                imBps: 1_000,
                mmBps: 500,
                makerFeeBps: 2,
                takerFeeBps: 5,
                oiCap: 1e9,
                maxPosition: 1e8,
                bandBps: 2_000
            });
    }

    function _createMarket(bytes32 indexId) internal returns (uint256) {
        vm.prank(marketAdmin);
        return ch.createMarket(_params(indexId));
    }

    function _fund(address account, uint256 amount) internal {
        token.mint(account, amount);
        vm.startPrank(account);
        token.approve(address(ch), type(uint256).max);
        ch.deposit(account, amount);
        vm.stopPrank();
    }

    /// @dev Taker buys `size` (negative: sells) from maker at `price`, through the book: the maker
    ///      rests a Limit order at `price` (so `price` must be on tick and inside the band around
    ///      the index, and the maker must carry its initial margin), then the taker sends an IOC
    ///      order limited at `price` that crosses it. Returns whether it filled: a maker refused
    ///      at the fill (margin, position limit, reduce-only) is dropped with `OrderCancelled` and
    ///      nothing fills. The taker's own refusals (margin, limits) revert. Expects no other
    ///      order at or better than `price` on the maker's side.
    function _trade(
        uint256 marketId,
        address taker,
        address maker,
        int256 size,
        uint256 price
    ) internal returns (bool) {
        bool takerIsBid = size >= 0;
        uint256 abs = size >= 0 ? uint256(size) : uint256(-size);
        vm.prank(maker);
        ch.place(_order(marketId, !takerIsBid, IOrderBookBase.OrderType.Limit, price, abs));
        vm.prank(taker);
        (, uint256 filled) = ch.place(_order(marketId, takerIsBid, IOrderBookBase.OrderType.IOC, price, abs));
        return filled == abs;
    }

    /// @dev An order of `kind` for `size` at `price`, good till cancelled, not reduce-only.
    function _order(
        uint256 marketId,
        bool isBid,
        IOrderBookBase.OrderType kind,
        uint256 price,
        uint256 size
    ) internal pure returns (IOrderBookBase.PlaceParams memory) {
        return OrderParams.gtc(marketId, isBid, kind, price, size);
    }

    /// @dev `account` rests a Limit order (good till cancelled, not reduce-only); returns its id.
    function _rest(
        address account,
        uint256 marketId,
        bool isBid,
        uint256 price,
        uint256 size
    ) internal returns (uint256 orderId) {
        vm.prank(account);
        (orderId, ) = ch.place(_order(marketId, isBid, IOrderBookBase.OrderType.Limit, price, size));
    }

    function _size(address account, uint256 marketId) internal view returns (int256 size) {
        (size, , , ) = ch.positionOf(account, marketId);
    }
}
