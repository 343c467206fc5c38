import { Menu, type MenuItemConstructorOptions } from 'electron'
import { APP_NAME } from '../../shared/domain'

export interface MenuContext {
  platform: NodeJS.Platform
  /** Reload and developer tools are for development builds only. */
  isPackaged: boolean
}

export interface MenuActions {
  addFolder(): void
}

export function menuTemplate(
  { platform, isPackaged }: MenuContext,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const development: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
      ]
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Add Folder…', accelerator: 'CmdOrCtrl+O', click: () => actions.addFolder() },
        { type: 'separator' },
        { role: 'close' },
        // On macOS, Quit lives in the app menu.
        ...(mac ? [] : [{ role: 'quit' } as const]),
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...development,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about', label: `About ${APP_NAME}` }] },
  ]
}

export function setAppMenu(context: MenuContext, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(context, actions)))
}
