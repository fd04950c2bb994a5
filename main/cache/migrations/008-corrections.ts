import type { Migration } from './migration';

/**
 * Corrections of signed records: a signed draft keeps the ids its record was sent with, and a
 * correction draft names the draft it corrects and why, so signing it writes new versions of
 * the same resources instead of a second record.
 */
export const migration008: Migration = {
  version: 8,
  name: 'record corrections',
  up: (db) => {
    db.exec(`
      ALTER TABLE draft ADD COLUMN record_ids TEXT CHECK (record_ids IS NULL OR json_valid(record_ids));
      ALTER TABLE draft ADD COLUMN corrects TEXT;
      ALTER TABLE draft ADD COLUMN correction_reason TEXT;
    `);
  },
};
