/** Helpers shared by the trading actions (not exported by the package). */
import type { Account, Address, Chain, Client, Hash, TransactionReceipt, Transport } from "viem";
import { getChainId, simulateContract, waitForTransactionReceipt, writeContract } from "viem/actions";
import { getAction, parseAccount } from "viem/utils";
import { AccountRequiredError } from "../../errors/account.js";
import { decodeContractError } from "../../errors/decodeContractError.js";
import { WrongChainError } from "../../errors/deployment.js";
import { InvalidOrderError } from "../../errors/order.js";
import { TransactionRevertedError } from "../../errors/transaction.js";

/** The account an action sends from: its parameter, else the client's. */
export function requireAccount(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  account: Account | Address | undefined,
  action: string,
): Account {
  const a = account ?? client.account;
  if (!a) throw new AccountRequiredError({ action });
  return parseAccount(a);
}

/** Throws `WrongChainError` when the connected chain is not `chainId` (skipped when undefined). */
export async function assertChain(client: Client<Transport, Chain | undefined>, chainId: number | undefined) {
  if (chainId === undefined) return;
  const actual = client.chain?.id ?? (await getAction(client, getChainId, "getChainId")({}));
  if (actual !== chainId) throw new WrongChainError({ expected: chainId, actual });
}

/** A whole, positive amount as a bigint (numbers must be safe integers; strings decimal integers). */
export function toWhole(field: string, value: bigint | number | string, { allowZero = false } = {}): bigint {
  let v: bigint;
  if (typeof value === "bigint") v = value;
  else if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) {
      throw new InvalidOrderError({ field, value, reason: "it must be a whole number (in the smallest unit)." });
    }
    v = BigInt(value);
  } else {
    if (!/^\d+$/.test(value.trim())) {
      throw new InvalidOrderError({ field, value, reason: "it must be a whole number (in the smallest unit)." });
    }
    v = BigInt(value.trim());
  }
  if (v < 0n || (!allowZero && v === 0n)) {
    throw new InvalidOrderError({ field, value, reason: "it must be more than zero." });
  }
  return v;
}

/** Simulates a call (a refused one throws the typed error and costs no gas), then sends it. */
export async function simulateAndWrite<result>(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  // biome-ignore lint/suspicious/noExplicitAny: viem's simulateContract parameters, generic over the ABI
  parameters: any,
): Promise<{ hash: Hash; result: result }> {
  try {
    const { request, result } = await getAction(client, simulateContract, "simulateContract")(parameters);
    // biome-ignore lint/suspicious/noExplicitAny: the simulation's request, sent as is
    const hash = await getAction(client, writeContract, "writeContract")(request as any);
    return { hash, result: result as result };
  } catch (error) {
    throw decodeContractError(error);
  }
}

/** Waits for a transaction; a reverted one throws `TransactionRevertedError` (with the typed reason when it can be replayed). */
export async function waitForSuccess(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  hash: Hash,
): Promise<TransactionReceipt> {
  const receipt = await getAction(client, waitForTransactionReceipt, "waitForTransactionReceipt")({ hash });
  if (receipt.status !== "success") throw new TransactionRevertedError({ hash, blockNumber: receipt.blockNumber });
  return receipt;
}
