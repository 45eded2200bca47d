// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CapacityIdLib} from "../../../contracts/types/CapacityId.sol";
import {BaseTest} from "../utils/BaseTest.sol";

contract CapacityIdTest is BaseTest {
    /// @dev A known vector, so the SDK and indexer can check their encoding against it.
    function test_toId_knownVector() public pure {
        uint256 id = CapacityIdLib.toId(address(0xB0B), "H100-SXM-USD-HR", 1_796_000_400, 1_798_592_400);
        assertEq(
            id,
            uint256(
                keccak256(
                    abi.encode(address(0xB0B), bytes32("H100-SXM-USD-HR"), uint32(1_796_000_400), uint32(1_798_592_400))
                )
            )
        );
    }

    function testFuzz_toId_isKeccakOfTheAbiEncodedTerms(
        address provider,
        bytes32 indexId,
        uint32 start,
        uint32 end
    ) public pure {
        assertEq(
            CapacityIdLib.toId(provider, indexId, start, end),
            uint256(keccak256(abi.encode(provider, indexId, start, end)))
        );
    }

    /// @dev Dirty upper bits in the arguments' stack words must not change the id.
    function testFuzz_toId_ignoresDirtyBits(
        uint256 providerWord,
        bytes32 indexId,
        uint256 startWord,
        uint256 endWord
    ) public pure {
        address provider;
        uint32 start;
        uint32 end;
        assembly {
            provider := providerWord
            start := startWord
            end := endWord
        }
        assertEq(
            CapacityIdLib.toId(provider, indexId, start, end),
            uint256(keccak256(abi.encode(address(uint160(providerWord)), indexId, uint32(startWord), uint32(endWord))))
        );
    }

    function testFuzz_toId_differsWhenATermDiffers(
        address provider,
        bytes32 indexId,
        uint32 start,
        uint32 end,
        uint8 which
    ) public pure {
        uint256 id = CapacityIdLib.toId(provider, indexId, start, end);
        which %= 4;
        if (which == 0) provider = address(uint160(provider) ^ 1);
        else if (which == 1) indexId ^= bytes32(uint256(1));
        else if (which == 2) start ^= 1;
        else end ^= 1;
        assertTrue(CapacityIdLib.toId(provider, indexId, start, end) != id);
    }
}
