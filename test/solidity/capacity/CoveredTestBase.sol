// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {ClearingHouseStorage} from "../../../contracts/clearinghouse/ClearingHouseStorage.sol";
import {IClearingHouse} from "../../../contracts/interfaces/IClearingHouse.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {CapacityTestBase} from "./CapacityTestBase.sol";
import {Deploy} from "../utils/Deploy.sol";

/// @notice A clearing house on the capacity token's oracle and collateral, with one H100 market
///         whose window is the capacity window (5% mark band, so index moves move the mark), covered shorts enabled on it (10% haircut, 3% /
///         1.5% covered IM / MM against 10% / 5%), and the test contract as the order book.
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
        _submitAt(block.timestamp, PRICE);
        ch = _deployWithBook(address(this));
        vm.prank(provider);
        capacity.setApprovalForAll(address(ch), true);
    }

    /// @dev A clearing house whose order book is `book`, its capacity token registered, and the
    ///      covered market listed (sets `market`).
    function _deployWithBook(address book) internal returns (IClearingHouse house) {
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
        house = Deploy.clearingHouse(collateral, o, address(this), address(this), guardian, risk, book);
        house.setCapacityToken(address(capacity));
        market = house.createMarket(
            IClearingHouseBase.MarketParams({
                indexId: INDEX,
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
            })
        );
        house.setCoverParams(market, HAIRCUT, COVER_IM, COVER_MM);
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
    ///      book's entry points (this contract is the book).
    function _trade(address taker, address maker, int256 size, uint256 price) internal {
        bool makerIsBid = size < 0;
        uint256 abs = size >= 0 ? uint256(size) : uint256(-size);
        uint256 epoch = ch.reserveOrder(maker, market, makerIsBid, abs, price, false);
        ch.applyFill(market, 0, maker, taker, size, price, abs, epoch);
        ch.checkTaker(market, taker);
    }
}
