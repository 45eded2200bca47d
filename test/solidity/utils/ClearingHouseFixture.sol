// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BaseTest} from "./BaseTest.sol";
import {Deploy} from "./Deploy.sol";
import {ClearingHouseStorage} from "../../../contracts/clearinghouse/ClearingHouseStorage.sol";
import {IClearingHouse} from "../../../contracts/interfaces/IClearingHouse.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {MockIndexOracle} from "../../../contracts/mocks/MockIndexOracle.sol";

/// @notice Deploys a clearing house with a 6-decimal token and a mock oracle; the test contract
///         (or `book`) is the order book. Helpers open positions through the book entry points.
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
    address internal book;

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

    function _deploy(address orderBook) internal {
        vm.warp(T0);
        token = new MockERC20("USD Coin", "USDC", 6);
        oracle = new MockIndexOracle();
        oracle.setPrice(H100, PRICE);
        oracle.setPrice(B200, 4 * PRICE);
        ClearingHouseStorage.RiskParams memory risk = _riskParams();
        ch = Deploy.clearingHouse(token, IIndexOracle(address(oracle)), owner, marketAdmin, guardian, risk, orderBook);
        book = orderBook;
    }

    /// @dev The address of the contract this test deploys `ahead` creations from now.
    function _nextAddress(uint256 ahead) internal view returns (address) {
        uint256 nonce = vm.getNonce(address(this)) + ahead;
        bytes memory n = nonce < 0x80 ? abi.encodePacked(uint8(nonce)) : abi.encodePacked(uint8(0x81), uint8(nonce));
        bytes memory rlp = abi.encodePacked(uint8(0xc0 + 21 + n.length), uint8(0x94), address(this), n);
        return address(uint160(uint256(keccak256(rlp))));
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

    /// @dev Taker buys `size` (negative: sells) from maker at `price`, through the book entry
    ///      points: the maker's order is reserved first, as the book does. Caller must be `book`.
    function _trade(
        uint256 marketId,
        address taker,
        address maker,
        int256 size,
        uint256 price
    ) internal returns (bool) {
        bool makerIsBid = size < 0;
        uint256 abs = size >= 0 ? uint256(size) : uint256(-size);
        uint256 epoch = ch.reserveOrder(maker, marketId, makerIsBid, abs, price, false);
        bool ok =
            ch.applyFill(marketId, 0, maker, taker, size, price, abs, epoch) == IClearingHouseBase.FillStatus.Filled;
        ch.checkTaker(marketId, taker);
        return ok;
    }

    function _size(address account, uint256 marketId) internal view returns (int256 size) {
        (size, , , ) = ch.positionOf(account, marketId);
    }
}
