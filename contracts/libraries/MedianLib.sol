// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title MedianLib
/// @notice The median of a small set of prices, as the index oracle takes it over one round.
library MedianLib {
    /// @notice Sorts `values` ascending in place and returns their median, rounded down: the middle
    ///         value for an odd count, the floor of the mean of the two middle values for an even one.
    /// @dev Insertion sort: rounds carry at most a few dozen observations, where it beats any
    ///      other sort in gas. Reverts on an empty array (index out of bounds).
    function medianDown(uint256[] memory values) internal pure returns (uint256) {
        uint256 length = values.length;
        for (uint256 i = 1; i < length; ++i) {
            uint256 key = values[i];
            uint256 j = i;
            while (j > 0 && values[j - 1] > key) {
                values[j] = values[j - 1];
                --j;
            }
            values[j] = key;
        }
        uint256 middle = length / 2;
        if (length % 2 == 1) return values[middle];
        // Average without overflow: a/2 + b/2 + (a%2 + b%2)/2 equals floor((a+b)/2).
        uint256 a = values[middle - 1];
        uint256 b = values[middle];
        return a / 2 + b / 2 + (((a % 2) + (b % 2)) / 2);
    }
}
