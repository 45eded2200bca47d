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
  // Under `npm run -w sdk` the script runs in sdk/: resolve paths from where the user ran npm.
  cwd: process.env.INIT_CWD ?? process.cwd(),
});
