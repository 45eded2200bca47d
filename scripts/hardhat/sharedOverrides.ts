/**
 * Hardhat plugin: overrides with equal compiler settings share one compilation job.
 *
 * Hardhat merges the compilation jobs of root files whose compiler configs are the same object,
 * comparing by reference, and resolves every entry of `solidity.overrides` to a new object. So
 * forty test files overridden with the same settings would make forty jobs, each compiling again
 * every file it imports. This plugin makes equal overrides one object again after resolution.
 */
import type { HardhatPlugin } from "hardhat/types/plugins";

const sharedOverridesPlugin: HardhatPlugin = {
  id: "computus-shared-overrides",
  hookHandlers: {
    config: async () => ({
      default: async () => ({
        resolveUserConfig: async (userConfig, resolveConfigurationVariable, next) => {
          const resolved = await next(userConfig, resolveConfigurationVariable);
          for (const profile of Object.values(resolved.solidity.profiles)) {
            const byKey = new Map<string, (typeof profile.overrides)[string]>();
            for (const [file, compiler] of Object.entries(profile.overrides)) {
              const key = JSON.stringify(compiler);
              const first = byKey.get(key);
              if (first === undefined) byKey.set(key, compiler);
              else profile.overrides[file] = first;
            }
          }
          return resolved;
        },
      }),
    }),
  },
};

export default sharedOverridesPlugin;
