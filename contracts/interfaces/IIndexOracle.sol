// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IIndexOracle
/// @notice Feeds compute-price indexes (for example `H100-SXM-USD-HR`, quote units per GPU-hour)
///         from signed publisher observations or from an external Chainlink-style feed, and keeps
///         a price × seconds accumulator so the time-weighted average over any past window still
///         held in the index's ring is computed in O(log n).
/// @dev Each round is a fixing: every publisher signs (indexId, timestamp, price) with EIP-712 for
///      the same `timestamp`, and the round's price is the median of the signed prices. Replay is
///      impossible because round timestamps must strictly increase per index, the domain binds the
///      chain id and this contract, and the signed struct binds the index id.
interface IIndexOracle {
    /* ---------------------------------------------------------------- */
    /*                              Structs                             */
    /* ---------------------------------------------------------------- */

    /// @notice Guards and quorum of one index.
    /// @param quorum Minimum number of distinct publisher signatures in a round.
    /// @param maxMoveBps Largest move of a round's price against the previous one, in basis
    ///        points, accepted without the guardian's confirmation. 0 disables the guard.
    /// @param maxAge Age after which the index is stale, in seconds (of business time when
    ///        `businessDaysOnly`).
    /// @param maxSubmissionDelay How far before the block's timestamp a round's timestamp may be.
    /// @param businessDaysOnly Whether Saturdays and Sundays (UTC) do not count toward the age,
    ///        for an index published once a business day.
    struct IndexParams {
        uint8 quorum;
        uint16 maxMoveBps;
        uint32 maxAge;
        uint32 maxSubmissionDelay;
        bool businessDaysOnly;
    }

    /// @notice What an index prices and how.
    /// @param description What is priced, e.g. "NVIDIA H100 SXM, on-demand, global, USD per GPU-hour".
    /// @param methodologyURI Where the index methodology is published.
    /// @param methodologyHash keccak256 of the methodology document.
    /// @param decimals Decimals of the index price (normally those of the collateral token).
    struct IndexMetadata {
        string description;
        string methodologyURI;
        bytes32 methodologyHash;
        uint8 decimals;
    }

    /// @notice One publisher's signed price for a round, as an EIP-2098 compact signature.
    struct SignedObservation {
        uint64 price;
        bytes32 r;
        bytes32 vs;
    }

    /// @notice A round as read back.
    struct Round {
        uint32 roundId;
        uint32 timestamp;
        uint64 price;
        uint112 cumulative;
    }

    /// @notice The newest price of an index and its age rule: what its subscriber keeps
    ///         (`IIndexSubscriber`), and everything `latestPrice` checks.
    /// @param price The newest round's price (zero: no round yet).
    /// @param timestamp The newest round's timestamp.
    /// @param maxAge See `IndexParams.maxAge`.
    /// @param businessDaysOnly See `IndexParams.businessDaysOnly`.
    struct LatestIndex {
        uint64 price;
        uint32 timestamp;
        uint32 maxAge;
        bool businessDaysOnly;
    }

    /* ---------------------------------------------------------------- */
    /*                              Events                              */
    /* ---------------------------------------------------------------- */

    /// @notice An index was registered.
    event IndexRegistered(
        bytes32 indexed indexId,
        string description,
        string methodologyURI,
        bytes32 methodologyHash,
        uint8 decimals,
        IndexParams params,
        uint16 ringCardinality
    );

    /// @notice An index's guards or quorum changed.
    event IndexParamsSet(bytes32 indexed indexId, IndexParams params);

    /// @notice An index's methodology changed.
    event MethodologySet(bytes32 indexed indexId, string methodologyURI, bytes32 methodologyHash);

    /// @notice A publisher may now sign rounds of `indexId`.
    event PublisherAdded(bytes32 indexed indexId, address indexed publisher, uint8 publisherCount);

    /// @notice A publisher may no longer sign rounds of `indexId`.
    event PublisherRemoved(bytes32 indexed indexId, address indexed publisher, uint8 publisherCount);

    /// @notice The guardian paused or resumed submissions to an index.
    event IndexPauseSet(bytes32 indexed indexId, bool paused);

    /// @notice The ring of `indexId` will hold `cardinalityNext` rounds once it wraps.
    event RingGrown(bytes32 indexed indexId, uint16 cardinality, uint16 cardinalityNext);

    /// @notice `indexId` is fed from an external Chainlink-style `feed` (zero: from publishers).
    event ExternalFeedSet(bytes32 indexed indexId, address feed);

    /// @notice A round was recorded.
    /// @param signers The publishers whose observations made the round, ascending (empty when
    ///        pulled from an external feed).
    /// @param prices Their prices, in the same order.
    /// @param cumulative The accumulator (price × seconds, wrapping at 2^112) at `timestamp`.
    /// @param guardianConfirmed Whether the guardian confirmed a move beyond `maxMoveBps`.
    event RoundRecorded(
        bytes32 indexed indexId,
        uint32 indexed roundId,
        uint32 timestamp,
        uint64 price,
        uint112 cumulative,
        address[] signers,
        uint64[] prices,
        bool guardianConfirmed
    );

