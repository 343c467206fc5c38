import type Database from 'better-sqlite3'

/**
 * The queue's "what runs next" read must not sort the whole queue. jobs_next ordered rows by
 * (priority, run_after, id), so ORDER BY priority, id sorted every queued job on each pick —
 * seconds per pick with a million queued. Jobs due now carry run_after = 0 (the queue sets a
 * delayed one back to 0 when its time comes), so a partial index in pick order answers at once;
 * jobs_delayed finds the delayed ones that are due, and the earliest one.
 */
export function up(db: Database.Database): void {
  db.exec(`
    DROP INDEX jobs_next;
    CREATE INDEX jobs_due ON jobs (priority DESC, id) WHERE status = 'queued' AND run_after = 0;
    CREATE INDEX jobs_delayed ON jobs (status, run_after);
  `)
}
