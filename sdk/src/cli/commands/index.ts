/**
 * Every command of `computus`, in help order. A new command is one file in this folder and one
 * line here. Next, with the clearing house: `markets`, `book <market>`, `order`, `cancel`,
 * `deposit`, `withdraw`, `positions` (top-level commands: a `Command`) and `keeper run` (a group).
 */
import type { CommandEntry } from "../types.js";
import { deploymentCommands } from "./deployment.js";
import { oracleCommands } from "./oracle.js";

export const commands: readonly CommandEntry[] = [oracleCommands, deploymentCommands];
