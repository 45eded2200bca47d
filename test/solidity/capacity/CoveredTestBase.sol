// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {ClearingHouseStorage} from "../../../contracts/clearinghouse/ClearingHouseStorage.sol";
import {IClearingHouse} from "../../../contracts/interfaces/IClearingHouse.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";
import {CapacityTestBase} from "./CapacityTestBase.sol";
import {Deploy} from "../utils/Deploy.sol";
import {OrderParams} from "../utils/OrderParams.sol";

/// @notice A clearing house on the capacity token's oracle and collateral, with one H100 market
///         whose window is the capacity window (5% mark band, so index moves move the mark), covered shorts enabled on it (10% haircut, 3% /
///         1.5% covered IM / MM against 10% / 5%); trades go through its order book.
abstract contract CoveredTestBase is CapacityTestBase {
    uint16 internal constant IM = 1_000;
    uint16 internal constant MM = 500;
    uint16 internal constant HAIRCUT = 1_000;
    uint16 internal constant COVER_IM = 300;
    uint16 internal constant COVER_MM = 150;
    /// @dev 64 GPUs for a month: the figure of docs/clearing-house.md.
    uint64 internal constant HEDGE = 46_080;

    IClearingHouse internal ch;
    uint256 internal market;
    address internal lab = address(0x1AB);
    address internal keeper = address(0x4EE);

    function setUp() public virtual override {
        super.setUp();
        // The clearing house first: the oracle pushes every round to it.
        ch = _deployClearingHouse();
        _submitAt(block.timestamp, PRICE);
        vm.prank(provider);
        capacity.setApprovalForAll(address(ch), true);
    }

    /// @dev The clearing house's core is the oracle's subscriber. Created after the oracle (next),
    ///      the collateral, the capacity token (`CapacityTestBase`), its reader and extension.
    function _oracleSubscriber() internal view override returns (address) {
        return Deploy.futureAddress(5);
    }

    /// @dev A clearing house, its capacity token registered, and the covered market listed (sets
    ///      `market`); the caller is its owner and market admin.
    function _deployClearingHouse() internal returns (IClearingHouse house) {
        ClearingHouseStorage.RiskParams memory risk = ClearingHouseStorage.RiskParams({
            liquidationPenaltyBps: 100,
            liquidatorShareBps: 5_000,
            insuranceFeeShareBps: 2_000,
            disputePeriod: 1 days,
            gracePeriod: 3 days,
            markPeriod: 600
        });
        IERC20Metadata collateral = IERC20Metadata(address(usdc));
        IIndexOracle o = IIndexOracle(address(oracle));
        house = Deploy.clearingHouse(collateral, o, address(this), address(this), guardian, risk);
        require(oracle.subscriber() == address(house), "CoveredTestBase: the oracle's subscriber moved");
        house.setCapacityToken(address(capacity));
        market = house.createMarket(_marketParams(INDEX));
        house.setCoverParams(market, HAIRCUT, COVER_IM, COVER_MM);
    }

    /// @dev The covered market's parameters, on `indexId`.
    function _marketParams(bytes32 indexId) internal view returns (IClearingHouseBase.MarketParams memory) {
        return
            IClearingHouseBase.MarketParams({
                indexId: indexId,
                tradingStart: uint32(block.timestamp),
                windowStart: W_START,
                windowEnd: W_END,
                tickSize: 500,
                lotSize: 10,
                imBps: IM,
                mmBps: MM,
                makerFeeBps: 0,
                takerFeeBps: 0,
                oiCap: 1e9,
                maxPosition: 1e8,
                bandBps: 500
            });
    }

    /// @dev Mints `units` of the default window to the provider (64 GPUs attested).
    function _mintHours(uint64 units) internal returns (uint256 id) {
        (id, ) = _mint(_attestation(units, W_START, W_END, 64));
    }

    function _fund(address account, uint256 amount) internal {
        usdc.mint(account, amount);
        vm.startPrank(account);
        usdc.approve(address(ch), type(uint256).max);
        ch.deposit(account, amount);
        vm.stopPrank();
    }

    function _post(uint256 id, uint256 units) internal {
        vm.prank(provider);
        ch.postCapacityCollateral(market, id, units);
    }

    /// @dev `taker` trades `size` (negative: sells) against `maker` at `price`, through the
    ///      book: the maker rests a Limit order at `price`, the taker crosses it with an IOC order
    ///      limited at `price`. Fails the test unless it fills entirely.
    function _trade(address taker, address maker, int256 size, uint256 price) internal {
        bool takerIsBid = size >= 0;
        uint256 abs = size >= 0 ? uint256(size) : uint256(-size);
        vm.prank(maker);
        ch.place(_order(!takerIsBid, IOrderBookBase.OrderType.Limit, price, abs));
        vm.prank(taker);
        (, uint256 filled) = ch.place(_order(takerIsBid, IOrderBookBase.OrderType.IOC, price, abs));
        assertEq(filled, abs, "trade not filled");
    }

    /// @dev An order in `market`, good till cancelled, not reduce-only.
    function _order(
        bool isBid,
        IOrderBookBase.OrderType kind,
        uint256 price,
        uint256 size
    ) internal view returns (IOrderBookBase.PlaceParams memory) {
        return OrderParams.gtc(market, isBid, kind, price, size);
    }
}
