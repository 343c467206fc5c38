// A process that starts exiftool through the repository, reads one file and prints exiftool's
// pid, then waits to be killed:   exiftool-child.ts <file>
import { ExiftoolRepository } from '../../src/main/repositories/exiftool.repository'

const repo = new ExiftoolRepository()
await repo.read(process.argv[2]!)
process.stdout.write(`exiftool ${(await repo.pids()).join(',')}\n`)
setInterval(() => undefined, 60_000)
