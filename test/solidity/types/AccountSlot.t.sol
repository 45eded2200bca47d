// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ClearingHouseFixture} from "../utils/ClearingHouseFixture.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";

/// @notice The bounded market list of an account (10 hot + 6 overflow entries), driven through
///         the clearing house: random joins (a resting bid) and leaves (its cancellation) keep
///         exactly the joined markets listed.
contract AccountSlotTest is ClearingHouseFixture {
    address internal alice = address(0x1001);
    uint256[] internal markets;
    mapping(uint256 => bool) internal joined;
    mapping(uint256 => uint256) internal orderIn;

    function setUp() public {
        _deploy();
        for (uint256 i; i < 18; ++i) markets.push(_createMarket(H100));
        _fund(alice, 1_000_000e6);
    }

    function testFuzz_marketList_tracksJoinedMarkets(uint256 seed) public {
        uint256 count;
        for (uint256 step; step < 48; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            uint256 id = markets[r % markets.length];
            if (joined[id]) {
                vm.prank(alice);
                ch.cancel(orderIn[id]);
                joined[id] = false;
                --count;
            } else if (count < 16) {
                orderIn[id] = _rest(alice, id, true, PRICE, 10);
                joined[id] = true;
                ++count;
            } else {
                IOrderBookBase.PlaceParams memory bid = _order(id, true, IOrderBookBase.OrderType.Limit, PRICE, 10);
                vm.prank(alice);
                vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.TooManyMarkets.selector, alice));
                ch.place(bid);
            }
            uint256[] memory ids = ch.marketsOf(alice);
            assertEq(ids.length, count, "listed count");
            for (uint256 i; i < ids.length; ++i) assertTrue(joined[ids[i]], "listed but not joined");
            assertEq(ch.health(alice).initialMargin, count * 2e6, "margin over listed markets");
        }
    }
}
