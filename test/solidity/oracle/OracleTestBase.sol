// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {IndexOracle} from "../../../contracts/oracle/IndexOracle.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {Deploy} from "../utils/Deploy.sol";

/// @notice An oracle with one registered index and five publishers, and helpers that sign rounds.
abstract contract OracleTestBase is BaseTest {
    bytes32 internal constant INDEX = "H100-SXM-USD-HR";
    bytes32 internal constant OTHER_INDEX = "B200-USD-HR";
    uint64 internal constant PRICE = 2_134_500;
    uint16 internal constant MAX_MOVE_BPS = 2_000;
    uint32 internal constant MAX_AGE = 2 hours;
    uint32 internal constant MAX_DELAY = 1 hours;
    uint16 internal constant RING = 32;
    /// @dev 2026-11-23 00:00 UTC, a Monday.
    uint256 internal constant START = 1_795_392_000;

    address internal guardian = address(0xA11CE);
    IndexOracle internal oracle;
    /// @dev Publisher keys, ordered so their addresses ascend.
    uint256[] internal publisherKeys;

    function setUp() public virtual {
        vm.warp(START);
        oracle = IndexOracle(Deploy.indexOracle(address(this), guardian, _oracleSubscriber()));
        _register(INDEX, 3, RING);
        _register(OTHER_INDEX, 3, RING);
        uint256[5] memory keys = [uint256(0xA1), 0xB2, 0xC3, 0xD4, 0xE5];
        for (uint256 i; i < keys.length; ++i) _insertSorted(keys[i]);
        for (uint256 i; i < publisherKeys.length; ++i) {
            oracle.addPublisher(INDEX, vm.addr(publisherKeys[i]));
            oracle.addPublisher(OTHER_INDEX, vm.addr(publisherKeys[i]));
        }
    }

    /// @dev The oracle's subscriber, computed before the oracle's creation (none by default).
    function _oracleSubscriber() internal view virtual returns (address) {
        return address(0);
    }

    function _register(bytes32 indexId, uint8 quorum, uint16 ring) internal {
        oracle.registerIndex(
            indexId,
            IIndexOracle.IndexMetadata(
                "NVIDIA H100 SXM on-demand, USD per GPU-hour",
                "ipfs://method",
                keccak256("m"),
                6
            ),
            IIndexOracle.IndexParams(quorum, MAX_MOVE_BPS, MAX_AGE, MAX_DELAY, false),
            ring
        );
    }

    function _insertSorted(uint256 key) private {
        publisherKeys.push(key);
        for (uint256 i = publisherKeys.length - 1; i > 0; --i) {
            if (vm.addr(publisherKeys[i - 1]) < vm.addr(publisherKeys[i])) break;
            (publisherKeys[i - 1], publisherKeys[i]) = (publisherKeys[i], publisherKeys[i - 1]);
        }
    }

    function _sign(
        uint256 key,
        bytes32 indexId,
        uint32 timestamp,
        uint64 price
    ) internal view returns (IIndexOracle.SignedObservation memory) {
        (bytes32 r, bytes32 vs) = vm.signCompact(key, oracle.observationDigest(indexId, timestamp, price));
        return IIndexOracle.SignedObservation(price, r, vs);
    }

    /// @dev Observations of the first `prices.length` publishers (ascending), one price each.
    function _round(
        bytes32 indexId,
        uint32 timestamp,
        uint64[] memory prices
    ) internal view returns (IIndexOracle.SignedObservation[] memory observations) {
        observations = new IIndexOracle.SignedObservation[](prices.length);
        for (uint256 i; i < prices.length; ++i)
            observations[i] = _sign(publisherKeys[i], indexId, timestamp, prices[i]);
    }

    /// @dev Three publishers all signing `price` at the current block time.
    function _uniformRound(uint64 price) internal view returns (IIndexOracle.SignedObservation[] memory) {
        return _round(INDEX, uint32(vm.getBlockTimestamp()), _prices(price, price, price));
    }

    function _submitAt(uint256 time, uint64 price) internal returns (uint32) {
        vm.warp(time);
        return oracle.submit(INDEX, uint32(time), _uniformRound(price));
    }

    function _prices(uint64 a, uint64 b, uint64 c) internal pure returns (uint64[] memory prices) {
        prices = new uint64[](3);
        (prices[0], prices[1], prices[2]) = (a, b, c);
    }
}
