import { logError } from '../backend/log'
import { bootstrap } from './app'

// Main stays thin: everything is in app.ts so tests can drive it with a mocked electron.
bootstrap().catch((e: unknown) => {
  logError('could not start', e)
  process.exit(1)
})
