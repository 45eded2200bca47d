/** `computus withdraw <amount>`: withdraw free collateral. */
import { TransactionRevertedError } from "../../errors/transaction.js";
import { UsageError } from "../errors.js";
import { fields } from "../output.js";
import { parseDecimal } from "../parse.js";
import type { Command } from "../types.js";
import { collateralOf, parseTo } from "./deposit.js";
import { formatPrice, quote, single, traderWallet } from "./shared.js";

export const withdraw: Command = {
  name: "withdraw",
  summary: "withdraw collateral (at most the free margin: equity above initial margin)",
  args: [{ name: "amount", description: "in the collateral's units (100.25 USDC)" }],
  options: { to: { type: "string", value: "<address>", description: "send the tokens elsewhere (default yours)" } },
  description: "Simulated first: more than the free margin fails with the margin needed, and no gas spent.",
  examples: ["computus withdraw 100", "computus withdraw 100.25 --to 0xAbC… --json"],
  async run({ args, options, cli, path }) {
    if (args[0] === undefined) throw new UsageError("missing <amount>", path);
    const to = parseTo(single(options.to), path);
    const { decimals, symbol } = await quote(cli);
    const amount = parseDecimal(args[0], decimals, "<amount>", path);
    const wallet = await traderWallet(cli);
    const { hash } = await wallet.withdraw({ amount, to });
    const receipt = await wallet.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new TransactionRevertedError({ hash, blockNumber: receipt.blockNumber });
    const collateral = await collateralOf(wallet, wallet.account.address);
    const recipient = to ?? wallet.account.address;
    return {
      json: {
        account: wallet.account.address,
        to: recipient,
        amount,
        amountFormatted: formatPrice(amount, decimals),
        collateral,
        hash,
        blockNumber: receipt.blockNumber,
      },
      text: fields([
        ["Withdrew", `${formatPrice(amount, decimals)} ${symbol} to ${recipient}`],
        ["Collateral", `${formatPrice(collateral, decimals)} ${symbol} left`],
        ["Transaction", `${hash} (block ${receipt.blockNumber})`],
      ]),
    };
  },
};
