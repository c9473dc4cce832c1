/**
 * Saves a Blob as a file the way both shells take it: a temporary object URL on an `<a download>`,
 * released once the browser has had time to read it. Every "save" in the renderer goes through here.
 */
export function saveDownload(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob)
  const a = doc.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  // In the document while clicked: some engines ignore a click on a detached anchor.
  doc.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
