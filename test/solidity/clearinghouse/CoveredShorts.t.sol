// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {ICapacityToken} from "../../../contracts/interfaces/ICapacityToken.sol";
import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";
import {MarginLib} from "../../../contracts/libraries/MarginLib.sol";
import {CapacityMathLib} from "../../../contracts/libraries/CapacityMathLib.sol";
import {MockERC1155} from "../../../contracts/mocks/MockERC1155.sol";
import {CoveredTestBase} from "../capacity/CoveredTestBase.sol";
import {OrderParams} from "../utils/OrderParams.sol";

/// @notice Covered shorts: posting capacity in the clearing house, the lower margin of the
///         covered part, withdrawing, and the seizure of the units by a liquidation.
contract CoveredShortsTest is CoveredTestBase, ERC1155Holder {
    /* ----------------------------- post / withdraw ----------------------------- */

    function test_post_takesCustodyAndFlagsThePosition() public {
        uint256 id = _mintHours(HEDGE);
        vm.expectEmit(true, true, true, true, address(ch));
        emit IClearingHouseBase.CapacityCollateralPosted(provider, market, id, 1_000, 1_000);
        _post(id, 1_000);
        _post(id, 500);
        assertEq(capacity.balanceOf(address(ch), id), 1_500);
        assertEq(capacity.balanceOf(provider, id), HEDGE - 1_500);
        (uint256 tokenId, uint256 units, uint256 hours_, uint256 value) = ch.coverOf(provider, market);
        assertEq(tokenId, id);
        assertEq(units, 1_500);
        assertEq(hours_, 1_500); // the token's window is the market's, all still to come
        assertEq(value, CapacityMathLib.coverValueDown(1_500, PRICE, HAIRCUT));
        assertEq(ch.collateralOf(provider), 0); // cover is not collateral
    }

    function test_withdraw_returnsUnitsAndClearsCover() public {
        uint256 id = _mintHours(HEDGE);
        _post(id, 1_000);
        vm.expectEmit(true, true, true, true, address(ch));
        emit IClearingHouseBase.CapacityCollateralWithdrawn(provider, market, id, 400, 600);
        vm.prank(provider);
        ch.withdrawCapacityCollateral(market, id, 400);
        vm.prank(provider);
        ch.withdrawCapacityCollateral(market, id, 600);
        assertEq(capacity.balanceOf(address(ch), id), 0);
        assertEq(capacity.balanceOf(provider, id), HEDGE);
        (uint256 tokenId, uint256 units, , ) = ch.coverOf(provider, market);
        assertEq(tokenId, 0);
        assertEq(units, 0);
    }

    /* ------------------------- markets on the real oracle ------------------------ */

    /// @dev Orders price a market by the index number kept in its book header: a market on the
    ///      second index registered must read that index, not the first.
    function test_createMarket_pricesEachMarketByItsOwnIndex() public {
        uint64 otherPrice = 5_000_000;
        oracle.submit(
            OTHER_INDEX,
            uint32(block.timestamp),
            _round(OTHER_INDEX, uint32(block.timestamp), _prices(otherPrice, otherPrice, otherPrice))
        );
        IClearingHouseBase.MarketParams memory p = _marketParams(OTHER_INDEX);
        uint256 other = ch.createMarket(p);
        assertEq(ch.markPrice(other), otherPrice);
        assertEq(ch.markPrice(market), PRICE);
        // A resting bid is checked against its own index's band: $2.13 is far below $5 less 5%.
        _fund(buyer, 1_000e6);
        vm.prank(buyer);
        vm.expectPartialRevert(IClearingHouseBase.PriceOutsideBand.selector);
        ch.place(OrderParams.gtc(other, true, IOrderBookBase.OrderType.Limit, 2_134_500, 10));
    }

    function test_createMarket_revertsOnAnIndexTheOracleDoesNotKnow() public {
        vm.expectRevert(abi.encodeWithSelector(IIndexOracle.UnknownIndex.selector, bytes32("NONE")));
        ch.createMarket(_marketParams("NONE"));
    }

    function test_post_revertsOnAnotherIndex() public {
        capacity.setBondRate(OTHER_INDEX, BOND_RATE);
        uint256 id = _mintOther();
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.CoverIndexMismatch.selector, market, id, INDEX, OTHER_INDEX)
        );
        ch.postCapacityCollateral(market, id, 1);
    }

    function test_post_revertsOnWindowNotOverlapping() public {
        uint32 start = W_END;
        uint32 end = W_END + 30 days;
        (uint256 id, ) = _mint(_attestation(100, start, end, 1));
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.CoverWindowMismatch.selector, market, id, start, end)
        );
        ch.postCapacityCollateral(market, id, 1);
    }

    function test_post_revertsWhenNotEnabledOrNoToken() public {
        uint256 id = _mintHours(100);
        uint256 other = ch.createMarket(_plainParams());
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.CoverNotEnabled.selector, other));
        ch.postCapacityCollateral(other, id, 1);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.ZeroAmount.selector));
        ch.postCapacityCollateral(market, id, 0);
    }

    function test_receive_refusesOtherTokensAndDirectTransfers() public {
        uint256 id = _mintHours(100);
        // Sent directly: no account to credit.
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.UnexpectedCapacityTransfer.selector, provider));
        capacity.safeTransferFrom(provider, address(ch), id, 1, "");
        // Another ERC-1155.
        MockERC1155 fake = new MockERC1155();
        fake.mint(provider, 7, 10);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.NotCapacityToken.selector, address(fake)));
        fake.safeTransferFrom(provider, address(ch), 7, 1, "");
    }

    function test_withdraw_revertsAboveThePosted() public {
        uint256 id = _mintHours(100);
        _post(id, 60);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.InsufficientCover.selector, market, id, 60, 61));
        ch.withdrawCapacityCollateral(market, id, 61);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.InsufficientCover.selector, market, id + 1, 0, 1));
        ch.withdrawCapacityCollateral(market, id + 1, 1);
    }

    function test_post_revertsForASecondTokenInTheMarket() public {
        uint256 id = _mintHours(100);
        _post(id, 10);
        (uint256 id2, ) = _mint(_attestation(100, W_START, W_START + 10 days, 1));
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.CoverTokenMismatch.selector, market, id, id2));
        ch.postCapacityCollateral(market, id2, 1);
    }

    function test_setCoverParams_checksBounds() public {
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.InvalidCoverParams.selector, bytes32("haircutBps"), 10_000)
        );
        ch.setCoverParams(market, 10_000, COVER_IM, COVER_MM);
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.InvalidCoverParams.selector, bytes32("mmBps"), MM + 1)
        );
        ch.setCoverParams(market, HAIRCUT, IM, MM + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.InvalidCoverParams.selector, bytes32("imBps"), IM + 1)
        );
        ch.setCoverParams(market, HAIRCUT, IM + 1, COVER_MM);
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.InvalidCoverParams.selector, bytes32("imBps"), COVER_MM)
        );
        ch.setCoverParams(market, HAIRCUT, COVER_MM, COVER_MM);
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IClearingHouseBase.Unauthorized.selector, stranger, bytes32("MARKET_ADMIN"))
        );
        ch.setCoverParams(market, HAIRCUT, COVER_IM, COVER_MM);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.CapacityTokenAlreadySet.selector, address(capacity)));
        ch.setCapacityToken(address(capacity));
    }

    /* ----------------------------- margin ----------------------------- */

    /// @dev The figure of docs/clearing-house.md: 64 GPUs hedging a month (46,080 hours).
    function test_margin_coveredShortOf46080Hours() public {
        uint256 id = _mintHours(HEDGE);
        _post(id, HEDGE);
        _fund(provider, 10_000e6);
        _fund(lab, 10_000e6);
        _fund(stranger, 10_000e6);
        _fund(buyer, 10_000e6);
        _trade(provider, lab, -int256(uint256(HEDGE)), PRICE); // provider sells, covered
        _trade(stranger, buyer, -int256(uint256(HEDGE)), PRICE); // stranger sells, uncovered
        IClearingHouseBase.Health memory covered = ch.health(provider);
        IClearingHouseBase.Health memory plain = ch.health(stranger);
        assertEq(plain.initialMargin, MarginLib.bpsOfNotionalUp(HEDGE, PRICE, IM)); // 9,835.776
        assertEq(plain.maintenanceMargin, MarginLib.bpsOfNotionalUp(HEDGE, PRICE, MM));
        assertEq(covered.initialMargin, MarginLib.bpsOfNotionalUp(HEDGE, PRICE, COVER_IM)); // 2,950.7328
        assertEq(covered.maintenanceMargin, MarginLib.bpsOfNotionalUp(HEDGE, PRICE, COVER_MM));
        assertEq(covered.initialMargin, 2_950_732_800);
        assertEq(plain.initialMargin, 9_835_776_000);
    }

    function test_margin_onlyTheCoveredPartIsCheaper() public {
        uint256 id = _mintHours(HEDGE);
        _post(id, 1_000);
        _fund(provider, 10_000e6);
        _fund(lab, 10_000e6);
        _trade(provider, lab, -3_000, PRICE);
        IClearingHouseBase.Health memory h = ch.health(provider);
        assertEq(
            h.initialMargin,
            MarginLib.bpsOfNotionalUp(1_000, PRICE, COVER_IM) + MarginLib.bpsOfNotionalUp(2_000, PRICE, IM)
        );
        // The lab's long is never covered, and a covered provider's long neither.
        assertEq(ch.health(lab).initialMargin, MarginLib.bpsOfNotionalUp(3_000, PRICE, IM));
    }

    function test_withdraw_revertsBelowMargin() public {
        uint256 id = _mintHours(HEDGE);
        _post(id, HEDGE);
        // Enough for the covered IM (2,950.73) but not the uncovered (9,835.78).
        _fund(provider, 3_000e6);
        _fund(lab, 10_000e6);
        _trade(provider, lab, -int256(uint256(HEDGE)), PRICE);
        vm.prank(provider);
        vm.expectPartialRevert(IClearingHouseBase.InsufficientMargin.selector);
        ch.withdrawCapacityCollateral(market, id, HEDGE);
        // A few units are fine: 49.27 of room, each hour uncovered costs (10% − 3%) × 2.1345.
        vm.prank(provider);
        ch.withdrawCapacityCollateral(market, id, 300);
    }

    function test_open_revertsWithoutEnoughEvenCovered() public {
        uint256 id = _mintHours(HEDGE);
        _post(id, HEDGE);
        _fund(provider, 2_900e6);
        _fund(lab, 10_000e6);
        vm.prank(lab);
        ch.place(_order(true, IOrderBookBase.OrderType.Limit, PRICE, HEDGE));
        IOrderBookBase.PlaceParams memory sell = _order(false, IOrderBookBase.OrderType.IOC, PRICE, HEDGE);
        vm.prank(provider);
        vm.expectPartialRevert(IClearingHouseBase.InsufficientMargin.selector);
        ch.place(sell);
    }

    /// @dev Whatever the short, cover and clock: the requirement is at least the rule (covered
    ///      part at the covered rates, the rest at the market's), and at most the uncovered one.
    function testFuzz_coveredMargin_neverLowerThanTheRules(uint256 shortSize, uint256 units, uint256 elapsed) public {
        shortSize = bound(shortSize, 1, 4_000) * 10;
        units = bound(units, 1, HEDGE);
        elapsed = bound(elapsed, 0, 30 days - 1);
        uint256 id = _mintHours(HEDGE);
        _post(id, units);
        _fund(provider, 100_000e6);
        _fund(lab, 100_000e6);
        _trade(provider, lab, -int256(shortSize), PRICE);
        // Into the window: covered hours decay.
        _submitAt(W_START + elapsed, PRICE);
        IClearingHouseBase.Health memory h = ch.health(provider);
        uint256 mark = ch.markPrice(market);
        uint256 ch_ = CapacityMathLib.coveredHoursDown(units, W_START, W_END, W_START, W_END, block.timestamp);
        uint256 coveredPart = shortSize < ch_ ? shortSize : ch_;
        uint256 rest = shortSize - coveredPart;
        assertGe(h.initialMargin * 10_000, (coveredPart * COVER_IM + rest * IM) * mark, "IM below the rule");
        assertGe(h.maintenanceMargin * 10_000, (coveredPart * COVER_MM + rest * MM) * mark, "MM below the rule");
        assertLe(h.initialMargin, MarginLib.bpsOfNotionalUp(shortSize, mark, IM) + 1);
        assertLe(h.maintenanceMargin, MarginLib.bpsOfNotionalUp(shortSize, mark, MM) + 1);
    }

    /* ----------------------------- liquidation ----------------------------- */

    function test_liquidate_seizesCoverAtValueLessHaircut() public {
        uint256 id = _mintHours(HEDGE);
        _post(id, 10_000);
        _fund(provider, 700e6);
        _fund(lab, 10_000e6);
        _fund(keeper, 50_000e6);
        _trade(provider, lab, -10_000, PRICE);
        // +15%: the mark follows to the band's edge (index − 5%), the short loses ~1,974 > 700.
        uint64 up = (PRICE * 115) / 100;
        _submitAt(block.timestamp + 1 hours, up);
        uint256 balance = usdc.balanceOf(address(ch));
        int256 keeperBefore = ch.collateralOf(keeper);
        int256 providerBefore = ch.collateralOf(provider);
        uint256 value = CapacityMathLib.coverValueDown(
            CapacityMathLib.coveredHoursDown(10_000, W_START, W_END, W_START, W_END, block.timestamp),
            up,
            HAIRCUT
        );
        vm.expectEmit(true, true, true, true, address(ch));
        emit IClearingHouseBase.CapacityCollateralSeized(provider, market, keeper, id, 10_000, value);
        vm.prank(keeper);
        ch.liquidate(provider, market, type(uint256).max);
        assertEq(capacity.balanceOf(keeper, id), 10_000);
        assertEq(capacity.balanceOf(address(ch), id), 0);
        assertEq(usdc.balanceOf(address(ch)), balance, "no collateral token moved");
        // The keeper paid the value (less at most its share of the penalty if it also took
        // part of the position over); the account received it.
        int256 paid = keeperBefore - ch.collateralOf(keeper);
        assertLe(paid, int256(value));
        assertGe(paid, int256(value) - 300e6);
        assertLt(providerBefore, ch.collateralOf(provider));
        (, uint256 units, , ) = ch.coverOf(provider, market);
        assertEq(units, 0);
    }

    function test_liquidate_seizureAloneCanRestoreTheAccount() public {
        uint256 id = _mintHours(HEDGE);
        _post(id, 20_000);
        _fund(provider, 700e6);
        _fund(lab, 10_000e6);
        _fund(keeper, 50_000e6);
        _trade(provider, lab, -10_000, PRICE);
        // +8%: the mark moves 2.6% (to the band's edge): loses ~553, equity ~147 < covered MM
        // (~328); the 20,000 hours of cover are worth ~41,500.
        _submitAt(block.timestamp + 1 hours, (PRICE * 108) / 100);
        int256 keeperBefore = ch.collateralOf(keeper);
        vm.prank(keeper);
        uint256 size = ch.liquidate(provider, market, type(uint256).max);
        assertEq(size, 0, "the sale of the units restored the account");
        assertEq(_sizeOf(provider), -10_000);
        int256 paid = keeperBefore - ch.collateralOf(keeper);
        assertLt(int256(0), paid);
        IClearingHouseBase.Health memory h = ch.health(provider);
        assertGe(h.equity, int256(h.maintenanceMargin));
    }

    function test_liquidate_revertsWhenTheLiquidatorCannotPay() public {
        uint256 id = _mintHours(HEDGE);
        _post(id, 10_000);
        _fund(provider, 700e6);
        _fund(lab, 10_000e6);
        _fund(keeper, 1e6);
        _trade(provider, lab, -10_000, PRICE);
        _submitAt(block.timestamp + 1 hours, (PRICE * 115) / 100);
        vm.prank(keeper);
        vm.expectPartialRevert(IClearingHouseBase.InsufficientCollateral.selector);
        ch.liquidate(provider, market, type(uint256).max);
    }

    function test_uncoveredAccount_unaffectedByCoverOfOthers() public {
        uint256 id = _mintHours(HEDGE);
        _post(id, HEDGE);
        _fund(stranger, 1_000e6);
        _fund(lab, 10_000e6);
        _trade(stranger, lab, -1_000, PRICE);
        assertEq(ch.health(stranger).initialMargin, MarginLib.bpsOfNotionalUp(1_000, PRICE, IM));
    }

    /* ----------------------------- helpers ----------------------------- */

    function _sizeOf(address account) internal view returns (int256 size) {
        (size, , , ) = ch.positionOf(account, market);
    }

    function _mintOther() internal returns (uint256 id) {
        ICapacityToken.Attestation memory a = _attestation(100);
        a.indexId = OTHER_INDEX;
        (id, ) = _mint(a);
    }

    function _plainParams() internal view returns (IClearingHouseBase.MarketParams memory p) {
        (, IClearingHouseBase.MarketConfig memory c, , , ) = ch.market(market);
        p = IClearingHouseBase.MarketParams({
            indexId: INDEX,
            tradingStart: uint32(block.timestamp),
            windowStart: c.windowStart,
            windowEnd: c.windowEnd,
            tickSize: 500,
            lotSize: 10,
            imBps: IM,
            mmBps: MM,
            makerFeeBps: 0,
            takerFeeBps: 0,
            oiCap: 1e9,
            maxPosition: 1e8,
            bandBps: 2_000
        });
    }
}
