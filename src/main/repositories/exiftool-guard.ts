import type { ExifToolOptions } from 'exiftool-vendored'

/**
 * Ends exiftool when the process that started it is gone. exiftool-vendored's child reads its
 * commands from stdin with `-stay_open True -@ -`; when Marquee is killed (SIGKILL, a crash, a
 * force quit) stdin reaches its end, and exiftool, which treats an argument file at its end as
 * one still being written, polls it every 10 ms for ever, parented to init. Run through this
 * launcher instead (`perl -e GUARD exiftool -stay_open True -@ -`), the process forks a watcher
 * that holds none of the pipes, then becomes exiftool itself (same pid, same pipes: nothing
 * changes for exiftool-vendored). The watcher looks once a second whether Marquee is still there
 * and, when it is not, ends exiftool; it ends by itself when exiftool does.
 */
const GUARD = `
my $owner = getppid();
my $tool = $$;
my $watcher = fork();
if (defined $watcher && $watcher == 0) {
  close STDIN; close STDOUT; close STDERR;
  while (1) {
    sleep 1;
    exit 0 unless kill 0, $tool;
    if (!kill 0, $owner) { kill 'TERM', $tool; exit 0 }
  }
}
exec { $^X } $^X, @ARGV or die "exiftool could not be started: $!";
`

/**
 * exiftool-vendored's options that start exiftool through the guard: with `ignoreShebang` it
 * spawns `perl <exiftoolPath> …exiftoolArgs`, so the path is `-e` and the guard's source and
 * exiftool's script come first in the arguments. Windows (exiftool.exe, where a pipe whose
 * writer is gone makes exiftool stop) keeps the defaults.
 */
export async function guardedExiftool(
  platform: NodeJS.Platform = process.platform,
): Promise<Partial<ExifToolOptions>> {
  if (platform === 'win32') return {}
  const { exiftoolPath, DefaultExiftoolArgs } = await import('exiftool-vendored')
  return {
    ignoreShebang: true,
    exiftoolPath: '-e',
    exiftoolArgs: [GUARD, await exiftoolPath(), ...DefaultExiftoolArgs],
  }
}
