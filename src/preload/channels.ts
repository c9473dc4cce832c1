/** IPC channel names shared by the preload and the main process (main imports them from here). */
export const CALL_CHANNEL = 'gasdesk:call'
export const EVENT_CHANNEL = 'gasdesk:event'
