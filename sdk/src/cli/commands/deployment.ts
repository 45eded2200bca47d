/** `computus deployment …`: the deployment record against the chain. */
import { size } from "viem";
import { formatIndexId } from "../../oracle/indexId.js";
import { fields, table } from "../output.js";
import type { Command, CommandGroup } from "../types.js";

const verify: Command = {
  name: "verify",
  summary: "check the RPC's chain and that every recorded contract has code",
  async run({ cli }) {
    const client = await cli.client();
    await client.verifyDeployment({ checkCode: true });
    const deployment = client.computusDeployment;
    const contracts = await Promise.all(
      Object.entries(deployment.contracts).map(async ([name, contract]) => {
        const code = contract ? await client.getCode({ address: contract.address }) : undefined;
        return { name, address: contract?.address, startBlock: contract?.startBlock, codeSize: code ? size(code) : 0 };
      }),
    );
    const indexes = await client.getRegisteredIndexes();
    const json = {
      ok: true,
      chainId: deployment.chainId,
      rpc: cli.globals.rpc,
      collateral: deployment.collateral,
      contracts,
      indexes: indexes.map((index) => formatIndexId(index.indexId)),
    };
    const text = [
      fields([
        ["Chain", String(deployment.chainId)],
        ["RPC", cli.globals.rpc],
        [
          "Collateral",
          `${deployment.collateral.symbol} (${deployment.collateral.decimals} decimals) ${deployment.collateral.address}`,
        ],
        ["Indexes", json.indexes.join(", ") || "none"],
      ]),
      "",
      table(
        ["CONTRACT", "ADDRESS", "START BLOCK", "CODE"],
        contracts.map((c) => [c.name, c.address ?? "-", String(c.startBlock ?? "-"), `${c.codeSize} bytes`]),
      ),
      "",
      "OK: the deployment matches the chain.",
    ].join("\n");
    return { json, text };
  },
};

export const deploymentCommands: CommandGroup = {
  name: "deployment",
  summary: "the deployment record (deployments/<chainId>.json) against the chain",
  commands: [verify],
};
