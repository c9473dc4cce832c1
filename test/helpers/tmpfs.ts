import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, truncateSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A small tmpfs of its own, to run the desk on a disk that really fills up (root only). `fill` takes
 * every free byte with a hog file; `free` gives some back. Tests skip, saying why, where mounting is
 * impossible.
 */
export interface SmallDisk {
  dir: string
  file(name: string): string
  fill(): void
  free(bytes: number): void
  freeBytes(): number
  /** Remounts read-only (or read-write again). */
  readOnly(on: boolean): void
  unmount(): void
}

/** Null when tmpfs can be mounted here, else the reason it cannot. */
export function tmpfsUnavailable(): string | null {
  if (process.platform !== 'linux') return `tmpfs needs Linux (this is ${process.platform})`
  if (process.getuid?.() !== 0) return 'mounting tmpfs needs root'
  let disk: SmallDisk | null = null
  try {
    disk = mountSmallDisk(64 * 1024)
    return null
  } catch (e) {
    return `mount -t tmpfs failed: ${(e as Error).message.split('\n')[0]}`
  } finally {
    disk?.unmount()
  }
}

export function mountSmallDisk(sizeBytes: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'gasdesk-tmpfs-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0755`, 'tmpfs', dir], {
      stdio: 'pipe',
    })
  } catch (e) {
    rmSync(dir, { recursive: true, force: true })
    throw e
  }
  const hog = join(dir, 'hog.bin')
  let hogged = 0
  return {
    dir,
    file: (name) => join(dir, name),
    fill() {
      const fd = openSync(hog, 'a')
      try {
        for (const chunk of [65536, 4096, 512]) {
          const buf = Buffer.alloc(chunk, 0x5a)
          for (;;) {
            try {
              writeSync(fd, buf)
              hogged += chunk
            } catch (e) {
              if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break
              throw e
            }
          }
        }
      } finally {
        closeSync(fd)
      }
    },
    free(bytes) {
      hogged = Math.max(0, hogged - bytes)
      truncateSync(hog, hogged)
    },
    freeBytes() {
      const s = statfsSync(dir)
      return s.bavail * s.bsize
    },
    readOnly(on) {
      execFileSync('mount', ['-o', `remount,${on ? 'ro' : 'rw'}`, dir], { stdio: 'pipe' })
    },
    unmount() {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' })
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
