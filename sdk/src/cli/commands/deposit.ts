/** `computus deposit <amount>`: approve (when short) and deposit collateral. */
import { type Address, isAddress } from "viem";
import { getContractAddress } from "../../deployment/deployment.js";
import { TransactionRevertedError } from "../../errors/transaction.js";
import { clearingHouseAbi } from "../../generated/abis.js";
import { UsageError } from "../errors.js";
import { fields } from "../output.js";
import { parseDecimal } from "../parse.js";
import type { Command } from "../types.js";
import { formatPrice, quote, single, traderWallet } from "./shared.js";

/** `--to`: an address, checked before any RPC call. */
export function parseTo(value: string | undefined, path: string): Address | undefined {
  if (value === undefined) return undefined;
  if (!isAddress(value)) throw new UsageError(`--to "${value}" is not an address`, path);
  return value;
}

export const deposit: Command = {
  name: "deposit",
  summary: "deposit collateral into the clearing house (approving the exact amount first if needed)",
  args: [{ name: "amount", description: "in the collateral's units (250.5 USDC)" }],
  options: { to: { type: "string", value: "<address>", description: "credit another account (default yours)" } },
  examples: ["computus deposit 1000", "computus deposit 250.5 --json"],
  async run({ args, options, cli, path }) {
    if (args[0] === undefined) throw new UsageError("missing <amount>", path);
    const to = parseTo(single(options.to), path);
    const { decimals, symbol } = await quote(cli);
    const amount = parseDecimal(args[0], decimals, "<amount>", path);
    const wallet = await traderWallet(cli);
    const { hash, approveHash } = await wallet.deposit({ amount, to });
    const receipt = await wallet.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new TransactionRevertedError({ hash, blockNumber: receipt.blockNumber });
    const account = to ?? wallet.account.address;
    const collateral = await collateralOf(wallet, account);
    return {
      json: {
        account,
        amount,
        amountFormatted: formatPrice(amount, decimals),
        collateral,
        hash,
        approveHash,
        blockNumber: receipt.blockNumber,
      },
      text: fields([
        ["Deposited", `${formatPrice(amount, decimals)} ${symbol} to ${account}`],
        ["Collateral", `${formatPrice(collateral, decimals)} ${symbol}`],
        ["Transaction", `${hash} (block ${receipt.blockNumber})${approveHash ? `, approval ${approveHash}` : ""}`],
      ]),
    };
  },
};

/** The account's collateral in the clearing house. */
export function collateralOf(wallet: Awaited<ReturnType<typeof traderWallet>>, account: Address): Promise<bigint> {
  return wallet.readContract({
    address: getContractAddress(wallet.computusDeployment, "ClearingHouse"),
    abi: clearingHouseAbi,
    functionName: "collateralOf",
    args: [account],
  });
}
