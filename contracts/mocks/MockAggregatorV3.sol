// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAggregatorV3} from "../interfaces/IAggregatorV3.sol";

/// @title MockAggregatorV3
/// @notice A settable Chainlink-style feed for tests and the local demo.
contract MockAggregatorV3 is IAggregatorV3 {
    uint8 public immutable decimals;
    string public description;
    uint80 private _roundId;
    int256 private _answer;
    uint256 private _updatedAt;

    /// @param decimals_ Decimals of the answers.
    /// @param description_ What the feed prices.
    constructor(uint8 decimals_, string memory description_) {
        decimals = decimals_;
        description = description_;
    }

    /// @notice Publishes `answer` as of `updatedAt` as a new round.
    function setAnswer(int256 answer, uint256 updatedAt) external {
        ++_roundId;
        _answer = answer;
        _updatedAt = updatedAt;
    }

    /// @inheritdoc IAggregatorV3
    function version() external pure returns (uint256) {
        return 4;
    }

    /// @inheritdoc IAggregatorV3
    function getRoundData(uint80 roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        return (roundId, _answer, _updatedAt, _updatedAt, roundId);
    }

    /// @inheritdoc IAggregatorV3
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (_roundId, _answer, _updatedAt, _updatedAt, _roundId);
    }
}