    /* ---------------------------------------------------------------- */
    /*                              Errors                              */
    /* ---------------------------------------------------------------- */

    /// @notice `indexId` was never registered.
    error UnknownIndex(bytes32 indexId);
    /// @notice Every index number (1..65535) is taken.
    error TooManyIndexes();
    /// @notice `indexId` is registered already.
    error IndexAlreadyRegistered(bytes32 indexId);
    /// @notice Parameters are out of range: quorum zero, or a guard that cannot hold.
    error InvalidIndexParams(uint8 quorum, uint32 maxAge, uint32 maxSubmissionDelay);
    /// @notice Decimals above 18.
    error InvalidDecimals(uint8 decimals);
    /// @notice Ring cardinality zero, or not larger than the current one.
    error InvalidCardinality(uint16 current, uint16 requested);
    /// @notice `publisher` is the zero address or already a publisher of the index.
    error InvalidPublisher(bytes32 indexId, address publisher);
    /// @notice An index cannot have more than 255 publishers.
    error TooManyPublishers(bytes32 indexId);
    /// @notice The guardian paused submissions to `indexId`.
    error IndexIsPaused(bytes32 indexId);
    /// @notice `indexId` is fed from an external feed: publishers cannot submit to it.
    error IndexFedExternally(bytes32 indexId, address feed);
    /// @notice `indexId` has no external feed to pull from.
    error NoExternalFeed(bytes32 indexId);
    /// @notice Fewer distinct publisher signatures than the quorum.
    error QuorumNotMet(bytes32 indexId, uint256 provided, uint8 quorum);
    /// @notice The signature at `position` does not recover to an address (malformed or malleable).
    error InvalidSignature(uint256 position);
    /// @notice `signer` is not a publisher of `indexId`.
    error NotPublisher(bytes32 indexId, address signer);
    /// @notice Signers must be strictly ascending by address; equal means a duplicate.
    error SignersNotAscending(address previous, address signer);
    /// @notice A price of zero.
    error ZeroPrice(uint256 position);
    /// @notice The round's timestamp is after the block's.
    error FutureTimestamp(uint32 timestamp, uint256 blockTimestamp);
    /// @notice The round's timestamp is older than `maxSubmissionDelay` allows.
    error StaleTimestamp(uint32 timestamp, uint256 oldestAllowed);
    /// @notice Round timestamps of an index must strictly increase.
    error TimestampNotIncreasing(uint32 timestamp, uint32 lastTimestamp);
    /// @notice The price moved beyond `maxMoveBps` and needs the guardian's confirmation.
    error MoveTooLarge(uint64 lastPrice, uint64 price, uint16 maxMoveBps);
    /// @notice The external feed answered a non-positive or oversized price.
    error InvalidFeedAnswer(int256 answer);
    /// @notice The index has no round yet.
    error NoRounds(bytes32 indexId);
    /// @notice The index's last round is older than its `maxAge` allows.
    error StaleIndex(bytes32 indexId, uint32 lastTimestamp, uint256 age, uint32 maxAge);
    /// @notice Averaging windows need `start < end`.
    error InvalidWindow(uint256 start, uint256 end);
    /// @notice `time` is after the block's timestamp: the future has no price yet.
    error TimeInFuture(uint256 time, uint256 blockTimestamp);
    /// @notice `time` is before the oldest round still held in the ring.
    error BeforeOldestRound(bytes32 indexId, uint256 time, uint32 oldestTimestamp);
    /// @notice Round `roundId` is not (or no longer) held in the ring.
    error RoundNotFound(bytes32 indexId, uint256 roundId);

    /* ---------------------------------------------------------------- */
    /*                          Administration                          */
    /* ---------------------------------------------------------------- */

    /// @notice Registers an index with its metadata, guards and a ring of `ringCardinality`
    ///         rounds (pre-filled, so later writes pay no new-slot cost). Index admin only.
    /// @dev Warning: the ring must hold every round of the longest averaging window a market
    ///      will read, or `averagePrice` reverts with `BeforeOldestRound`; grow it with `growRing`.
    function registerIndex(
        bytes32 indexId,
        IndexMetadata calldata metadata,
        IndexParams calldata params,
        uint16 ringCardinality
    ) external;

    /// @notice Sets the quorum and guards of an index. Index admin only.
    function setIndexParams(bytes32 indexId, IndexParams calldata params) external;

    /// @notice Records a new methodology for an index. Index admin only.
    function setMethodology(bytes32 indexId, string calldata methodologyURI, bytes32 methodologyHash) external;

    /// @notice Allows `publisher` to sign rounds of `indexId`. Index admin only.
    function addPublisher(bytes32 indexId, address publisher) external;

    /// @notice Revokes `publisher` for `indexId`. Index admin only.
    function removePublisher(bytes32 indexId, address publisher) external;

    /// @notice Feeds `indexId` from an external Chainlink-style `feed` instead of publishers;
    ///         the zero address returns it to publishers. Index admin only.
    function setExternalFeed(bytes32 indexId, address feed) external;

