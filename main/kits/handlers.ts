import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KIT_EXTENSION } from '../../shared/domain/kits';
import { AppError } from '../../shared/ipc/result';
import type { Handlers } from '../ipc/handlers';
import { TEMP_DIR } from '../pipeline/context';
import { EXPORTS_DIR, fileStem, type FileDialogs } from '../share/handlers';
import { readKitFile } from './kitFormat';
import type { KitService } from './KitService';

// The kits:* calls. As with bundles, paths never come from the page: the shell's dialogs choose
// them in Electron; in browser mode a kit is written to exports/ for the page to download, and
// an uploaded kit is written to tmp/ first. Every import source is read again when used, so a
// file changed between preview and import is checked as it now is.

export interface KitHandlerDeps {
  kits: KitService;
  dataDir: string;
  now: () => number;
  dialogs?: FileDialogs;
  exportsBaseUrl?: () => string;
}

type KitChannel = Extract<keyof Handlers, `kits:${string}`>;

interface Source {
  path: string;
  fileName: string;
  /** An upload in tmp/: ours to delete. */
  uploaded: boolean;
}

export interface KitHandlers {
  handlers: Pick<Handlers, KitChannel>;
  /** A kit file the OS opened: an import source for the page's kit dialog. */
  openKit(path: string): { sourceId: string; fileName: string };
}

/** Written beside the target, then renamed: a failed write leaves no half kit. */
export async function writeKitFile(out: string, text: string): Promise<void> {
  const part = join(dirname(out), `.${basename(out)}.${randomUUID()}.part`);
  try {
    await writeFile(part, text, { flag: 'wx' });
    await rename(part, out);
  } catch (error) {
    await rm(part, { force: true });
    throw new AppError('internal', `The kit could not be written: ${(error as Error).message}`, { cause: error });
  }
}

export function createKitHandlers(deps: KitHandlerDeps): KitHandlers {
  const sources = new Map<string, Source>();
  const add = (path: string, fileName: string, uploaded: boolean) => {
    const sourceId = randomUUID();
    sources.set(sourceId, { path, fileName, uploaded });
    return { sourceId, fileName };
  };
  const sourceOf = (sourceId: string): Source => {
    const source = sources.get(sourceId);
    if (!source) throw new AppError('not_found', 'That kit is no longer open; choose it again.');
    return source;
  };
  const discard = async (sourceId: string) => {
    const source = sources.get(sourceId);
    sources.delete(sourceId);
    if (source?.uploaded) await rm(source.path, { force: true });
  };

  const handlers: Pick<Handlers, KitChannel> = {
    'kits:list': () => deps.kits.list(),
    'kits:export': async (fields) => {
      const fileName = `${fileStem(fields.name, deps.now())}${KIT_EXTENSION}`;
      let out: string;
      if (deps.dialogs) {
        const picked = await deps.dialogs.pickSavePath(fileName, 'kit');
        if (!picked) return { saved: false, fileName, kitId: null, downloadUrl: null };
        out = picked.endsWith(KIT_EXTENSION) ? picked : `${picked}${KIT_EXTENSION}`;
      } else {
        await mkdir(join(deps.dataDir, EXPORTS_DIR), { recursive: true });
        out = join(deps.dataDir, EXPORTS_DIR, fileName);
      }
      const { kitId, text } = deps.kits.exportKit(fields);
      await writeKitFile(out, text);
      return {
        saved: true,
        fileName: basename(out),
        kitId,
        downloadUrl: deps.dialogs || !deps.exportsBaseUrl ? null : `${deps.exportsBaseUrl()}${encodeURIComponent(basename(out))}`,
      };
    },
    'kits:pick': async () => {
      if (!deps.dialogs) throw new AppError('conflict', 'Upload the kit instead: this window cannot open files itself.');
      const path = await deps.dialogs.pickOpenPath('kit');
      return path ? add(path, basename(path), false) : null;
    },
    'kits:upload': async ({ fileName, bytes }) => {
      const dir = join(deps.dataDir, TEMP_DIR, 'uploads');
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${randomUUID()}${KIT_EXTENSION}`);
      await writeFile(path, bytes, { flag: 'wx' });
      return add(path, basename(fileName), true);
    },
    'kits:inspect': async ({ sourceId }) => {
      const source = sourceOf(sourceId);
      return deps.kits.preview(await readKitFile(source.path, source.fileName));
    },
    'kits:import': async ({ sourceId }) => {
      const source = sourceOf(sourceId);
      const result = deps.kits.importKit(await readKitFile(source.path, source.fileName));
      await discard(sourceId);
      return result;
    },
    'kits:discard': ({ sourceId }) => discard(sourceId),
  };
  return { handlers, openKit: (path) => add(path, basename(path), false) };
}
