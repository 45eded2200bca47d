// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {IAggregatorV3} from "../interfaces/IAggregatorV3.sol";
import {IIndexOracle} from "../interfaces/IIndexOracle.sol";
import {IIndexSubscriber} from "../interfaces/IIndexSubscriber.sol";
import {CalendarLib} from "../libraries/CalendarLib.sol";
import {MedianLib} from "../libraries/MedianLib.sol";
import {RoundRingLib} from "../libraries/RoundRingLib.sol";
import {IndexRound, IndexRoundLib} from "../types/IndexRound.sol";

/// @title IndexOracle
/// @notice Compute-price indexes fed by quorums of EIP-712-signing publishers (or by an external
///         Chainlink-style feed), with guards, a price × seconds accumulator and a ring of rounds.
contract IndexOracle is IIndexOracle, AccessControl, EIP712 {
    using RoundRingLib for IndexRound[65535];

    /// @notice Registers indexes, sets their guards, publishers and feeds.
    bytes32 public constant INDEX_ADMIN_ROLE = keccak256("INDEX_ADMIN_ROLE");
    /// @notice Pauses indexes and confirms moves beyond an index's `maxMoveBps`.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// @notice EIP-712 type of what a publisher signs.
    bytes32 public constant OBSERVATION_TYPEHASH = keccak256(
        "Observation(bytes32 indexId,uint32 timestamp,uint64 price)"
    );

    uint256 private constant BPS = 10_000;

    /// @inheritdoc IIndexOracle
    address public immutable subscriber;

    /// @dev Everything `submit` reads about an index but its publishers, the age rule it pushes
    ///      to the subscriber included: one storage slot. A registered index has
    ///      `cardinality > 0` and a `number` (1, 2, …).
    struct IndexConfig {
        bool paused;
        bool externallyFed;
        uint8 quorum;
        uint8 publisherCount;
        uint8 decimals;
        uint16 maxMoveBps;
        uint32 maxSubmissionDelay;
        uint16 cardinality;
        uint16 cardinalityNext;
        uint16 number;
        uint32 maxAge;
        bool businessDaysOnly;
    }

    /// @dev An external Chainlink-style feed and its decimals, read once when it is set.
    struct ExternalFeed {
        address feed;
        uint8 decimals;
    }

    /// @dev Strings read only by views, kept apart from the hot configuration slot.
    struct IndexDescription {
        string description;
        string methodologyURI;
        bytes32 methodologyHash;
    }

    /// @notice How many indexes are registered (the last index number given).
    uint16 public indexCount;
    mapping(bytes32 indexId => IndexConfig) private _configs;
    mapping(uint256 number => bytes32 indexId) private _indexIds;
    /// @dev The newest round, with its ring slot in the top 16 bits.
    mapping(bytes32 indexId => IndexRound) private _latest;
    mapping(bytes32 indexId => IndexRound[65535]) private _rings;
    mapping(bytes32 indexId => mapping(address account => bool)) private _publishers;
    mapping(bytes32 indexId => ExternalFeed) private _feeds;
    mapping(bytes32 indexId => IndexDescription) private _descriptions;

    /// @param admin Receives the default admin and index admin roles.
    /// @param guardian Receives the guardian role.
    /// @param subscriber_ The clearing house told of every round (see `subscriber`), zero for none.
    ///        Deployed after the oracle (it takes the oracle's address), so its address is known
    ///        in advance: the deployment computes it from the deployer's nonce and checks it.
    constructor(address admin, address guardian, address subscriber_) EIP712("Computus Index Oracle", "1") {
        subscriber = subscriber_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(INDEX_ADMIN_ROLE, admin);
        _grantRole(GUARDIAN_ROLE, guardian);
    }

    /* ---------------------------------------------------------------- */
    /*                          Administration                          */
    /* ---------------------------------------------------------------- */

    /// @inheritdoc IIndexOracle
    function registerIndex(
        bytes32 indexId,
        IndexMetadata calldata metadata,
        IndexParams calldata params,
        uint16 ringCardinality
    ) external onlyRole(INDEX_ADMIN_ROLE) {
        if (_configs[indexId].cardinality != 0) revert IndexAlreadyRegistered(indexId);
        if (metadata.decimals > 18) revert InvalidDecimals(metadata.decimals);
        if (ringCardinality == 0) revert InvalidCardinality(0, 0);
        _validate(params);
        if (indexCount == type(uint16).max) revert TooManyIndexes();
        uint16 number = ++indexCount;
        _indexIds[number] = indexId;

        _configs[indexId] = IndexConfig({
            paused: false,
            externallyFed: false,
            quorum: params.quorum,
            publisherCount: 0,
            decimals: metadata.decimals,
            maxMoveBps: params.maxMoveBps,
            maxSubmissionDelay: params.maxSubmissionDelay,
            cardinality: ringCardinality,
            cardinalityNext: ringCardinality,
            number: number,
            maxAge: params.maxAge,
            businessDaysOnly: params.businessDaysOnly
        });
        _descriptions[indexId] = IndexDescription(
            metadata.description,
            metadata.methodologyURI,
            metadata.methodologyHash
        );
        _rings[indexId].prefill(0, ringCardinality);

        emit IndexRegistered(
            indexId,
            metadata.description,
            metadata.methodologyURI,
            metadata.methodologyHash,
            metadata.decimals,
            params,
            ringCardinality
        );
    }

    /// @inheritdoc IIndexOracle
    function setIndexParams(bytes32 indexId, IndexParams calldata params) external onlyRole(INDEX_ADMIN_ROLE) {
        IndexConfig storage config = _registered(indexId);
        _validate(params);
        config.quorum = params.quorum;
        config.maxMoveBps = params.maxMoveBps;
        config.maxSubmissionDelay = params.maxSubmissionDelay;
        config.maxAge = params.maxAge;
        config.businessDaysOnly = params.businessDaysOnly;
        IndexRound latest = _latest[indexId];
        _push(config.number, latest.price(), latest.timestamp(), params.maxAge, params.businessDaysOnly);
        emit IndexParamsSet(indexId, params);
    }

    /// @inheritdoc IIndexOracle
    function setMethodology(
        bytes32 indexId,
        string calldata methodologyURI,
        bytes32 methodologyHash
    ) external onlyRole(INDEX_ADMIN_ROLE) {
        _registered(indexId);
        IndexDescription storage description = _descriptions[indexId];
        description.methodologyURI = methodologyURI;
        description.methodologyHash = methodologyHash;
        emit MethodologySet(indexId, methodologyURI, methodologyHash);
    }

    /// @inheritdoc IIndexOracle
    function addPublisher(bytes32 indexId, address publisher) external onlyRole(INDEX_ADMIN_ROLE) {
        IndexConfig storage config = _registered(indexId);
        if (publisher == address(0) || _publishers[indexId][publisher]) revert InvalidPublisher(indexId, publisher);
        if (config.publisherCount == type(uint8).max) revert TooManyPublishers(indexId);
        _publishers[indexId][publisher] = true;
        uint8 count = ++config.publisherCount;
        emit PublisherAdded(indexId, publisher, count);
    }

    /// @inheritdoc IIndexOracle
    function removePublisher(bytes32 indexId, address publisher) external onlyRole(INDEX_ADMIN_ROLE) {
        IndexConfig storage config = _registered(indexId);
        if (!_publishers[indexId][publisher]) revert InvalidPublisher(indexId, publisher);
        _publishers[indexId][publisher] = false;
        uint8 count = --config.publisherCount;
        emit PublisherRemoved(indexId, publisher, count);
    }

    /// @inheritdoc IIndexOracle
    function setExternalFeed(bytes32 indexId, address feed) external onlyRole(INDEX_ADMIN_ROLE) {
        IndexConfig storage config = _registered(indexId);
        if (feed == address(0)) {
            delete _feeds[indexId];
            config.externallyFed = false;
        } else {
            uint8 feedDecimals = IAggregatorV3(feed).decimals();
            if (feedDecimals > 36) revert InvalidDecimals(feedDecimals);
            _feeds[indexId] = ExternalFeed(feed, feedDecimals);
            config.externallyFed = true;
        }
        emit ExternalFeedSet(indexId, feed);
    }

    /// @inheritdoc IIndexOracle
    function setPaused(bytes32 indexId, bool paused) external onlyRole(GUARDIAN_ROLE) {
        _registered(indexId).paused = paused;
        emit IndexPauseSet(indexId, paused);
    }

    /// @inheritdoc IIndexOracle
    function growRing(bytes32 indexId, uint16 cardinalityNext) external {
        IndexConfig storage config = _registered(indexId);
        uint16 current = config.cardinalityNext;
        if (cardinalityNext <= current) revert InvalidCardinality(current, cardinalityNext);
        _rings[indexId].prefill(current, cardinalityNext);
        config.cardinalityNext = cardinalityNext;
        emit RingGrown(indexId, config.cardinality, cardinalityNext);
    }

    /* ---------------------------------------------------------------- */
    /*                            Submission                            */
    /* ---------------------------------------------------------------- */

    /// @inheritdoc IIndexOracle
    function submit(
        bytes32 indexId,
        uint32 timestamp,
        SignedObservation[] calldata observations
    ) external returns (uint32) {
        return _submit(indexId, timestamp, observations, false);
    }

    /// @inheritdoc IIndexOracle
    function submitConfirmed(
        bytes32 indexId,
        uint32 timestamp,
        SignedObservation[] calldata observations
    ) external onlyRole(GUARDIAN_ROLE) returns (uint32) {
        return _submit(indexId, timestamp, observations, true);
    }

    /// @inheritdoc IIndexOracle
    function pullFromFeed(bytes32 indexId) external returns (uint32) {
        return _pull(indexId, false);
    }

    /// @inheritdoc IIndexOracle
    function pullFromFeedConfirmed(bytes32 indexId) external onlyRole(GUARDIAN_ROLE) returns (uint32) {
        return _pull(indexId, true);
    }

    /// @dev Verifies every observation (valid signature, publisher, ascending signer, non-zero
    ///      price), then records their median.
    function _submit(
        bytes32 indexId,
        uint32 timestamp,
        SignedObservation[] calldata observations,
        bool confirmed
    ) private returns (uint32) {
        IndexConfig memory config = _configs[indexId];
        if (config.cardinality == 0) revert UnknownIndex(indexId);
        if (config.externallyFed) revert IndexFedExternally(indexId, _feeds[indexId].feed);
        uint256 count = observations.length;
        if (count < config.quorum) revert QuorumNotMet(indexId, count, config.quorum);

        (address[] memory signers, uint64[] memory prices) = _verifyObservations(indexId, timestamp, observations);
        uint256[] memory sorted = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            sorted[i] = prices[i];
        }
        // The median of uint64 prices fits in uint64.
        uint64 median = uint64(MedianLib.medianDown(sorted));
        return _record(indexId, config, timestamp, median, confirmed, signers, prices);
    }

    /// @dev Checks every observation (valid signature, publisher, signers strictly ascending,
    ///      non-zero price) and returns the signers and their prices in order.
    function _verifyObservations(
        bytes32 indexId,
        uint32 timestamp,
        SignedObservation[] calldata observations
    ) private view returns (address[] memory signers, uint64[] memory prices) {
        uint256 count = observations.length;
        signers = new address[](count);
        prices = new uint64[](count);
        mapping(address => bool) storage publishers = _publishers[indexId];
        address previous;
        for (uint256 i; i < count; ++i) {
            address signer = _verifiedSigner(indexId, timestamp, observations[i], i);
            // Strictly ascending signers rule out duplicates in one comparison each.
            if (signer <= previous) revert SignersNotAscending(previous, signer);
            if (!publishers[signer]) revert NotPublisher(indexId, signer);
            previous = signer;
            signers[i] = signer;
            prices[i] = observations[i].price;
        }
    }

    /// @dev The signer of `observation` (the one at `position`), reverting on a zero price or a
    ///      signature that does not recover (malformed, or malleable high-s).
    function _verifiedSigner(
        bytes32 indexId,
        uint32 timestamp,
        SignedObservation calldata observation,
        uint256 position
    ) private view returns (address signer) {
        uint64 price = observation.price;
        if (price == 0) revert ZeroPrice(position);
        bytes32 digest = _observationDigest(indexId, timestamp, price);
        ECDSA.RecoverError failure;
        (signer, failure, ) = ECDSA.tryRecover(digest, observation.r, observation.vs);
        if (failure != ECDSA.RecoverError.NoError) revert InvalidSignature(position);
    }

    /// @dev Reads the external feed's newest answer, scales it to the index's decimals (rounding
    ///      down) and records it.
    function _pull(bytes32 indexId, bool confirmed) private returns (uint32) {
        IndexConfig memory config = _configs[indexId];
        if (config.cardinality == 0) revert UnknownIndex(indexId);
        if (!config.externallyFed) revert NoExternalFeed(indexId);
        ExternalFeed memory external_ = _feeds[indexId];
        (, int256 answer, , uint256 updatedAt, ) = IAggregatorV3(external_.feed).latestRoundData();
        if (answer <= 0) revert InvalidFeedAnswer(answer);
        uint256 scaled = (uint256(answer) * 10 ** config.decimals) / 10 ** external_.decimals;
        if (scaled == 0 || scaled > type(uint64).max) revert InvalidFeedAnswer(answer);
        if (updatedAt > type(uint32).max) revert FutureTimestamp(type(uint32).max, block.timestamp);
        return
            _record(indexId, config, uint32(updatedAt), uint64(scaled), confirmed, new address[](0), new uint64[](0));
    }

    /// @dev Applies the guards, advances the accumulator and writes the round to the ring.
    function _record(
        bytes32 indexId,
        IndexConfig memory config,
        uint32 timestamp,
        uint64 price,
        bool confirmed,
        address[] memory signers,
        uint64[] memory prices
    ) private returns (uint32 roundId) {
        if (config.paused) revert IndexIsPaused(indexId);
        if (timestamp > block.timestamp) revert FutureTimestamp(timestamp, block.timestamp);
        // Cannot underflow: timestamp <= block.timestamp was just checked.
        unchecked {
            if (block.timestamp - timestamp > config.maxSubmissionDelay) {
                revert StaleTimestamp(timestamp, block.timestamp - config.maxSubmissionDelay);
            }
        }

        IndexRound latest = _latest[indexId];
        uint112 cumulative;
        uint16 ringIndex;
        if (latest.exists()) {
            if (timestamp <= latest.timestamp()) revert TimestampNotIncreasing(timestamp, latest.timestamp());
            if (!confirmed && config.maxMoveBps != 0) _checkMove(latest.price(), price, config.maxMoveBps);
            cumulative = latest.cumulativeAt(timestamp);
            roundId = latest.roundId() + 1;
            // Cannot overflow: ringIndex < cardinality <= 65535.
            unchecked {
                ringIndex = latest.ringIndex() + 1;
            }
            if (ringIndex >= config.cardinality) {
                // At the ring's end: wrap, unless `growRing` made room, which takes effect now.
                if (config.cardinalityNext > config.cardinality) {
                    _configs[indexId].cardinality = config.cardinalityNext;
                } else {
                    ringIndex = 0;
                }
            }
        } else {
            roundId = 1;
        }

        IndexRound round = IndexRoundLib.pack(timestamp, price, cumulative, roundId, 0);
        _rings[indexId][ringIndex] = round;
        _latest[indexId] = IndexRoundLib.pack(timestamp, price, cumulative, roundId, ringIndex);
        _push(config.number, price, timestamp, config.maxAge, config.businessDaysOnly);

        emit RoundRecorded(indexId, roundId, timestamp, price, cumulative, signers, prices, confirmed);
    }

    /// @dev Tells the subscriber, if any, of index `number`'s newest price and age rule.
    function _push(uint256 number, uint64 price, uint32 timestamp, uint32 maxAge, bool businessDaysOnly) private {
        address target = subscriber;
        if (target == address(0)) return;
        IIndexSubscriber(target).onLatestIndex(number, LatestIndex(price, timestamp, maxAge, businessDaysOnly));
    }

    function _checkMove(uint64 lastPrice, uint64 price, uint16 maxMoveBps) private pure {
        uint256 move = price > lastPrice ? price - lastPrice : lastPrice - price;
        if (move * BPS > uint256(lastPrice) * maxMoveBps) revert MoveTooLarge(lastPrice, price, maxMoveBps);
    }

    /* ---------------------------------------------------------------- */
    /*                               Reads                              */
    /* ---------------------------------------------------------------- */

    /// @inheritdoc IIndexOracle
    function observationDigest(bytes32 indexId, uint32 timestamp, uint64 price) external view returns (bytes32) {
        return _observationDigest(indexId, timestamp, price);
    }

    /// @inheritdoc IIndexOracle
    function latestRound(bytes32 indexId) external view returns (Round memory) {
        return _toRound(_latest[indexId]);
    }

    /// @inheritdoc IIndexOracle
    function latestPrice(bytes32 indexId) external view returns (uint64 price, uint32 timestamp) {
        return _latestPrice(indexId);
    }

    /// @inheritdoc IIndexOracle
    function latestPriceOf(uint256 number) external view returns (uint64 price, uint32 timestamp) {
        return _latestPrice(_indexIds[number]);
    }

    /// @inheritdoc IIndexOracle
    function latestIndex(uint256 number) external view returns (LatestIndex memory) {
        bytes32 indexId = _indexIds[number];
        IndexConfig storage config = _configs[indexId];
        IndexRound latest = _latest[indexId];
        return LatestIndex(latest.price(), latest.timestamp(), config.maxAge, config.businessDaysOnly);
    }

    /// @inheritdoc IIndexOracle
    function indexNumber(bytes32 indexId) external view returns (uint16) {
        return _registered(indexId).number;
    }

    /// @inheritdoc IIndexOracle
    function isStale(bytes32 indexId) external view returns (bool) {
        IndexRound latest = _latest[indexId];
        if (!latest.exists()) return true;
        IndexConfig storage config = _configs[indexId];
        return CalendarLib.ageAt(latest.timestamp(), block.timestamp, config.businessDaysOnly) > config.maxAge;
    }

    /// @inheritdoc IIndexOracle
    function getRound(bytes32 indexId, uint32 roundId) public view returns (Round memory) {
        IndexRound latest = _latest[indexId];
        uint32 newestId = latest.roundId();
        uint256 cardinality = _configs[indexId].cardinality;
        if (roundId == 0 || roundId > newestId || newestId - roundId >= cardinality) {
            revert RoundNotFound(indexId, roundId);
        }
        uint256 slot = (uint256(latest.ringIndex()) + cardinality - (newestId - roundId)) % cardinality;
        IndexRound round = _rings[indexId][slot];
        // Rounds are consecutive in the ring; a mismatch means the slot was overwritten.
        if (round.roundId() != roundId) revert RoundNotFound(indexId, roundId);
        return _toRound(round);
    }

    /// @inheritdoc IIndexOracle
    function cumulativeAt(bytes32 indexId, uint256 time) external view returns (uint112) {
        if (time > block.timestamp) revert TimeInFuture(time, block.timestamp);
        return _cumulativeAt(indexId, time);
    }

    /// @inheritdoc IIndexOracle
    function averagePrice(bytes32 indexId, uint256 start, uint256 end) external view returns (uint256) {
        if (start >= end) revert InvalidWindow(start, end);
        if (end > block.timestamp) revert TimeInFuture(end, block.timestamp);
        uint112 atEnd = _cumulativeAt(indexId, end);
        uint112 atStart = _cumulativeAt(indexId, start);
        // Wrapping subtraction: exact while the window's true sum is below 2^112 (see IndexRound).
        unchecked {
            return uint256(atEnd - atStart) / (end - start);
        }
    }

    /// @inheritdoc IIndexOracle
    function indexParams(bytes32 indexId) external view returns (IndexParams memory) {
        IndexConfig storage config = _registered(indexId);
        return
            IndexParams({
                quorum: config.quorum,
                maxMoveBps: config.maxMoveBps,
                maxAge: config.maxAge,
                maxSubmissionDelay: config.maxSubmissionDelay,
                businessDaysOnly: config.businessDaysOnly
            });
    }

    /// @inheritdoc IIndexOracle
    function indexMetadata(bytes32 indexId) external view returns (IndexMetadata memory) {
        IndexConfig storage config = _registered(indexId);
        IndexDescription storage description = _descriptions[indexId];
        return
            IndexMetadata({
                description: description.description,
                methodologyURI: description.methodologyURI,
                methodologyHash: description.methodologyHash,
                decimals: config.decimals
            });
    }

    /// @inheritdoc IIndexOracle
    function isPublisher(bytes32 indexId, address account) external view returns (bool) {
        return _publishers[indexId][account];
    }

    /// @inheritdoc IIndexOracle
    function ringSizes(bytes32 indexId) external view returns (uint16 cardinality, uint16 cardinalityNext) {
        IndexConfig storage config = _registered(indexId);
        return (config.cardinality, config.cardinalityNext);
    }

    /// @inheritdoc IIndexOracle
    function externalFeed(bytes32 indexId) external view returns (address) {
        return _feeds[indexId].feed;
    }

    /// @inheritdoc IIndexOracle
    function latestRoundData(bytes32 indexId) external view returns (uint80, int256, uint256, uint256, uint80) {
        IndexRound latest = _latest[indexId];
        if (!latest.exists()) revert NoRounds(indexId);
        return _toRoundData(_toRound(latest));
    }

    /// @inheritdoc IIndexOracle
    function getRoundData(
        bytes32 indexId,
        uint80 roundId
    ) external view returns (uint80, int256, uint256, uint256, uint80) {
        if (roundId > type(uint32).max) revert RoundNotFound(indexId, roundId);
        return _toRoundData(getRound(indexId, uint32(roundId)));
    }

    /* ---------------------------------------------------------------- */
    /*                             Internals                            */
    /* ---------------------------------------------------------------- */

    function _observationDigest(bytes32 indexId, uint32 timestamp, uint64 price) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(OBSERVATION_TYPEHASH, indexId, timestamp, price)));
    }

    function _registered(bytes32 indexId) private view returns (IndexConfig storage config) {
        config = _configs[indexId];
        if (config.cardinality == 0) revert UnknownIndex(indexId);
    }

    function _validate(IndexParams calldata params) private pure {
        if (params.quorum == 0 || params.maxAge == 0 || params.maxSubmissionDelay == 0) {
            revert InvalidIndexParams(params.quorum, params.maxAge, params.maxSubmissionDelay);
        }
    }

    /// @dev The newest price of index `number`, reverting when it has none or it is stale. The
    ///      errors name the index: `indexId` when the caller has it, else read (on reverts only).
    function _latestPrice(bytes32 indexId) private view returns (uint64 price, uint32 timestamp) {
        IndexRound latest = _latest[indexId];
        if (!latest.exists()) revert NoRounds(indexId);
        price = latest.price();
        timestamp = latest.timestamp();
        IndexConfig storage config = _configs[indexId];
        uint256 age = CalendarLib.ageAt(timestamp, block.timestamp, config.businessDaysOnly);
        if (age > config.maxAge) revert StaleIndex(indexId, timestamp, age, config.maxAge);
    }

    /// @dev The accumulator at `time` <= block.timestamp, from the ring.
    function _cumulativeAt(bytes32 indexId, uint256 time) private view returns (uint112) {
        IndexRound latest = _latest[indexId];
        if (!latest.exists()) revert NoRounds(indexId);
        if (time >= latest.timestamp()) return latest.cumulativeAt(time);

        IndexRound[65535] storage ring = _rings[indexId];
        uint16 cardinality = _configs[indexId].cardinality;
        (IndexRound oldestRound, uint256 oldestIndex, uint256 count) = ring.oldest(latest.ringIndex(), cardinality);
        if (time < oldestRound.timestamp()) revert BeforeOldestRound(indexId, time, oldestRound.timestamp());
        return ring.latestAtOrBefore(oldestIndex, count, cardinality, time).cumulativeAt(time);
    }

    function _toRound(IndexRound round) private pure returns (Round memory) {
        return
            Round({
                roundId: round.roundId(),
                timestamp: round.timestamp(),
                price: round.price(),
                cumulative: round.cumulative()
            });
    }

    function _toRoundData(Round memory round) private pure returns (uint80, int256, uint256, uint256, uint80) {
        return (round.roundId, int256(uint256(round.price)), round.timestamp, round.timestamp, round.roundId);
    }
}
