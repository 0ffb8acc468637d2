import type { FuseV1Config } from '@electron/fuses';

/** The fuses the packaged app ships with, for electron-builder's platform name. */
export function fuseConfig(platform: string): FuseV1Config & { strictlyRequireAllFuses: true };
export default function afterPack(context: { electronPlatformName: string; packager: unknown }): Promise<void>;
