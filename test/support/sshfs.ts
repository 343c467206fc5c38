import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { join } from 'node:path'
import { tempDir } from './temp'

/**
 * A real network filesystem for NAS tests: an sshd on 127.0.0.1 with throwaway keys, and an
 * sshfs mount of one of its folders. It can be unmounted, frozen (SIGSTOP) and thawed.
 */
export interface SshNas {
  /** The folder the server exports (write fixtures here). */
  exportDir: string
  /** Where the share is mounted (give this to Marquee). */
  mountPoint: string
  mount(): void
  unmount(): void
  freeze(): void
  thaw(): void
  stop(): void
}

const SSHD = '/usr/sbin/sshd'

export function sshfsAvailable(): boolean {
  return existsSync(SSHD) && existsSync('/dev/fuse') && spawnSync('which', ['sshfs']).status === 0
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}`)
    const open = await new Promise<boolean>((resolve) => {
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
}

export async function startSshNas(): Promise<SshNas> {
  const dir = tempDir('marquee-nas-')
  const exportDir = join(dir, 'export')
  const mountPoint = join(dir, 'mnt')
  mkdirSync(exportDir)
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
  await waitForPort(port, server)

  const serverTree = (): number[] => {
    const pids = [server.pid!]
    for (let i = 0; i < pids.length; i++) {
      const children = spawnSync('pgrep', ['-P', String(pids[i])], { encoding: 'utf8' }).stdout
      pids.push(...children.split('\n').filter(Boolean).map(Number))
    }
    return pids
  }
  const signalTree = (signal: NodeJS.Signals): void => {
    for (const pid of serverTree()) {
      try {
        process.kill(pid, signal)
      } catch {
        // Already gone.
      }
    }
  }
  let mounted = false
  const nas: SshNas = {
    exportDir,
    mountPoint,
    mount() {
      execFileSync('sshfs', [
        '-o',
        [
          `IdentityFile=${join(dir, 'client')}`,
          'StrictHostKeyChecking=no',
          'UserKnownHostsFile=/dev/null',
          `port=${port}`,
          // No caches: every call must really cross the network, as on a busy NAS.
          'dir_cache=no',
          'attr_timeout=0',
          'entry_timeout=0',
          'negative_timeout=0',
        ].join(','),
        `root@127.0.0.1:${exportDir}`,
        mountPoint,
      ])
      mounted = true
    },
    unmount() {
      if (!mounted) return
      spawnSync('fusermount', ['-u', '-z', mountPoint])
      mounted = false
    },
    freeze: () => signalTree('SIGSTOP'),
    thaw: () => signalTree('SIGCONT'),
    stop() {
      nas.thaw()
      nas.unmount()
      server.kill('SIGTERM')
    },
  }
  nas.mount()
  return nas
}
