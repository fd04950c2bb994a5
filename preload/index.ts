import { contextBridge, ipcRenderer } from 'electron';
import { apiGlobalName } from '../shared/contract';
import { buildApi } from './build-api';

contextBridge.exposeInMainWorld(
  apiGlobalName,
  buildApi({
    invoke: (channel, input) => ipcRenderer.invoke(channel, input),
    on: (channel, listener) => ipcRenderer.on(channel, listener),
  }),
);
