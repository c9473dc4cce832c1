#!/usr/bin/env node
// `npm start`: build everything, then run the Electron shell — or, when no Electron runtime can be
// obtained (no binary downloaded, no display), the browser shell on 127.0.0.1.
//
//   npm start [-- --port N] [--db FILE] [--no-build]
//
// --port and --db are passed to the browser shell (the Electron shell keeps its database in its
// user-data folder). Ctrl+C stops whichever shell runs and closes the database cleanly.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)

function parse(argv) {
  const pass = []
  let build = true
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--no-build') build = false
    else if (a === '--port' || a === '--db' || a === '--renderer') pass.push(a, argv[++i] ?? '')
    else if (/^--(port|db|renderer)=/.test(a)) pass.push(a)
    else {
      console.error(`npm start: unknown option ${a}\nUsage: npm start -- [--port N] [--db FILE] [--no-build]`)
      process.exit(3)
    }
  }
  return { build, pass }
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  if (r.status !== 0) {
    console.error(`npm start: \`${[cmd.replace(root + '/', ''), ...args].join(' ')}\` failed`)
    process.exit(r.status ?? 1)
  }
}

/**
 * The Electron binary path, or a one-line reason why there is none. require('electron') is asked in a
 * child process: on a machine that never downloaded the binary it tries to fetch it and prints a stack
 * trace we do not want in the agent's terminal.
 */
function findElectron() {
  const r = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
  })
  const path = r.status === 0 ? r.stdout.trim() : ''
  if (!path || !existsSync(path))
    return { reason: 'the Electron binary is not installed and could not be downloaded' }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no graphical display (DISPLAY/WAYLAND_DISPLAY unset)' }
  }
  return { path }
}

/** Runs the child until it exits; our Ctrl+C / SIGTERM is passed on so it can close the database. */
function supervise(child) {
  const forward = (signal) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  }
  process.on('SIGINT', forward('SIGINT'))
  process.on('SIGTERM', forward('SIGTERM'))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
}

const { build, pass } = parse(process.argv.slice(2))
if (build) {
  run(bin('electron-vite'), ['build'])
  run(bin('vite'), ['build', '--config', 'vite.cli.config.mts'])
}

const electron = findElectron()
if (electron.path) {
  if (pass.length)
    console.log('npm start: --port/--db apply to the browser shell only; Electron uses its user-data folder.')
  supervise(spawn(electron.path, ['.'], { cwd: root, stdio: 'inherit' }))
} else {
  console.log(`GasDesk: no Electron runtime (${electron.reason}); starting the browser shell instead.`)
  supervise(
    spawn(process.execPath, [join(root, 'out', 'cli', 'web-host.cjs'), ...pass], {
      cwd: root,
      stdio: 'inherit',
    }),
  )
}
