// electron-builder's afterPack hook: flips Electron's fuses in the packaged binary, before it is
// signed. Each fuse closes a way to run code in the app other than its own asar:
// no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect; the app only from its asar, whose
// integrity is checked (macOS and Windows); file:// without the extra privileges it had once.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** @param {string} platform electron-builder's electronPlatformName */
export function fuseConfig(platform) {
  return {
    version: FuseVersion.V1,
    // Fail the build when an Electron upgrade adds a fuse nobody decided on.
    strictlyRequireAllFuses: true,
    // Flipping fuses breaks an ad-hoc signature (Apple silicon); signing follows this hook.
    resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    [FuseV1Options.WasmTrapHandlers]: true,
  };
}

/** @param {import('app-builder-lib').AfterPackContext} context */
export default async function afterPack(context) {
  // The packager knows where each platform puts the binary (.app, .exe, or the bare name).
  await context.packager.addElectronFuses(context, fuseConfig(context.electronPlatformName));
}
