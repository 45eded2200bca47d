// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {MedianLib} from "../../../contracts/libraries/MedianLib.sol";
import {BaseTest} from "../utils/BaseTest.sol";

contract MedianLibTest is BaseTest {
    function test_medianDown_oddCount() public pure {
        uint256[] memory values = new uint256[](5);
        (values[0], values[1], values[2], values[3], values[4]) = (9, 1, 7, 3, 5);
        assertEq(MedianLib.medianDown(values), 5);
    }

    function test_medianDown_evenCountRoundsDown() public pure {
        uint256[] memory values = new uint256[](4);
        (values[0], values[1], values[2], values[3]) = (10, 2, 5, 4);
        // Middle values 4 and 5: (4 + 5) / 2 = 4.5, rounded down.
        assertEq(MedianLib.medianDown(values), 4);
    }

    function test_medianDown_evenCountNearMaxDoesNotOverflow() public pure {
        uint256[] memory values = new uint256[](2);
        (values[0], values[1]) = (type(uint256).max, type(uint256).max - 1);
        assertEq(MedianLib.medianDown(values), type(uint256).max - 1);
    }

    function test_medianDown_single() public pure {
        uint256[] memory values = new uint256[](1);
        values[0] = 42;
        assertEq(MedianLib.medianDown(values), 42);
    }

    function testFuzz_medianDown_matchesReference(uint64[] memory raw) public pure {
        vm.assume(raw.length > 0 && raw.length <= 40);
        uint256[] memory values = new uint256[](raw.length);
        for (uint256 i; i < raw.length; ++i) values[i] = raw[i];
        assertEq(MedianLib.medianDown(values), _referenceMedian(raw));
        for (uint256 i = 1; i < values.length; ++i) assertLe(values[i - 1], values[i], "sorted ascending");
    }

    /// @dev Order statistics by counting, without sorting: the k-th smallest is the value with
    ///      fewer than k+1 values below it and at least k+1 values at or below it.
    function _referenceMedian(uint64[] memory values) private pure returns (uint256) {
        uint256 n = values.length;
        if (n % 2 == 1) return _kthSmallest(values, n / 2);
        return (_kthSmallest(values, n / 2 - 1) + _kthSmallest(values, n / 2)) / 2;
    }

    function _kthSmallest(uint64[] memory values, uint256 k) private pure returns (uint256) {
        for (uint256 i; i < values.length; ++i) {
            uint256 below;
            uint256 atOrBelow;
            for (uint256 j; j < values.length; ++j) {
                if (values[j] < values[i]) ++below;
                if (values[j] <= values[i]) ++atOrBelow;
            }
            if (below <= k && k < atOrBelow) return values[i];
        }
        revert("unreachable");
    }
}
