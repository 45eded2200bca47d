// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20, IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IClearingHouseCore} from "../interfaces/IClearingHouseCore.sol";
import {IOrderBookActions} from "../interfaces/IOrderBookActions.sol";
import {IIndexOracle} from "../interfaces/IIndexOracle.sol";
import {IIndexSubscriber} from "../interfaces/IIndexSubscriber.sol";
import {Position, PositionLib} from "../types/Position.sol";
import {AccountSlot} from "../types/AccountSlot.sol";
import {BookHeader} from "../types/BookHeader.sol";
import {ClearingHouseStorage} from "./ClearingHouseStorage.sol";
import {OrderBooks} from "./OrderBooks.sol";

/// @title ClearingHouse
/// @notice The Computus clearing house (see {IClearingHouse}), its core: the order books'
///         actions (place, cancel, cancel-all, batch) with matching and fills, and collateral in
///         and out. Market creation, settlement, administration, liquidation, covered shorts and
///         every read run in `extension` (and its `reader`) by delegatecall from the fallback.
/// @dev The books' matching, fills and margin reservations are `OrderBooks`; this contract holds
///      the entry points. See docs/order-book.md and docs/clearing-house.md.
contract ClearingHouse is OrderBooks, IClearingHouseCore, IOrderBookActions {
    using SafeERC20 for IERC20;

    /// @notice Where every function but the core's runs (same storage layout).
    address public immutable extension;

    constructor(
        IERC20Metadata token,
        IIndexOracle oracle_,
        address owner_,
        address marketAdmin_,
        address guardian_,
        RiskParams memory risk,
        address extension_
    ) ClearingHouseStorage(token, oracle_, owner_, marketAdmin_, guardian_, risk) {
        if (extension_.code.length == 0) revert ZeroAddress();
        extension = extension_;
    }

    /// @notice Runs every other function in `extension` (which runs the reads in its `reader`).
    fallback() external {
        _delegate(extension);
    }

    /* ---------------------------------------------------------------- */
    /*                           Collateral                             */
    /* ---------------------------------------------------------------- */

    /// @inheritdoc IClearingHouseCore
    function deposit(address account, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        if (account == address(0)) revert ZeroAddress();
        if (amount > uint256(int256(type(int96).max))) revert AmountTooLarge(amount);
        AccountSlot a = _accounts[account];
        int256 collateral = a.collateral() + int256(amount);
        if (collateral > type(int96).max) revert AmountTooLarge(amount);
        _accounts[account] = a.withCollateral(collateral);
        emit Deposited(account, msg.sender, amount, collateral);
        // Credit only what arrived: a fee-on-transfer or re-entrant token moves another amount.
        uint256 balance = _token.balanceOf(address(this));
        _token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = _token.balanceOf(address(this));
        if (received != balance + amount) {
            revert TransferAmountMismatch(amount, received > balance ? received - balance : 0);
        }
    }

    /// @inheritdoc IClearingHouseCore
    function withdraw(uint256 amount, address to) external {
        if (amount == 0) revert ZeroAmount();
        if (to == address(0)) revert ZeroAddress();
        AccountSlot a = _accounts[msg.sender];
        int256 before = a.collateral();
        if (amount > uint256(int256(type(int96).max)) || int256(amount) > before) {
            revert InsufficientCollateral(amount, before);
        }
        int256 collateral = before - int256(amount);
        // The margin loop only runs when the account is in some market (any id bit set).
        if (AccountSlot.unwrap(a) >> 96 != 0) {
            Health memory h = _health(msg.sender, a, 0, Position.wrap(0), collateral);
            if (h.equity < int256(h.initialMargin)) revert InsufficientMargin(msg.sender, h.equity, h.initialMargin);
        }
        _accounts[msg.sender] = a.withCollateral(collateral);
        emit Withdrawn(msg.sender, to, amount, collateral);
        _token.safeTransfer(to, amount);
    }

    /* ---------------------------------------------------------------- */
    /*                           Index                                  */
    /* ---------------------------------------------------------------- */

    /// @inheritdoc IIndexSubscriber
    /// @dev In the core, not the extension: every round of the oracle pays for this call, and a
    ///      delegatecall would add a cold account access to each.
    function onLatestIndex(uint256 number, IIndexOracle.LatestIndex calldata latest) external {
        if (msg.sender != address(oracle)) revert NotIndexOracle(msg.sender);
        _indexes[number] = latest;
    }

    /* ---------------------------------------------------------------- */
    /*                           Orders                                 */
    /* ---------------------------------------------------------------- */

    /// @inheritdoc IOrderBookActions
    function place(PlaceParams calldata params) external returns (uint256 orderId, uint256 filled) {
        return _place(params);
    }

    /// @inheritdoc IOrderBookActions
    function cancel(uint256 orderId) external {
        _cancel(orderId);
    }

    /// @inheritdoc IOrderBookActions
    function cancelAll(uint256 marketId) external {
        if (BookHeader.unwrap(_book.headers[marketId]) == 0) revert UnknownMarket(marketId);
        Position p = _positions[msg.sender][marketId];
        uint256 epoch = p.orderEpoch() + 1;
        if (epoch > PositionLib.MAX_EPOCH) revert EpochExhausted(msg.sender, marketId);
        _writeOrders(msg.sender, marketId, p, p.withOrders(0, 0).withEpoch(epoch));
        emit AllCancelled(marketId, msg.sender, epoch);
    }

    /// @inheritdoc IOrderBookActions
    function batch(
        uint256[] calldata cancels,
        PlaceParams[] calldata places
    ) external returns (uint256[] memory orderIds) {
        for (uint256 i; i < cancels.length; ++i) _cancel(cancels[i]);
        orderIds = new uint256[](places.length);
        for (uint256 i; i < places.length; ++i) (orderIds[i], ) = _place(places[i]);
    }
}
