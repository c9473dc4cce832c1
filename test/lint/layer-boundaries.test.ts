import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The lint rule that holds the layers of ARCHITECTURE.md apart: a wrong import must be an error.
const eslint = new ESLint({ cwd: process.cwd() })

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('layer boundaries', () => {
  const cases: [string, string, boolean][] = [
    ['src/core/x.ts', "import { readFileSync } from 'node:fs'\nexport const f = readFileSync", false],
    ['src/core/x.ts', "import fs from 'fs'\nexport const f = fs", false],
    ['src/core/x.ts', "import { methods } from '../contract'\nexport const m = methods", false],
    [
      'src/core/x.ts',
      "import { checkPersonalCode } from './personal-code'\nexport const c = checkPersonalCode",
      true,
    ],
    [
      'src/contract/x.ts',
      "import { createBackend } from '../backend'\nexport const b = createBackend",
      false,
    ],
    [
      'src/contract/x.ts',
      "import { checkPersonalCode } from '../core/personal-code'\nexport const c = checkPersonalCode",
      true,
    ],
    [
      'src/renderer/x.ts',
      "import { openDatabase } from '../backend/db/open'\nexport const o = openDatabase",
      false,
    ],
    ['src/renderer/x.ts', "import Database from 'better-sqlite3'\nexport const d = Database", false],
    ['src/renderer/x.ts', "import { methods } from '../contract'\nexport const m = methods", true],
    ['src/backend/x.ts', "import { app } from 'electron'\nexport const a = app", false],
    ['src/backend/x.ts', "import { readFileSync } from 'node:fs'\nexport const f = readFileSync", true],
    [
      'src/backend/services/billing/x.ts',
      "import { seedSteps } from '../../seed'\nexport const s = seedSteps",
      false,
    ],
    [
      'src/backend/handlers/x.ts',
      "import { instantOn } from '../seed/context'\nexport const i = instantOn",
      false,
    ],
    ['src/backend/handlers/x.ts', "import { app } from 'electron'\nexport const a = app", false],
    ['src/backend/host/x.ts', "import { seedSteps } from '../seed'\nexport const s = seedSteps", true],
    ['src/web-host/x.ts', "import { app } from 'electron'\nexport const a = app", false],
    ['src/preload/x.ts', "import { readFileSync } from 'node:fs'\nexport const f = readFileSync", false],
    ['src/main/x.ts', "import { createBackend } from '../backend'\nexport const b = createBackend", true],
    [
      'src/central/x.ts',
      "import { commitMutation } from '../backend/db/mutations'\nexport const c = commitMutation",
      false,
    ],
    ['src/central/x.ts', "import Database from 'better-sqlite3'\nexport const d = Database", false],
    ['src/central/x.ts', "import { main } from '../cli'\nexport const m = main", false],
    ['src/central/x.ts', "import { methods } from '../contract'\nexport const m = methods", true],
    [
      'src/central/sync/x.ts',
      "import { validateReading } from '../../core/readings'\nexport const v = validateReading",
      true,
    ],
    ['src/central/x.ts', "import { readFileSync } from 'node:fs'\nexport const f = readFileSync", true],
    ['src/core/x.ts', "import { openSql } from '../central/db/open'\nexport const o = openSql", false],
  ]
  it.each(cases)('%s: %s (allowed: %s)', async (file, code, allowed) => {
    const errors = await errorsFor(file, code)
    expect(errors.length === 0).toBe(allowed)
  })
})
