// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ClearingHouseFixture} from "./ClearingHouseFixture.sol";
import {IOrderBook} from "../../../contracts/interfaces/IOrderBook.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";

/// @notice A clearing house (its order books inside it, `ob` being its book ABI), funded traders
///         and one H100 market.
abstract contract OrderBookFixture is ClearingHouseFixture {
    IOrderBook internal ob;
    uint256 internal m1;
    address internal alice = address(0x1001);
    address internal bob = address(0x1002);
    address internal carol = address(0x1003);
    address internal dave = address(0x1004);

    function _deployBook() internal {
        _deploy();
        ob = IOrderBook(address(ch));
        m1 = _createMarket(H100);
        _fund(alice, 1_000_000e6);
        _fund(bob, 1_000_000e6);
        _fund(carol, 1_000_000e6);
        _fund(dave, 1_000_000e6);
    }

    function _limit(address who, bool isBid, uint256 price, uint256 size) internal returns (uint256 id) {
        vm.prank(who);
        (id, ) = ob.place(_p(isBid, IOrderBookBase.OrderType.Limit, price, size));
    }

    function _take(
        address who,
        bool isBid,
        IOrderBookBase.OrderType kind,
        uint256 price,
        uint256 size
    ) internal returns (uint256 filled) {
        vm.prank(who);
        (, filled) = ob.place(_p(isBid, kind, price, size));
    }

    function _p(
        bool isBid,
        IOrderBookBase.OrderType kind,
        uint256 price,
        uint256 size
    ) internal view returns (IOrderBookBase.PlaceParams memory) {
        return _order(m1, isBid, kind, price, size);
    }
}
