import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi, type Api } from '../shared/ipc/api';
import type { Result } from '../shared/ipc/result';

// The page gets window.api built from the contract and nothing else: no ipcRenderer, no Node.

const api = buildApi(
  (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
  (name, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(name, forward);
    return () => {
      ipcRenderer.off(name, forward);
    };
  },
) satisfies Api;

contextBridge.exposeInMainWorld('api', api);
