import type { ServerResponse } from 'node:http'
import type { ApiErrorShape, ApiResult } from '../contract'

export const API_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
}

/** Every /api response is an ApiResult envelope, whatever the status. */
export function sendResult(res: ServerResponse, status: number, result: ApiResult<unknown>): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  const body = JSON.stringify(result)
  res.writeHead(status, { ...API_HEADERS, 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

export function sendError(
  res: ServerResponse,
  status: number,
  error: ApiErrorShape,
  headers: Record<string, string> = {},
): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v)
  sendResult(res, status, { ok: false, error })
}
