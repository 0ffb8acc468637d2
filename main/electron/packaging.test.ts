import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../testing/fixtures';
import { OPEN_FILE_EXTENSIONS } from './openFiles';

// electron-builder.yml as electron-builder itself reads and validates it, and the fuses the
// afterPack hook flips. (Packaging needs the Electron download, so these are its checks here.)

async function builderConfig() {
  const config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('packaging', () => {
  it('is a valid electron-builder config with the essentials', async () => {
    const config = await builderConfig();
    expect(config.appId).toBe('org.interviewrecorder.app');
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/ffmpeg-static/**']));
    expect(config.npmRebuild).toBe(false);
    expect(config.afterPack).toBe('./scripts/afterPack.mjs');
    expect(existsSync(join(ROOT, 'scripts/afterPack.mjs'))).toBe(true);

    const associations = [config.fileAssociations ?? []].flat();
    expect(associations.map((a) => `.${String(a.ext)}`).sort()).toEqual([...OPEN_FILE_EXTENSIONS].sort());
    for (const a of associations) expect(existsSync(join(ROOT, 'resources', String(a.icon))), String(a.icon)).toBe(true);

    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toBe('nsis');
    expect(config.mac?.target).toBe('dmg');
    const info = config.mac?.extendInfo as Record<string, string>;
    expect(info.NSCameraUsageDescription).toMatch(/camera/);
    expect(info.NSMicrophoneUsageDescription).toMatch(/microphone/);
    expect(config.mac?.hardenedRuntime).toBe(true);
    const entitlements = readFileSync(join(ROOT, String(config.mac?.entitlements)), 'utf8');
    for (const key of ['com.apple.security.device.camera', 'com.apple.security.device.audio-input', 'com.apple.security.cs.allow-jit']) {
      expect(entitlements).toContain(`<key>${key}</key>`);
    }
    // What the shell loads at run time is in the package.
    expect(config.extraResources).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'migrations', to: 'migrations' })]));
  });

  it('has icons of the sizes the installers need', () => {
    for (const size of [512, 256]) {
      const file = join(ROOT, 'resources', 'icons', `${size}x${size}.png`);
      const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', file]).toString()) as {
        streams: { width: number; height: number; codec_name: string }[];
      };
      expect(probe.streams[0]).toMatchObject({ codec_name: 'png', width: size, height: size });
    }
  });

  it('flips the fuses: no Node entry points, the app only from its checked asar', async () => {
    const { fuseConfig } = await import('../../scripts/afterPack.mjs');
    const linux = fuseConfig('linux') as unknown as Record<string | number, unknown>;
    expect(linux).toMatchObject({
      version: FuseVersion.V1,
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
    // strictlyRequireAllFuses: every fuse this Electron knows is decided.
    const known = Object.values(FuseV1Options).filter((v) => typeof v === 'number');
    for (const fuse of known) expect(typeof linux[fuse], `fuse ${fuse}`).toBe('boolean');
    expect(fuseConfig('darwin').resetAdHocDarwinSignature).toBe(true);
    expect(linux.resetAdHocDarwinSignature).toBe(false);
  });

  it('documents npm run dist', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('npm run dist');
    expect(readme).toMatch(/internet/i);
  });
});
