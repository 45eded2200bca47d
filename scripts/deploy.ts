/**
 * Deploys Computus to the network Hardhat is pointed at and writes deployments/<chainId>.json:
 *   npx hardhat run scripts/deploy.ts --network localhost
 * Publishers come from COMPUTUS_PUBLISHERS (comma-separated addresses).
 */
import { network } from "hardhat";
import { type Address, isAddress } from "viem";
import { writeDeployment } from "../sdk/src/node.js";
import { deployComputus } from "./deploy/deployComputus.js";

const publishers = (process.env.COMPUTUS_PUBLISHERS ?? "")
  .split(",")
  .map((value) => value.trim())
  .filter((value) => value.length > 0);
for (const publisher of publishers) {
  if (!isAddress(publisher)) throw new Error(`COMPUTUS_PUBLISHERS: "${publisher}" is not an address`);
}

const { viem } = await network.create();
const deployment = await deployComputus({ viem, publishers: publishers as Address[] });
const file = await writeDeployment(deployment);
console.log(`Deployed Computus on chain ${deployment.chainId}; record written to ${file}`);
for (const [name, contract] of Object.entries(deployment.contracts)) {
  console.log(`  ${name.padEnd(22)} ${contract?.address} (block ${contract?.startBlock})`);
}
