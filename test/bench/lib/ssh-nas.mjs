// A NAS on this machine for benchmarks: an sshd on 127.0.0.1 with throwaway keys exporting an
// existing folder, mounted with sshfs and no caches so every call crosses the connection.
// The same approach as test/support/sshfs.ts, without the test runner's helpers.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { join } from 'node:path'

const SSHD = '/usr/sbin/sshd'

/** Why an sshfs NAS cannot be made here, or null when it can. */
export function sshfsMissing() {
  if (!existsSync(SSHD)) return `${SSHD} is not installed`
  if (!existsSync('/dev/fuse')) return '/dev/fuse is missing'
  for (const tool of ['sshfs', 'fusermount', 'ssh-keygen']) {
    if (spawnSync('which', [tool]).status !== 0) return `${tool} is not installed`
  }
  return null
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function waitForPort(port, child) {
  for (let tries = 0; tries < 200; tries++) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}`)
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`sshd did not listen on port ${port}`)
}

/**
 * Serves `exportDir` over sshfs and returns `{ mountPoint, stop() }`. `stop` unmounts and ends
 * the server; it also runs if this process exits first, so no mount is left behind.
 */
export async function mountOverSsh(exportDir, workDir) {
  mkdirSync(workDir, { recursive: true })
  const dir = mkdtempSync(join(workDir, 'nas-'))
  const mountPoint = join(dir, 'mnt')
  mkdirSync(mountPoint)
  mkdirSync('/run/sshd', { recursive: true })
  for (const key of ['hostkey', 'client']) {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, key)])
  }
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client.pub')))
  const port = await freePort()
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'hostkey')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'UsePAM no',
      'StrictModes no',
      'PermitRootLogin yes',
      'PasswordAuthentication no',
      'Subsystem sftp internal-sftp',
      '',
    ].join('\n'),
  )
  const server = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: 'ignore' })
  let mounted = false
  const stop = () => {
    process.off('exit', stop)
    if (mounted) spawnSync('fusermount', ['-u', '-z', mountPoint])
    mounted = false
    if (server.exitCode === null) server.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
  process.on('exit', stop)
  try {
    await waitForPort(port, server)
    execFileSync('sshfs', [
      '-o',
      [
        `IdentityFile=${join(dir, 'client')}`,
        'StrictHostKeyChecking=no',
        'UserKnownHostsFile=/dev/null',
        'LogLevel=ERROR',
        `port=${port}`,
        // No caches: every call must really cross the connection, as on a busy NAS.
        'dir_cache=no',
        'attr_timeout=0',
        'entry_timeout=0',
        'negative_timeout=0',
      ].join(','),
      `root@127.0.0.1:${exportDir}`,
      mountPoint,
    ])
    mounted = true
  } catch (error) {
    stop()
    throw error
  }
  return { mountPoint, stop }
}
