/**
 * The checkpoint worker thread (see checkpoint.ts): its own connection to the desk's database file, so
 * copying a large WAL back into the file happens off the backend thread. It never writes rows; a WAL
 * checkpoint is the only thing it does.
 */
import Database from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'
import type { CheckpointReply, CheckpointRequest } from './checkpoint-protocol'

const { file, done } = workerData as { file: string; done: SharedArrayBuffer }
const db = new Database(file, { fileMustExist: true })
/** Set when a checkpoint has ended: a stopping backend waits on it (Atomics.wait) before its own last one. */
const finished = new Int32Array(done)
// A PASSIVE checkpoint never waits for readers or writers; the backend's own lock is what it may meet.
db.pragma('busy_timeout = 0')

parentPort?.on('message', (m: CheckpointRequest) => {
  let reply: CheckpointReply
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[]
    reply = { id: m.id, ok: true, busy: r.busy, log: r.log, checkpointed: r.checkpointed }
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown }
    reply = {
      id: m.id,
      ok: false,
      code: typeof err.code === 'string' ? err.code : null,
      message: typeof err.message === 'string' ? err.message : String(e),
    }
  }
  Atomics.store(finished, 0, 1)
  Atomics.notify(finished, 0)
  parentPort?.postMessage(reply)
})