    /// @notice Pauses or resumes submissions to an index. Guardian only.
    function setPaused(bytes32 indexId, bool paused) external;

    /// @notice Grows the ring of `indexId` to `cardinalityNext` rounds, pre-filling the new slots
    ///         at the caller's expense. The ring starts using them once it wraps. Anyone may call.
    function growRing(bytes32 indexId, uint16 cardinalityNext) external;

    /* ---------------------------------------------------------------- */
    /*                            Submission                            */
    /* ---------------------------------------------------------------- */

    /// @notice Records a round: the median of publishers' signed prices for `timestamp`.
    /// @param observations At least `quorum` observations, their signers strictly ascending.
    /// @return roundId The id of the new round.
    function submit(
        bytes32 indexId,
        uint32 timestamp,
        SignedObservation[] calldata observations
    ) external returns (uint32 roundId);

    /// @notice As `submit`, but accepts a move beyond `maxMoveBps`. Guardian only.
    function submitConfirmed(
        bytes32 indexId,
        uint32 timestamp,
        SignedObservation[] calldata observations
    ) external returns (uint32 roundId);

    /// @notice Records the external feed's latest answer as a round of `indexId`. Anyone may call.
    function pullFromFeed(bytes32 indexId) external returns (uint32 roundId);

    /// @notice As `pullFromFeed`, but accepts a move beyond `maxMoveBps`. Guardian only.
    function pullFromFeedConfirmed(bytes32 indexId) external returns (uint32 roundId);

    /* ---------------------------------------------------------------- */
    /*                               Reads                              */
    /* ---------------------------------------------------------------- */

    /// @notice EIP-712 digest a publisher signs for `price` of `indexId` at `timestamp`.
    function observationDigest(bytes32 indexId, uint32 timestamp, uint64 price) external view returns (bytes32);

    /// @notice The newest round of `indexId` (zeroes when it has none).
    function latestRound(bytes32 indexId) external view returns (Round memory);

    /// @notice The newest price of `indexId`, reverting when the index has no round or is stale.
    function latestPrice(bytes32 indexId) external view returns (uint64 price, uint32 timestamp);

    /// @notice `indexId`'s number: 1, 2, … in registration order, never reused. Reverts with
    ///         `UnknownIndex` for an index not registered.
    function indexNumber(bytes32 indexId) external view returns (uint16);

    /// @notice `latestPrice` of the index numbered `number` (`indexNumber`).
    function latestPriceOf(uint256 number) external view returns (uint64 price, uint32 timestamp);

    /// @notice The newest price and age rule of the index numbered `number`, unchecked (no revert
    ///         when stale or without rounds; zeroes for a number not given): what a subscriber
    ///         copies when it starts to rely on its copy.
    function latestIndex(uint256 number) external view returns (LatestIndex memory);

    /// @notice The contract told of every change to an index's newest price or age rule
    ///         (`IIndexSubscriber.onLatestIndex`), in the transaction that makes it; zero: none.
    /// @dev Fixed at deployment: a subscriber that could be replaced would, once replaced, stop
    ///      hearing of rounds and price from an older one. Immutable rather than stored, so a
    ///      round does not pay a storage read to find it.
    function subscriber() external view returns (address);

    /// @notice Whether `indexId`'s last round is older than its `maxAge` (true with no round).
    function isStale(bytes32 indexId) external view returns (bool);

    /// @notice Round `roundId` of `indexId`, while the ring still holds it.
    function getRound(bytes32 indexId, uint32 roundId) external view returns (Round memory);

    /// @notice The accumulator (price × seconds since the first round, wrapping at 2^112) at
    ///         `time`, for `time` between the oldest round held and `block.timestamp`. After the
    ///         last round the last price is carried forward.
    function cumulativeAt(bytes32 indexId, uint256 time) external view returns (uint112);

    /// @notice The time-weighted average price of `indexId` over [`start`, `end`], rounded down.
    /// @dev O(log n) in the ring's size. The price in force before a round is the previous round's.
    function averagePrice(bytes32 indexId, uint256 start, uint256 end) external view returns (uint256);

    /// @notice An index's guards and quorum.
    function indexParams(bytes32 indexId) external view returns (IndexParams memory);

    /// @notice An index's metadata.
    function indexMetadata(bytes32 indexId) external view returns (IndexMetadata memory);

    /// @notice Whether `account` may sign rounds of `indexId`.
    function isPublisher(bytes32 indexId, address account) external view returns (bool);

    /// @notice The ring's size now (`cardinality`) and once it next wraps (`cardinalityNext`).
    function ringSizes(bytes32 indexId) external view returns (uint16 cardinality, uint16 cardinalityNext);

    /// @notice The external feed of `indexId` (zero when fed by publishers).
    function externalFeed(bytes32 indexId) external view returns (address);

    /// @notice Chainlink-style newest round of `indexId`.
    function latestRoundData(
        bytes32 indexId
    )
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    /// @notice Chainlink-style round `roundId` of `indexId`.
    function getRoundData(
        bytes32 indexId,
        uint80 roundId
    )
        external
        view
        returns (uint80 roundId_, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}
