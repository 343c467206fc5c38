import type { ExportJobsStore } from './export-jobs.store'

/**
 * What the export dialog follows: one playlist's or album's export, kept by the root store's
 * export jobs (export-jobs.store.ts) so it outlives the dialog and the page.
 */
export type ExportStore = ReturnType<ExportJobsStore['forCollection']>
