// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IClearingHouseBase} from "./IClearingHouseBase.sol";
import {IIndexOracle} from "./IIndexOracle.sol";
import {Position} from "../types/Position.sol";

/// @title IClearingHouseReads
/// @notice Reading accounts, markets and covers, implemented by `ClearingHouseReader` and reached
///         through the fallbacks of `ClearingHouse` and `ClearingHouseExtension`. For off-chain
///         reads and integrators; the clearing house's own operations read storage directly.
interface IClearingHouseReads is IClearingHouseBase {
    /// @notice The collateral token.
    function collateralToken() external view returns (address);

    /// @notice An account's collateral.
    function collateralOf(address account) external view returns (int256);

    /// @notice An account's position in a market.
    function positionOf(
        address account,
        uint256 marketId
    ) external view returns (int256 size, int256 openNotional, uint256 bidSize, uint256 askSize);

    /// @notice The raw packed position (see `types/Position.sol`).
    function rawPosition(address account, uint256 marketId) external view returns (Position);

    /// @notice An account's equity and margins now.
    function health(address account) external view returns (Health memory);

    /// @notice A market's index and stored state.
    function market(
        uint256 marketId
    )
        external
        view
        returns (
            bytes32 indexId,
            MarketConfig memory config,
            MarketRisk memory risk,
            MarketTrading memory trading,
            MarketTail memory tail
        );

    /// @notice A market's state by the clock and settlement stage.
    function marketState(uint256 marketId) external view returns (State);

    /// @notice A market's mark price now.
    function markPrice(uint256 marketId) external view returns (uint256);

    /// @notice The clearing house's copy of the index numbered `indexNumber`, which every order
    ///         prices from: pushed by the oracle with every round and age-rule change, so equal to
    ///         the oracle's `latestIndex(indexNumber)` at all times (zeroes before the first).
    function indexCopy(uint256 indexNumber) external view returns (IIndexOracle.LatestIndex memory);

    /// @notice Markets `account` is in (positions or resting orders).
    function marketsOf(address account) external view returns (uint256[] memory ids);

    /// @notice Protocol fees accrued and the insurance fund.
    function pools() external view returns (uint256 fees, uint256 insurance, uint256 deficit);

    /// @notice The registered capacity token (zero until set).
    function capacityToken() external view returns (address);

    /// @notice The covered-short parameters of `marketId`.
    function coverParams(uint256 marketId) external view returns (CoverParams memory);

    /// @notice What `account` posted for `marketId`.
    /// @return tokenId The capacity id (0 when nothing is posted).
    /// @return units Units posted.
    /// @return coveredHours GPU-hours of them still to come inside the market's window.
    /// @return value What a liquidation would sell them for now (remaining hours × index ×
    ///         (1 − haircut)).
    function coverOf(
        address account,
        uint256 marketId
    ) external view returns (uint256 tokenId, uint256 units, uint256 coveredHours, uint256 value);
}
