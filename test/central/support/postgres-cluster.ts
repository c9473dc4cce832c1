import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'

/** Debian's PostgreSQL 15 server binaries. */
export const PG_BIN = process.env.GASDESK_PG_BIN ?? '/usr/lib/postgresql/15/bin'

export interface Cluster {
  url: string
  stop(): void
}

async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

function postgresUid(): { uid: number; gid: number } | null {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' })
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' })
  if (r.status !== 0 || g.status !== 0) return null
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) }
}

/**
 * A throwaway PostgreSQL 15 cluster under /tmp on a spare loopback port, owned by the `postgres` user
 * (initdb refuses to run as root, so as root the binaries run through `runuser -u postgres --`). Tuned
 * for tests (no fsync). Returns null when the binaries are not installed.
 */
export async function startCluster(): Promise<Cluster | null> {
  if (!existsSync(join(PG_BIN, 'initdb')) || !existsSync(join(PG_BIN, 'pg_ctl'))) return null
  const asRoot = process.getuid?.() === 0
  const owner = asRoot ? postgresUid() : null
  if (asRoot && !owner) return null
  const run = (bin: string, args: string[]) => {
    const cmd = asRoot ? 'runuser' : join(PG_BIN, bin)
    const full = asRoot ? ['-u', 'postgres', '--', join(PG_BIN, bin), ...args] : args
    execFileSync(cmd, full, { stdio: ['ignore', 'pipe', 'pipe'], cwd: '/tmp' })
  }
  const dir = mkdtempSync('/tmp/gasdesk-pg-')
  if (owner) chownSync(dir, owner.uid, owner.gid)
  const data = join(dir, 'data')
  const port = await sparePort()
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'])
    const opts = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses='127.0.0.1'",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=300',
    ].join(' ')
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', opts, 'start'])
  } catch (e) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(
      `could not start a PostgreSQL test cluster: ${(e as { stderr?: Buffer }).stderr?.toString() ?? e}`,
      { cause: e },
    )
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } catch {
        // Already gone.
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
