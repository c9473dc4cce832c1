import { ApiError } from '../../contract/errors'

export class DbTooNewError extends ApiError {
  constructor(file: string, found: number, supported: number) {
    super('DB_TOO_NEW', 'errors.DB_TOO_NEW', { file, found, supported })
  }
}

export class DbCorruptError extends ApiError {
  constructor(file: string, reason: string) {
    super('DB_CORRUPT', 'errors.DB_CORRUPT', { file, reason })
  }
}
