// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Vm} from "./Vm.sol";

/// @notice Base of every Computus Solidity test: the cheatcode handle, assertions that
///         delegate to EDR's assertion cheatcodes (so failures print both values), and
///         input-bounding helpers for fuzz tests.
abstract contract BaseTest {
    /// @dev The cheatcode address: keccak256("hevm cheat code") truncated to 20 bytes.
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    function assertTrue(bool condition) internal pure {
        vm.assertTrue(condition, "expected true");
    }

    function assertTrue(bool condition, string memory message) internal pure {
        vm.assertTrue(condition, message);
    }

    function assertFalse(bool condition) internal pure {
        vm.assertFalse(condition, "expected false");
    }

    function assertFalse(bool condition, string memory message) internal pure {
        vm.assertFalse(condition, message);
    }

    function assertEq(bool left, bool right) internal pure {
        vm.assertEq(left, right, "bool not equal");
    }

    function assertEq(uint256 left, uint256 right) internal pure {
        vm.assertEq(left, right, "uint not equal");
    }

    function assertEq(uint256 left, uint256 right, string memory message) internal pure {
        vm.assertEq(left, right, message);
    }

    function assertEq(int256 left, int256 right) internal pure {
        vm.assertEq(left, right, "int not equal");
    }

    function assertEq(int256 left, int256 right, string memory message) internal pure {
        vm.assertEq(left, right, message);
    }

    function assertEq(address left, address right) internal pure {
        vm.assertEq(left, right, "address not equal");
    }

    function assertEq(bytes32 left, bytes32 right) internal pure {
        vm.assertEq(left, right, "bytes32 not equal");
    }

    function assertEq(bytes32 left, bytes32 right, string memory message) internal pure {
        vm.assertEq(left, right, message);
    }

    function assertLt(int256 left, int256 right) internal pure {
        vm.assertTrue(left < right, "expected left < right");
    }

    function assertEq(string memory left, string memory right) internal pure {
        vm.assertEq(left, right, "string not equal");
    }

    function assertLt(uint256 left, uint256 right) internal pure {
        vm.assertLt(left, right, "expected left < right");
    }

    function assertLe(uint256 left, uint256 right) internal pure {
        vm.assertLe(left, right, "expected left <= right");
    }

    function assertLe(uint256 left, uint256 right, string memory message) internal pure {
        vm.assertLe(left, right, message);
    }

    function assertGt(uint256 left, uint256 right) internal pure {
        vm.assertGt(left, right, "expected left > right");
    }

    function assertGe(uint256 left, uint256 right) internal pure {
        vm.assertGe(left, right, "expected left >= right");
    }

    function assertGe(uint256 left, uint256 right, string memory message) internal pure {
        vm.assertGe(left, right, message);
    }

    function assertLe(int256 left, int256 right) internal pure {
        vm.assertLe(left, right, "expected left <= right");
    }

    function assertGe(int256 left, int256 right) internal pure {
        vm.assertGe(left, right, "expected left >= right");
    }

    function assertApproxEqAbs(uint256 left, uint256 right, uint256 maxDelta) internal pure {
        vm.assertApproxEqAbs(left, right, maxDelta, "values differ by more than maxDelta");
    }

    /// @dev Maps any `x` into [min, max] without rejecting inputs: values already inside are
    ///      kept (so the fuzzer's edge dictionary still hits the bounds), others wrap around.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }

    /// @dev `bound` for signed integers.
    function bound(int256 x, int256 min, int256 max) internal pure returns (int256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        // Two's-complement arithmetic: wrapping is intended (min may be negative).
        unchecked {
            uint256 size = uint256(max) - uint256(min);
            uint256 offset = uint256(x) % (size == type(uint256).max ? size : size + 1);
            return int256(uint256(min) + offset);
        }
    }
}
