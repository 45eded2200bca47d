/**
 * The contracts whose ABIs the SDK exports, in `sdk/src/generated/abis.ts`. Adding a contract is
 * one line: its name as Hardhat knows it (or its fully qualified name, `path/File.sol:Name`, when
 * two contracts share a name) and the export to generate. Then run `npm run generate:abis -w sdk`.
 */
export type AbiSource = {
  /** Contract name, or fully qualified name `contracts/…/File.sol:Name`. */
  readonly contract: string;
  /** Name of the generated `as const` export. */
  readonly exportName: string;
};

export const abiSources: readonly AbiSource[] = [
  // The implementation, not the interface: its ABI adds the access-control errors and role reads.
  { contract: "IndexOracle", exportName: "indexOracleAbi" },
  // The interface: the clearing house's address answers the core's functions and, through its
  // fallback, the extension's and the reader's (order books included); IClearingHouse is that
  // whole ABI.
  { contract: "IClearingHouse", exportName: "clearingHouseAbi" },
  // The order books live in the clearing house: this is the book part of its ABI, at its address.
  { contract: "IOrderBook", exportName: "orderBookAbi" },
  { contract: "CapacityToken", exportName: "capacityTokenAbi" },
];
