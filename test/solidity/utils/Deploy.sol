// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {ClearingHouseStorage} from "../../../contracts/clearinghouse/ClearingHouseStorage.sol";
import {IClearingHouse} from "../../../contracts/interfaces/IClearingHouse.sol";
import {IIndexOracle} from "../../../contracts/interfaces/IIndexOracle.sol";
import {Vm} from "./Vm.sol";

/// @notice Deploys the protocol's contracts from their compiled artifacts (`vm.getCode`).
/// @dev Why not `new`: under via-IR every test contract that says `new ClearingHouse(...)` embeds,
///      and has solc optimise again, the clearing house's whole creation code. With a dozen test
///      contracts inheriting a fixture that made the build of the tests take ten minutes; from
///      artifacts each contract is compiled once. Deployment is still a CREATE from the calling
///      test contract.
library Deploy {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @dev CREATE of an artifact's creation code with ABI-encoded constructor arguments (Hardhat's
    ///      EDR has `getCode`, not `deployCode`).
    function _create(string memory artifact, bytes memory constructorArgs) private returns (address deployed) {
        bytes memory initCode = bytes.concat(vm.getCode(artifact), constructorArgs);
        assembly ("memory-safe") {
            deployed := create(0, add(initCode, 0x20), mload(initCode))
        }
        require(deployed != address(0), artifact);
    }

    /// @notice The clearing house: its reader, its extension, then its core (three creations, in
    ///         that order, all on the same constructor arguments); the core is the address users
    ///         call, order books included.
    function clearingHouse(
        IERC20Metadata collateral,
        IIndexOracle oracle,
        address owner,
        address marketAdmin,
        address guardian,
        ClearingHouseStorage.RiskParams memory risk
    ) internal returns (IClearingHouse) {
        bytes memory args = abi.encode(collateral, oracle, owner, marketAdmin, guardian, risk);
        address reader = _create("contracts/clearinghouse/ClearingHouseReader.sol:ClearingHouseReader", args);
        address extension = _create(
            "contracts/clearinghouse/ClearingHouseExtension.sol:ClearingHouseExtension",
            bytes.concat(args, abi.encode(reader))
        );
        return
            IClearingHouse(
                _create(
                    "contracts/clearinghouse/ClearingHouse.sol:ClearingHouse",
                    bytes.concat(args, abi.encode(extension))
                )
            );
    }

    /// @notice An index oracle administered by `admin`, pushing its rounds to `subscriber` (zero:
    ///         none).
    function indexOracle(address admin, address guardian, address subscriber) internal returns (address) {
        return _create("contracts/oracle/IndexOracle.sol:IndexOracle", abi.encode(admin, guardian, subscriber));
    }

    /// @notice The address the caller's CREATE will get `ahead` creations from now (0: the next):
    ///         the oracle's subscriber is deployed after it, so its address is computed first.
    function futureAddress(uint256 ahead) internal view returns (address) {
        uint256 nonce = vm.getNonce(address(this)) + ahead;
        require(nonce > 0 && nonce < 0x10000, "Deploy: nonce out of range");
        bytes memory rlp =
            nonce < 0x80
                ? abi.encodePacked(bytes1(0xd6), bytes1(0x94), address(this), uint8(nonce))
                : nonce < 0x100
                    ? abi.encodePacked(bytes1(0xd7), bytes1(0x94), address(this), bytes1(0x81), uint8(nonce))
                    : abi.encodePacked(bytes1(0xd8), bytes1(0x94), address(this), bytes1(0x82), uint16(nonce));
        return address(uint160(uint256(keccak256(rlp))));
    }

    /// @notice A capacity token bonded in `collateral`, priced by `oracle`.
    function capacityToken(
        string memory uri,
        IERC20 collateral,
        IIndexOracle oracle,
        uint32 deliveryGrace,
        address admin
    ) internal returns (address) {
        return
            _create(
                "contracts/capacity/CapacityToken.sol:CapacityToken",
                abi.encode(uri, collateral, oracle, deliveryGrace, admin)
            );
    }
}
