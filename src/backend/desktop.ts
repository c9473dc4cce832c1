/**
 * What only a desktop shell can do. src/main implements it with Electron dialogs; the browser shell has
 * none (the renderer opens or downloads PDFs there), so methods that need it answer UNAVAILABLE.
 * The backend keeps the files and the audit; the shell only talks to the operating system.
 */
/** A file type offered in a save dialog, e.g. `{ name: 'CSV', extensions: ['csv'] }`. */
export interface SaveFilter {
  name: string
  extensions: string[]
}

export interface DesktopPort {
  /** The system print dialog (printer choice, copies) for a PDF, resolved when the job is handed over. */
  printPdf(pdf: Uint8Array, title: string): Promise<'printed' | 'cancelled' | 'failed'>
  /**
   * A save dialog suggesting `defaultName` (PDF files unless `filter` names another type); the chosen
   * path, or null when cancelled.
   */
  chooseSaveFile(defaultName: string, filter?: SaveFilter): Promise<string | null>
  /** A folder chooser (one file per document); null when cancelled. */
  chooseFolder(): Promise<string | null>
}
