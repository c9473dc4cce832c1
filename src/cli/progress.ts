/**
 * Progress on stderr. On a terminal one line is redrawn in place; into a file or a pipe (a log, CI) that
 * would read "1/1742/174…", so there a whole line is written every tenth of the way and at the end.
 */
export function progressLine(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): { update(done: number, total: number): void; end(): void } {
  let drawn = false
  let lastStep = -1
  return {
    update(done, total) {
      if (stream.isTTY) {
        stream.write(`\r${label} ${done}/${total}`)
        drawn = true
        return
      }
      const step = Math.floor((done * 10) / Math.max(1, total))
      if (step !== lastStep || done === total) {
        lastStep = step
        stream.write(`${label} ${done}/${total}\n`)
      }
    },
    end() {
      if (drawn) stream.write('\n')
      drawn = false
    },
  }
}

/** Status messages (seed steps): redrawn in place on a terminal, one line each elsewhere. */
export function statusLine(stream: NodeJS.WriteStream = process.stderr): {
  show(message: string): void
  end(): void
} {
  let drawn = false
  return {
    show(message) {
      if (stream.isTTY) {
        stream.write(`\r${message}\x1b[K`)
        drawn = true
      } else stream.write(`${message}\n`)
    },
    end() {
      if (drawn) stream.write('\n')
      drawn = false
    },
  }
}
