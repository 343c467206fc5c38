import { parsePdfinfo, pdfinfoArgs, pdftoppmArgs, type PdfFacts } from '../media/pdf'
import { POPPLER_INSTALL_HINT, type PopplerBinaries } from './binaries'
import { ChildProcesses } from './child-processes'

/** poppler refused the file (or ran out of time): `timedOut` tells which. */
export class PdfToolError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message)
    this.name = 'PdfToolError'
  }
}

type Tool = keyof PopplerBinaries

const STDERR_TAIL_CHARS = 16 * 1024
/** pdfinfo prints a few hundred bytes; far more is not an answer. */
const INFO_OUTPUT_BYTES = 1024 * 1024

/**
 * Runs poppler-utils' `pdfinfo` and `pdftoppm` with a time limit each and an AbortSignal, killing
 * the child (SIGKILL) when either ends it or Marquee closes, as FfmpegRepository does for ffmpeg.
 */
export class PdfRepository {
  private readonly children = new ChildProcesses('poppler')

  constructor(private readonly binaries: PopplerBinaries) {}

  /** Page count, page 1's size and the document's text metadata. */
  async info(path: string, timeoutMs: number, signal?: AbortSignal): Promise<PdfFacts> {
    return parsePdfinfo(await this.execute('pdfinfo', pdfinfoArgs(path), timeoutMs, signal))
  }

  /** Page 1 rendered to `<outputPrefix>.png` (long edge PDF_RENDER_LONG_EDGE). */
  async renderFirstPage(
    path: string,
    outputPrefix: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.execute('pdftoppm', pdftoppmArgs(path, outputPrefix), timeoutMs, signal)
  }

  get pids(): number[] {
    return this.children.pids
  }

  /** Kills every running child and refuses new ones; resolves when they have exited. */
  close(): Promise<void> {
    return this.children.close()
  }

  private execute(
    tool: Tool,
    args: string[],
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    return this.children.run({
      tool,
      path: this.binaries[tool],
      args,
      timeoutMs,
      signal,
      // pdftoppm writes its PNG to a file; only pdfinfo answers on stdout.
      stdoutBytes: tool === 'pdfinfo' ? INFO_OUTPUT_BYTES : 0,
      stderrTailChars: STDERR_TAIL_CHARS,
      installHint: POPPLER_INSTALL_HINT,
      reasonOf: lastMeaningfulLine,
      failure: (message, timedOut) => new PdfToolError(message, timedOut),
    })
  }
}

/** poppler's last error line, e.g. `Couldn't read xref table`, without its `Syntax Error:` tag. */
function lastMeaningfulLine(stderr: string): string | undefined {
  const lines = stderr
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter(Boolean)
  const errors = lines.filter((line) => /error/i.test(line))
  return (errors.at(-1) ?? lines.at(-1))
    ?.replace(/^(Syntax |Internal |I\/O )?(Error|Warning)( \(\d+\))?:\s*/i, '')
    .trim()
}
