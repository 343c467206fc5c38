import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { IPC_CHANNELS, type EventName, type MarqueeBridge } from '../shared/contract'

type EventMessage = { event: EventName; payload: unknown }

// Only these functions reach the page: never ipcRenderer, never an IpcRendererEvent
// (its `sender` is ipcRenderer itself).
const bridge = {
  invoke: (method, args) => ipcRenderer.invoke(IPC_CHANNELS.invoke, { method, args }),
  subscribe(listener) {
    const forward = (_event: IpcRendererEvent, message: EventMessage): void =>
      listener(message.event, message.payload)
    ipcRenderer.on(IPC_CHANNELS.event, forward)
    return () => {
      ipcRenderer.removeListener(IPC_CHANNELS.event, forward)
    }
  },
  shell: {
    pickFolder: (purpose) => ipcRenderer.invoke(IPC_CHANNELS.pickFolder, purpose),
    revealAsset: (id) => ipcRenderer.invoke(IPC_CHANNELS.revealAsset, id),
    openAsset: (id) => ipcRenderer.invoke(IPC_CHANNELS.openAsset, id),
    dragOut: (ids) => ipcRenderer.invoke(IPC_CHANNELS.dragOut, ids),
    pathForFile: (file) => webUtils.getPathForFile(file),
  },
} satisfies MarqueeBridge

contextBridge.exposeInMainWorld('marquee', bridge)
