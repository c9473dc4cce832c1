import { config } from 'zod'

// The page's CSP has no 'unsafe-eval': zod must validate without generated code and must not even probe
// for eval (the probe is caught, but the browser still reports a violation). Imported first by main.ts,
// before any module defines a schema.
config({ jitless: true })
