// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IClearingHouse} from "../../../contracts/interfaces/IClearingHouse.sol";
import {IClearingHouseBase} from "../../../contracts/interfaces/IClearingHouseBase.sol";
import {ICapacityToken} from "../../../contracts/interfaces/ICapacityToken.sol";
import {IOrderBook} from "../../../contracts/interfaces/IOrderBook.sol";
import {IOrderBookBase} from "../../../contracts/interfaces/IOrderBookBase.sol";
import {CapacityTestBase} from "../capacity/CapacityTestBase.sol";
import {AdversarialBase} from "./AdversarialBase.sol";
import {HookToken, ITokenHooks} from "./HostileTokens.sol";

/// @notice A trader contract that re-enters the clearing house or the book from the collateral
///         token's hooks, once, and records what the re-entrant call saw or why it failed.
contract Reenterer is ITokenHooks {
    enum Action {
        None,
        Deposit,
        Withdraw,
        Place
    }

    IClearingHouse internal immutable _ch;
    IOrderBook internal immutable _ob;
    HookToken internal immutable _token;
    Action public onSend;
    Action public onReceive;
    uint256 public amount;
    IOrderBookBase.PlaceParams internal _order;
    bytes public failure;
    int256 public collateralSeen;
    bool internal _acted;

    constructor(IClearingHouse ch_, IOrderBook ob_, HookToken token_) {
        (_ch, _ob, _token) = (ch_, ob_, token_);
        token_.approve(address(ch_), type(uint256).max);
    }

    function arm(Action send, Action receive_, uint256 amount_, IOrderBookBase.PlaceParams calldata order) external {
        (onSend, onReceive, amount, _acted) = (send, receive_, amount_, false);
        _order = order;
    }

    function deposit(uint256 value) external {
        _ch.deposit(address(this), value);
    }

    function withdraw(uint256 value) external {
        _ch.withdraw(value, address(this));
    }

    function tokensToSend(address, address, uint256) external {
        _act(onSend, false);
    }

    function tokensReceived(address, address, uint256) external {
        _act(onReceive, true);
    }

    /// @dev Deposit re-entry lets errors bubble (the outer call must fail); withdraw-side
    ///      re-entries are caught so the test can inspect them.
    function _act(Action action, bool catchIt) internal {
        if (_acted || action == Action.None) return;
        _acted = true;
        collateralSeen = _ch.collateralOf(address(this));
        if (!catchIt) {
            if (action == Action.Deposit) _ch.deposit(address(this), amount);
            else if (action == Action.Withdraw) _ch.withdraw(amount, address(this));
            return;
        }
        if (action == Action.Withdraw) {
            try _ch.withdraw(amount, address(this)) {} catch (bytes memory reason) {
                failure = reason;
            }
        } else if (action == Action.Place) {
            try _ob.place(_order) {} catch (bytes memory reason) {
                failure = reason;
            }
        }
    }
}

