/** Helpers the commands share: resolving an index, formatting prices and times. */
import { formatUnits, type Hex } from "viem";
import { formatIndexId } from "../../oracle/indexId.js";
import { formatDuration, formatTimestamp } from "../../utils/format.js";
import type { CliContext } from "../context.js";
import { CliError, UsageError } from "../errors.js";

/** An index on the deployment's oracle: its parameters and metadata (reverts with `UnknownIndexError` if unregistered). */
export async function readIndex(cli: CliContext, indexId: Hex) {
  const client = await cli.client();
  const [params, metadata] = await Promise.all([
    client.getIndexParams({ indexId }),
    client.getIndexMetadata({ indexId }),
  ]);
  return { client, indexId, name: formatIndexId(indexId), params, metadata };
}

export function formatPrice(price: bigint, decimals: number): string {
  return formatUnits(price, decimals);
}

export function formatTime(seconds: number | bigint): string {
  return formatTimestamp(seconds);
}

export function formatAge(seconds: bigint): string {
  return formatDuration(seconds);
}

/** Checks a price's syntax before any RPC call (its decimals are checked once the index is read). */
export function checkPriceSyntax(value: string, command: string): void {
  if (!/^\d+(\.\d+)?$/.test(value)) {
    throw new UsageError(`--price "${value}" is not a decimal number such as 2.1345`, command);
  }
}

/** An option's values as a list (a `multiple` option, or one value, or none). */
export function list(value: string | boolean | string[] | undefined): string[] {
  if (value === undefined || typeof value === "boolean") return [];
  return Array.isArray(value) ? value : [value];
}

/** An option's single string value. */
export function single(value: string | boolean | string[] | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The collateral's decimals and symbol: the unit of amounts and of prices (quote per GPU-hour). */
export async function quote(cli: CliContext) {
  const { collateral } = await cli.deployment();
  return { decimals: collateral.decimals, symbol: collateral.symbol };
}

/** A signed amount in human units (`-12.5`). */
export function formatSigned(value: bigint, decimals: number): string {
  return formatUnits(value, decimals);
}

/** The wallet of the first key (trading commands act as one account). */
export async function traderWallet(cli: CliContext) {
  const [account] = cli.accounts();
  if (account === undefined) throw new CliError("no key: set COMPUTUS_PRIVATE_KEY");
  return cli.wallet(account);
}
