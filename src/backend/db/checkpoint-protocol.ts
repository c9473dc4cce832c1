/** Messages between the checkpointer (backend thread) and its worker (checkpoint-worker.ts). */
export interface CheckpointRequest {
  id: number
}

export type CheckpointReply =
  | { id: number; ok: true; busy: number; log: number; checkpointed: number }
  | { id: number; ok: false; code: string | null; message: string }
