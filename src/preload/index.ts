import { contextBridge, ipcRenderer } from 'electron'
import { methodNames } from '../contract'
import { buildBridge } from './bridge'

// The only thing the sandboxed page gets: window.gasdesk, never ipcRenderer itself.
contextBridge.exposeInMainWorld('gasdesk', buildBridge(ipcRenderer, methodNames))
