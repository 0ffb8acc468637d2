import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/fixtures';
import { locateFfmpeg } from './ffmpegLocator';
import { parseRange, resolveMediaPath, serveMedia } from './mediaFiles';

describe('media files', () => {
  function dataDir() {
    const dir = tempDir();
    mkdirSync(join(dir, 'recordings', 's1'), { recursive: true });
    writeFileSync(join(dir, 'recordings', 's1', 'r.webm'), '0123456789');
    writeFileSync(join(dir, 'interview-recorder.sqlite'), 'db');
    return dir;
  }

  it('parses single byte ranges', () => {
    expect(parseRange('bytes=0-3', 10)).toEqual({ start: 0, end: 3 });
    expect(parseRange('bytes=5-', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=-4', 10)).toEqual({ start: 6, end: 9 });
    expect(parseRange('bytes=8-100', 10)).toEqual({ start: 8, end: 9 });
    for (const bad of ['bytes=10-', 'bytes=5-2', 'bytes=-', 'bytes=0-1,3-4', 'items=0-1', '']) {
      expect(parseRange(bad, 10), bad).toBeNull();
    }
  });

  it('serves whole files and 206 partial content for seeking', async () => {
    const dir = dataDir();
    const whole = await serveMedia(dir, 'recordings/s1/r.webm', null);
    expect(whole.status).toBe(200);
    expect(whole.headers).toMatchObject({ 'Content-Type': 'video/webm', 'Content-Length': '10', 'Accept-Ranges': 'bytes' });
    expect(await text(whole.body!)).toBe('0123456789');
    const part = await serveMedia(dir, 'recordings/s1/r.webm', 'bytes=2-5');
    expect(part.status).toBe(206);
    expect(part.headers['Content-Range']).toBe('bytes 2-5/10');
    expect(await text(part.body!)).toBe('2345');
    expect((await serveMedia(dir, 'recordings/s1/r.webm', 'bytes=20-')).status).toBe(416);
  });

  it('refuses paths outside recordings/ and tricks to get there', async () => {
    const dir = dataDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.webm'), 'secret');
    symlinkSync(join(outside, 'secret.webm'), join(dir, 'recordings', 's1', 'link.webm'));
    for (const path of [
      'interview-recorder.sqlite',
      'recordings/../interview-recorder.sqlite',
      'recordings/%2e%2e/interview-recorder.sqlite',
      'recordings/s1/..%2F..%2Finterview-recorder.sqlite',
      '/etc/passwd',
      'recordings\\s1\\r.webm',
      'C:/recordings/s1/r.webm',
      'recordings/s1/link.webm',
      'recordings/s1/missing.webm',
      'recordings/s1/r.webm%00.txt',
      'recordings//s1/r.webm',
      '%E0%A4%A',
    ]) {
      expect(await resolveMediaPath(dir, path), path).toBeNull();
      expect((await serveMedia(dir, path, null)).status, path).toBe(404);
    }
    expect(await resolveMediaPath(dir, 'recordings/s1/r.webm')).toBe(join(dir, 'recordings', 's1', 'r.webm'));
  });

  it('follows symlinks only as far as the data folder; a symlinked data folder itself still works', async () => {
    const dir = dataDir();
    const outside = tempDir();
    mkdirSync(join(outside, 'loot'));
    writeFileSync(join(outside, 'loot', 'x.webm'), 'secret');
    // A folder inside recordings/ that points out, and one link inside that stays inside.
    symlinkSync(join(outside, 'loot'), join(dir, 'recordings', 'evil'));
    symlinkSync(join(dir, 'recordings', 's1', 'r.webm'), join(dir, 'recordings', 's1', 'alias.webm'));
    expect((await serveMedia(dir, 'recordings/evil/x.webm', null)).status).toBe(404);
    expect((await serveMedia(dir, 'recordings/%65vil/x.webm', null)).status).toBe(404);
    expect((await serveMedia(dir, 'recordings/s1/%252e%252e/r.webm', null)).status).toBe(404);
    expect((await serveMedia(dir, 'recordings/s1/alias.webm', null)).status).toBe(200);

    const linkedRoot = join(tempDir(), 'data-link');
    symlinkSync(dir, linkedRoot);
    const served = await serveMedia(linkedRoot, 'recordings/s1/r.webm', 'bytes=-3');
    expect(served.status).toBe(206);
    expect(await text(served.body!)).toBe('789');
  });

  it('sets the content type by extension and refuses other kinds of file', async () => {
    const dir = dataDir();
    const types: Record<string, string> = { 'a.mp4': 'video/mp4', 'a.jpg': 'image/jpeg', 'a.png': 'image/png', 'a.vtt': 'text/vtt; charset=utf-8', 'A.WEBM': 'video/webm' };
    for (const [name, type] of Object.entries(types)) {
      writeFileSync(join(dir, 'recordings', 's1', name), 'x');
      const served = await serveMedia(dir, `recordings/s1/${name}`, null);
      served.body?.destroy();
      expect(served.headers['Content-Type'], name).toBe(type);
    }
    for (const name of ['a.html', 'a.js', 'a.sqlite', 'a.svg', 'noext']) {
      writeFileSync(join(dir, 'recordings', 's1', name), '<script>alert(1)</script>');
      expect((await serveMedia(dir, `recordings/s1/${name}`, null)).status, name).toBe(404);
    }
    // A folder named like a video is not a file.
    mkdirSync(join(dir, 'recordings', 's1', 'dir.webm'));
    expect((await serveMedia(dir, 'recordings/s1/dir.webm', null)).status).toBe(404);
    // An empty file has no satisfiable range.
    writeFileSync(join(dir, 'recordings', 's1', 'empty.webm'), '');
    expect((await serveMedia(dir, 'recordings/s1/empty.webm', 'bytes=0-')).status).toBe(416);
  });
});

describe('ffmpeg locator', () => {
  function fakeBin(dir: string, name: string) {
    const file = join(dir, name);
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
    return file;
  }

  it('prefers FFMPEG_PATH, then an existing ffmpeg-static binary, then PATH', () => {
    const envDir = tempDir();
    const staticDir = tempDir();
    const pathDir = tempDir();
    const envFfmpeg = fakeBin(envDir, 'ffmpeg');
    fakeBin(envDir, 'ffprobe');
    const staticFfmpeg = fakeBin(staticDir, 'ffmpeg');
    const pathFfmpeg = fakeBin(pathDir, 'ffmpeg');
    const pathFfprobe = fakeBin(pathDir, 'ffprobe');

    expect(locateFfmpeg({ env: { FFMPEG_PATH: envFfmpeg, PATH: pathDir }, staticPath: staticFfmpeg })).toEqual({
      ffmpeg: envFfmpeg,
      ffprobe: join(envDir, 'ffprobe'),
      source: 'env',
    });
    // ffmpeg-static ships no ffprobe: it comes from PATH.
    expect(locateFfmpeg({ env: { PATH: pathDir }, staticPath: staticFfmpeg })).toEqual({
      ffmpeg: staticFfmpeg,
      ffprobe: pathFfprobe,
      source: 'ffmpeg-static',
    });
    // A failed ffmpeg-static download leaves a path to nothing: skip it.
    expect(locateFfmpeg({ env: { PATH: pathDir }, staticPath: join(staticDir, 'gone') })).toEqual({
      ffmpeg: pathFfmpeg,
      ffprobe: pathFfprobe,
      source: 'path',
    });
    expect(locateFfmpeg({ env: { PATH: staticDir }, staticPath: null })).toBeNull();
    expect(locateFfmpeg({ env: {}, staticPath: null })).toBeNull();
  });

  it('skips files that are not executable', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ffmpeg'), '');
    fakeBin(dir, 'ffprobe');
    expect(locateFfmpeg({ env: { PATH: dir }, staticPath: null })).toBeNull();
  });
});