/// @notice Re-entrancy through an ERC-777-like collateral token. The clearing house credits before
///         pulling and debits before paying (checks, effects, then the transfer), so a re-entrant
///         call always sees the final state; a deposit whose transfer re-enters is refused.
contract ReentrancyTest is AdversarialBase {
    HookToken internal hook;
    Reenterer internal attacker;
    IOrderBookBase.PlaceParams internal noOrder;

    function setUp() public {
        hook = new HookToken();
        _deployWith(hook);
        _fund(alice, 1_000_000e6);
        _fund(bob, 1_000_000e6);
        attacker = new Reenterer(ch, ob, hook);
        hook.mint(address(attacker), 1_000e6);
        attacker.deposit(100e6);
        hook.setHooked(address(attacker), true);
    }

    /// @dev Guards F-1 (balance-delta check on deposit). The attacker's send hook withdraws before
    ///      its own deposit's tokens move: net zero arrives for 100 credited, so it is refused.
    function test_depositReenteredByWithdraw_reverts() public {
        attacker.arm(Reenterer.Action.Withdraw, Reenterer.Action.None, 100e6, noOrder);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.TransferAmountMismatch.selector, 100e6, 0));
        attacker.deposit(100e6);
    }

    /// @dev Guards F-1: a deposit nested in a deposit's transfer makes the outer one see 200 arrive
    ///      for 100 asked; refused rather than reasoned about.
    function test_depositReenteredByDeposit_reverts() public {
        attacker.arm(Reenterer.Action.Deposit, Reenterer.Action.None, 50e6, noOrder);
        vm.expectRevert(abi.encodeWithSelector(IClearingHouseBase.TransferAmountMismatch.selector, 100e6, 150e6));
        attacker.deposit(100e6);
    }

    /// @dev Already stopped (effects before transfer): re-entering withdraw from the receive hook
    ///      sees the debited collateral and cannot take a unit more.
    function test_withdrawReenteredByWithdraw_cannotOverdraw() public {
        attacker.arm(Reenterer.Action.None, Reenterer.Action.Withdraw, 1, noOrder);
        uint256 before = hook.balanceOf(address(attacker));
        attacker.withdraw(100e6);
        assertEq(attacker.collateralSeen(), int256(0));
        assertEq(
            keccak256(attacker.failure()),
            keccak256(abi.encodeWithSelector(IClearingHouseBase.InsufficientCollateral.selector, 1, int256(0)))
        );
        assertEq(hook.balanceOf(address(attacker)), before + 100e6);
        assertEq(ch.collateralOf(address(attacker)), int256(0));
        assertEq(hook.balanceOf(address(ch)), 2_000_000e6);
    }

    /// @dev Already stopped: an order placed from the withdraw's receive hook is margined on the
    ///      collateral left after the withdrawal.
    function test_withdrawReenteredByPlace_marginedOnWhatIsLeft() public {
        _limit(alice, false, PRICE, 1_000); // $2,000 notional: $200 initial margin
        IOrderBookBase.PlaceParams memory order = _p(true, IOrderBookBase.OrderType.IOC, PRICE, 1_000);
        attacker.arm(Reenterer.Action.None, Reenterer.Action.Place, 0, order);
        attacker.withdraw(95e6);
        assertEq(attacker.collateralSeen(), int256(5e6));
        assertEq(bytes4(attacker.failure()), IClearingHouseBase.InsufficientMargin.selector);
        (int256 size, , , ) = ch.positionOf(address(attacker), m1);
        assertEq(size, int256(0));
    }
}

/// @notice A capacity holder contract that redeems from inside its ERC-1155 receive hook.
contract RedeemingReceiver is IERC1155Receiver {
    ICapacityToken internal immutable _capacity;
    uint32 public requestIndex;
    bool public redeemed;

    constructor(ICapacityToken capacity_) {
        _capacity = capacity_;
    }

    function onERC1155Received(address, address, uint256 id, uint256 value, bytes calldata) external returns (bytes4) {
        requestIndex = _capacity.redeem(id, uint64(value), keccak256("ssh"));
        redeemed = true;
        return this.onERC1155Received.selector;
    }

    function onERC1155BatchReceived(
        address,
        address,
        uint256[] calldata,
        uint256[] calldata,
        bytes calldata
    ) external pure returns (bytes4) {
        return this.onERC1155BatchReceived.selector;
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC1155Receiver).interfaceId || interfaceId == type(IERC165).interfaceId;
    }
}

/// @notice The capacity token's only untrusted call is the ERC-1155 receive hook, made last in
///         `mint`: a receiver redeeming from inside it meets a fully booked ledger.
contract CapacityReceiverReentrancyTest is CapacityTestBase {
    function test_receiverRedeemsInsideMintHook_ledgerStaysWhole() public {
        RedeemingReceiver receiver = new RedeemingReceiver(capacity);
        (uint256 id, uint256 deposit) = _mintTo(_attestation(100), address(receiver));
        assertTrue(receiver.redeemed());
        ICapacityToken.Ledger memory l = capacity.ledger(id);
        assertEq(uint256(l.outstanding), 0);
        assertEq(uint256(l.pending), 100);
        assertEq(capacity.balanceOf(address(receiver), id), 0);
        assertEq(usdc.balanceOf(address(capacity)), deposit);
        assertEq(capacity.bondOf(id), deposit);
        assertEq(capacity.request(id, receiver.requestIndex()).holder, address(receiver));
    }
}
