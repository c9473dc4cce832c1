/**
 * Node 20 has no EventSource: this reads a text/event-stream with fetch, enough for the browser-shell
 * client (`data:` lines, blank-line separated). `ready` settles once the response headers arrived, i.e.
 * the server has subscribed this stream to backend events.
 */
export class FetchEventSource {
  static instances: FetchEventSource[] = []
  onmessage: ((ev: { data: string }) => void) | null = null
  status = 0
  readonly ready: Promise<void>
  private abort = new AbortController()

  constructor(readonly url: string) {
    FetchEventSource.instances.push(this)
    this.ready = this.connect()
  }

  private async connect(): Promise<void> {
    const res = await fetch(this.url, { headers: { accept: 'text/event-stream' }, signal: this.abort.signal })
    this.status = res.status
    if (!res.ok || !res.body) return
    void this.pump(res.body).catch(() => undefined)
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder()
    let buffer = ''
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true })
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).replace(/^ /, ''))
        if (data.length) this.onmessage?.({ data: data.join('\n') })
      }
    }
  }

  close(): void {
    this.abort.abort()
  }
}
