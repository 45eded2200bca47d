// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {ICapacityToken} from "../../../contracts/interfaces/ICapacityToken.sol";
import {CapacityTestBase} from "./CapacityTestBase.sol";

/// @notice What the clearing house will do with capacity tokens posted as cover, reduced to the
///         calls it makes on the token: take custody, value, return, seize on liquidation.
contract MockCoverCustodian is ERC1155Holder {
    ICapacityToken internal immutable capacity;
    mapping(address account => mapping(uint256 id => uint256 units)) public posted;

    constructor(ICapacityToken capacity_) {
        capacity = capacity_;
    }

    function post(uint256 id, uint256 units) external {
        posted[msg.sender][id] += units;
        capacity.safeTransferFrom(msg.sender, address(this), id, units, "");
    }

    function withdraw(uint256 id, uint256 units) external {
        posted[msg.sender][id] -= units;
        capacity.safeTransferFrom(address(this), msg.sender, id, units, "");
    }

    function seize(address account, uint256 id, address liquidator) external returns (uint256 units) {
        units = posted[account][id];
        posted[account][id] = 0;
        capacity.safeTransferFrom(address(this), liquidator, id, units, "");
    }

    function coverOf(
        address account,
        uint256 id,
        bytes32 indexId,
        uint32 from,
        uint32 to,
        uint256 haircutBps
    ) external view returns (uint256 value, uint256 hours_) {
        return capacity.coverValue(id, posted[account][id], indexId, from, to, haircutBps);
    }
}

/// @notice Capacity tokens in a custodian's hands (the clearing house's role for covered shorts).
contract CapacityCustodyTest is CapacityTestBase {
    MockCoverCustodian internal custodian;
    address internal liquidator = address(0x11D);
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        custodian = new MockCoverCustodian(capacity);
        (id, ) = _mint(_attestation(720));
        vm.prank(provider);
        capacity.setApprovalForAll(address(custodian), true);
    }

    function test_post_movesUnitsIntoCustodyAndValuesThem() public {
        vm.prank(provider);
        custodian.post(id, 500);
        assertEq(capacity.balanceOf(address(custodian), id), 500);
        assertEq(capacity.balanceOf(provider, id), 220);
        _submitAt(W_START + 15 days, PRICE);
        (uint256 value, uint256 hours_) = custodian.coverOf(provider, id, INDEX, W_START, W_END, 1_500);
        assertEq(hours_, 250); // half the window left
        assertEq(value, (250 * uint256(PRICE) * 8_500) / 10_000);
        (uint256 held, ) = capacity.coverValueOf(address(custodian), id, INDEX, W_START, W_END, 1_500);
        assertEq(held, value);
    }

    function test_post_revertsWithoutApproval() public {
        vm.prank(provider);
        capacity.setApprovalForAll(address(custodian), false);
        vm.prank(provider);
        vm.expectRevert(
            abi.encodeWithSelector(IERC1155Errors.ERC1155MissingApprovalForAll.selector, address(custodian), provider)
        );
        custodian.post(id, 1);
    }

    function test_postedUnits_cannotBeRedeemedByTheProvider() public {
        vm.prank(provider);
        custodian.post(id, 720);
        vm.prank(provider);
        vm.expectRevert(abi.encodeWithSelector(ICapacityToken.RedeemExceedsBalance.selector, provider, id, 0, 1));
        capacity.redeem(id, 1, bytes32(0));
    }

    function test_seize_givesTheLiquidatorRedeemableUnits() public {
        vm.prank(provider);
        custodian.post(id, 300);
        assertEq(custodian.seize(provider, id, liquidator), 300);
        assertEq(capacity.balanceOf(liquidator, id), 300);
        vm.prank(liquidator);
        uint32 requestIndex = capacity.redeem(id, 300, keccak256("liquidator endpoint"));
        assertEq(capacity.request(id, requestIndex).holder, liquidator);
        // The bond still backs the seized hours: the liquidator is as protected as any holder.
        assertEq(capacity.bondOf(id), 720 * uint256(BOND_RATE));
    }

    function test_withdraw_returnsUnits() public {
        vm.startPrank(provider);
        custodian.post(id, 300);
        custodian.withdraw(id, 100);
        vm.stopPrank();
        assertEq(capacity.balanceOf(provider, id), 520);
        assertEq(custodian.posted(provider, id), 200);
    }

    /// @dev Valuing posted units in parts never exceeds valuing them whole (rounding down).
    function testFuzz_coverValue_splitNeverWorthMore(
        uint64 units,
        uint64 part,
        uint32 elapsed,
        uint16 haircutBps
    ) public {
        units = uint64(bound(units, 2, 720));
        part = uint64(bound(part, 1, units - 1));
        haircutBps = uint16(bound(haircutBps, 0, 10_000));
        _submitAt(W_START + bound(elapsed, 0, 30 days - 1), PRICE);
        (uint256 whole, ) = capacity.coverValue(id, units, INDEX, W_START, W_END, haircutBps);
        (uint256 a, ) = capacity.coverValue(id, part, INDEX, W_START, W_END, haircutBps);
        (uint256 b, ) = capacity.coverValue(id, units - part, INDEX, W_START, W_END, haircutBps);
        assertLe(a + b, whole);
    }
}
