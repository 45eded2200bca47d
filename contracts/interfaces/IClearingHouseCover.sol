// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IClearingHouseBase} from "./IClearingHouseBase.sol";

/// @title IClearingHouseCover
/// @notice Covered shorts: a GPU owner posts capacity tokens (ERC-1155 GPU-hours,
///         {ICapacityToken}) for one market; the part of its short in that market that the
///         posted hours cover needs the market's lower covered margins. Implemented by
///         `ClearingHouseExtension` (reached through the core's fallback). See
///         docs/clearing-house.md, "Covered shorts".
/// @dev Rules, in one place:
///      - Units are posted per market (`postCapacityCollateral(marketId, …)`): the token's index
///        must be the market's and its window must still have hours inside the market's window.
///        One token id per (account, market); several posts add up.
///      - Covered hours `ch = units × |[max(start, windowStart, now), min(end, windowEnd)]| /
///        (end − start)` (rounded down). For a short of |s| the covered part is `min(|s|, ch)`,
///        margined at the cover IM/MM; the rest at the market's. Longs are never covered.
///      - Cover is not equity: it only lowers requirements. It cannot be withdrawn as
///        collateral, and withdrawing units re-checks initial margin.
///      - A liquidation of a covered position first sells all its posted units to the
///        liquidator at `remaining hours × index × (1 − haircut)`, paid from the liquidator's
///        collateral into the account's (no token leaves or enters the clearing house's
///        collateral balance).
interface IClearingHouseCover is IClearingHouseBase, IERC1155Receiver {
    /// @notice Registers the capacity token whose units may be posted. Owner only, once.
    function setCapacityToken(address token) external;

    /// @notice Sets the covered-short parameters of `marketId`. Market admin only.
    /// @dev Bounds (`InvalidCoverParams`): haircut < 10,000; 0 < mmBps < imBps; imBps ≤ the
    ///      market's IM; mmBps ≤ the market's MM.
    function setCoverParams(uint256 marketId, uint16 haircutBps, uint16 imBps, uint16 mmBps) external;

    /// @notice Moves `units` of capacity `tokenId` from the caller into the clearing house as
    ///         cover for the caller's short in `marketId`. The caller must have approved the
    ///         clearing house on the token (`setApprovalForAll`).
    function postCapacityCollateral(uint256 marketId, uint256 tokenId, uint256 units) external;

    /// @notice Returns `units` of capacity `tokenId` posted for `marketId` to the caller, if the
    ///         account still meets its initial margin without them.
    function withdrawCapacityCollateral(uint256 marketId, uint256 tokenId, uint256 units) external;
}
