// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IIndexOracle} from "../interfaces/IIndexOracle.sol";
import {IIndexSubscriber} from "../interfaces/IIndexSubscriber.sol";

/// @title MockIndexOracle
/// @notice The part of {IIndexOracle} the clearing house reads, with settable answers: latest
///         price (reverting with `StaleIndex` when marked stale, `NoRounds` when unset), average
///         price over a window (or a revert), the latest round and the index's `maxSubmissionDelay`.
///         Pushes every change of an index's latest price to its subscriber as the oracle does:
///         a live index never ages (`maxAge` the largest), a stale one is long past its age.
contract MockIndexOracle {
    struct IndexState {
        uint64 price;
        uint32 timestamp;
        bool stale;
        bool averageReverts;
        uint256 average;
    }

    mapping(bytes32 indexId => IndexState) public indexes;
    /// @dev Ids by number, recorded by `setPrice` (numbers are derived from ids: `indexNumber`).
    mapping(uint256 number => bytes32 indexId) internal _ids;
    /// @notice See {IIndexOracle-subscriber}; settable here (`setSubscriber`).
    address public subscriber;
    mapping(bytes32 indexId => uint32) internal _maxSubmissionDelay;

    /// @notice Sets the contract told of every change (the real oracle fixes it at deployment).
    function setSubscriber(address subscriber_) external {
        subscriber = subscriber_;
    }

    /// @notice Sets the latest price of `indexId`, timestamped now.
    function setPrice(bytes32 indexId, uint64 price) external {
        IndexState storage s = indexes[indexId];
        s.price = price;
        s.timestamp = uint32(block.timestamp);
        _changed(indexId);
    }

    /// @notice See {IIndexOracle-latestIndex}.
    function latestIndex(uint256 number) public view returns (IIndexOracle.LatestIndex memory) {
        IndexState storage s = indexes[_ids[number]];
        // Stale: a round at time zero, past any age; live: an age rule nothing exceeds.
        if (s.stale) return IIndexOracle.LatestIndex(s.price, 0, 0, false);
        return IIndexOracle.LatestIndex(s.price, s.timestamp, type(uint32).max, false);
    }

    /// @dev Records `indexId` by its number and pushes its new state to the subscriber, if any.
    function _changed(bytes32 indexId) internal {
        uint256 number = indexNumber(indexId);
        _ids[number] = indexId;
        if (subscriber == address(0)) return;
        IIndexSubscriber(subscriber).onLatestIndex(number, latestIndex(number));
    }

    /// @notice See {IIndexOracle-indexNumber}: derived from the id (1..65535), so a market can be
    ///         listed on an index before its first price.
    function indexNumber(bytes32 indexId) public pure returns (uint16) {
        return uint16(uint256(keccak256(abi.encode(indexId))) % type(uint16).max) + 1;
    }

    /// @notice See {IIndexOracle-latestPriceOf}.
    function latestPriceOf(uint256 number) external view returns (uint64 price, uint32 timestamp) {
        return latestPrice(_ids[number]);
    }

    /// @notice Marks `indexId` stale (latestPrice reverts, isStale true) or live.
    function setStale(bytes32 indexId, bool stale) external {
        indexes[indexId].stale = stale;
        _changed(indexId);
    }

    /// @notice Sets what `averagePrice` answers for `indexId` (0: the latest price).
    function setAverage(bytes32 indexId, uint256 average) external {
        indexes[indexId].average = average;
    }

    /// @notice Makes `averagePrice` revert for `indexId` (an index the ring cannot answer).
    function setAverageReverts(bytes32 indexId, bool reverts) external {
        indexes[indexId].averageReverts = reverts;
    }

    /// @notice Sets the `maxSubmissionDelay` that `indexParams` answers for `indexId` (default 0).
    function setMaxSubmissionDelay(bytes32 indexId, uint32 delay) external {
        _maxSubmissionDelay[indexId] = delay;
    }

    /// @notice See {IIndexOracle-indexParams}; only `maxSubmissionDelay` is set.
    function indexParams(bytes32 indexId) external view returns (IIndexOracle.IndexParams memory p) {
        p.maxSubmissionDelay = _maxSubmissionDelay[indexId];
    }

    /// @notice See {IIndexOracle-latestPrice}.
    function latestPrice(bytes32 indexId) public view returns (uint64 price, uint32 timestamp) {
        IndexState storage s = indexes[indexId];
        if (s.price == 0) revert IIndexOracle.NoRounds(indexId);
        if (s.stale) revert IIndexOracle.StaleIndex(indexId, s.timestamp, block.timestamp - s.timestamp, 0);
        return (s.price, s.timestamp);
    }

    /// @notice See {IIndexOracle-isStale}.
    function isStale(bytes32 indexId) external view returns (bool) {
        IndexState storage s = indexes[indexId];
        return s.price == 0 || s.stale;
    }

    /// @notice See {IIndexOracle-averagePrice}.
    function averagePrice(bytes32 indexId, uint256 start, uint256 end) external view returns (uint256) {
        IndexState storage s = indexes[indexId];
        if (start >= end || end > block.timestamp) revert IIndexOracle.InvalidWindow(start, end);
        if (s.averageReverts) revert IIndexOracle.BeforeOldestRound(indexId, start, s.timestamp);
        return s.average != 0 ? s.average : s.price;
    }

    /// @notice See {IIndexOracle-latestRound}.
    function latestRound(bytes32 indexId) external view returns (IIndexOracle.Round memory r) {
        IndexState storage s = indexes[indexId];
        r.roundId = 1;
        r.timestamp = s.timestamp;
        r.price = s.price;
    }
}
