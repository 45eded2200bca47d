// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAggregatorV3} from "../interfaces/IAggregatorV3.sol";
import {IIndexOracle} from "../interfaces/IIndexOracle.sol";

/// @title IndexFeed
/// @notice A Chainlink-style feed (AggregatorV3Interface) for one Computus index, so any protocol
///         that reads Chainlink feeds can read a compute-price index unchanged.
/// @dev Warning: like a Chainlink feed, this does not revert on a stale index; readers must check
///      `updatedAt` themselves (or call the oracle's `latestPrice`, which does).
contract IndexFeed is IAggregatorV3 {
    /// @notice The oracle the index lives in.
    IIndexOracle public immutable oracle;
    /// @notice The index this feed reads.
    bytes32 public immutable indexId;
    uint8 private immutable _decimals;

    /// @param oracle_ The index oracle.
    /// @param indexId_ A registered index of `oracle_`.
    constructor(IIndexOracle oracle_, bytes32 indexId_) {
        oracle = oracle_;
        indexId = indexId_;
        _decimals = oracle_.indexMetadata(indexId_).decimals;
    }

    /// @inheritdoc IAggregatorV3
    function decimals() external view returns (uint8) {
        return _decimals;
    }

    /// @inheritdoc IAggregatorV3
    function description() external view returns (string memory) {
        return oracle.indexMetadata(indexId).description;
    }

    /// @inheritdoc IAggregatorV3
    function version() external pure returns (uint256) {
        return 1;
    }

    /// @inheritdoc IAggregatorV3
    function getRoundData(uint80 roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        return oracle.getRoundData(indexId, roundId);
    }

    /// @inheritdoc IAggregatorV3
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return oracle.latestRoundData(indexId);
    }
}
