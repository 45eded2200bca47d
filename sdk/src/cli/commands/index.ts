/**
 * Every command of `computus`, in help order. A new command is one file in this folder and one
 * line here: a top-level `Command` (`markets`, `order` …) or a `CommandGroup` (`oracle`, `keeper`).
 */
import type { CommandEntry } from "../types.js";
import { book } from "./book.js";
import { cancel } from "./cancel.js";
import { deploymentCommands } from "./deployment.js";
import { deposit } from "./deposit.js";
import { keeperCommands } from "./keeper.js";
import { markets } from "./markets.js";
import { oracleCommands } from "./oracle.js";
import { order } from "./order.js";
import { positions } from "./positions.js";
import { withdraw } from "./withdraw.js";

export const commands: readonly CommandEntry[] = [
  markets,
  book,
  order,
  cancel,
  deposit,
  withdraw,
  positions,
  keeperCommands,
  oracleCommands,
  deploymentCommands,
];
