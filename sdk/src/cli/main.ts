#!/usr/bin/env tsx
/**
 * The `computus` command. Run it as `npx computus …` (workspace bin), `npm run computus -- …`
 * (root script) or `npx tsx sdk/src/cli/main.ts …`.
 */
import { runCli } from "./run.js";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  cwd: workingDirectory(),
});

/**
 * `npm run computus -w sdk` runs the script in sdk/: paths given by the user are relative to where
 * they ran npm (INIT_CWD). Anywhere else, the process's own directory.
 */
function workingDirectory(): string {
  const { INIT_CWD, npm_lifecycle_event, npm_package_name } = process.env;
  const ownScript = npm_lifecycle_event === "computus" && npm_package_name === "@computus/sdk";
  return ownScript && INIT_CWD ? INIT_CWD : process.cwd();
}
