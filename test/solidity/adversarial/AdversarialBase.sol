// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ClearingHouseStorage} from "../../../contracts/clearinghouse/ClearingHouseStorage.sol";
import {IClearingHouse} from "../../../contracts/interfaces/IClearingHouse.sol";
import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {MockIndexOracle} from "../../../contracts/mocks/MockIndexOracle.sol";
import {OrderBookFixture} from "../utils/OrderBookFixture.sol";
import {Deploy} from "../utils/Deploy.sol";
import {IOrderBook} from "../../../contracts/interfaces/IOrderBook.sol";

/// @notice The order-book fixture with a collateral token of the test's choosing (hostile tokens:
///         fee-on-transfer, blacklisting, transfer hooks).
abstract contract AdversarialBase is OrderBookFixture {
    /// @dev Deploys the clearing house (order books included) on `collateral` and lists the H100
    ///      market as `m1`.
    function _deployWith(MockERC20 collateral) internal {
        vm.warp(T0);
        token = collateral;
        oracle = new MockIndexOracle();
        oracle.setPrice(H100, PRICE);
        ClearingHouseStorage.RiskParams memory risk = _riskParams();
        ch = Deploy.clearingHouse(collateral, IIndexOracle(address(oracle)), owner, marketAdmin, guardian, risk);
        oracle.setSubscriber(address(ch));
        ob = IOrderBook(address(ch));
        m1 = _createMarket(H100);
    }
}
