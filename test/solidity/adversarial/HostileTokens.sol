// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";

/// @notice A collateral token that burns 1% of every transfer (USDT-style fee switch turned on).
contract FeeOnTransferToken is MockERC20 {
    constructor() MockERC20("Fee USD", "FUSD", 6) {}

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) return super._update(from, to, value);
        uint256 fee = value / 100;
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}

/// @notice A collateral token whose owner can blacklist addresses (USDC-style): transfers from or
///         to a blacklisted address revert.
contract BlacklistToken is MockERC20 {
    error Blacklisted(address account);

    mapping(address account => bool) public blacklisted;

    constructor() MockERC20("Blacklist USD", "BUSD", 6) {}

    function setBlacklisted(address account, bool value) external {
        blacklisted[account] = value;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (blacklisted[from]) revert Blacklisted(from);
        if (blacklisted[to]) revert Blacklisted(to);
        super._update(from, to, value);
    }
}

/// @notice Receiver side of {HookToken}.
interface ITokenHooks {
    function tokensToSend(address from, address to, uint256 value) external;

    function tokensReceived(address from, address to, uint256 value) external;
}

/// @notice An ERC-777-like token: a registered sender is called before its balance moves, a
///         registered recipient after, so either can re-enter whoever moved the tokens.
contract HookToken is MockERC20 {
    mapping(address account => bool) public hooked;

    constructor() MockERC20("Hook USD", "HUSD", 6) {}

    function setHooked(address account, bool value) external {
        hooked[account] = value;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (hooked[from]) ITokenHooks(from).tokensToSend(from, to, value);
        super._update(from, to, value);
        if (hooked[to]) ITokenHooks(to).tokensReceived(from, to, value);
    }
}
