import type { Migration } from './migration';

/**
 * Chat text not yet sent is kept like the text of every other form (kept_text, key
 * `chat:<task id>`, the text and the chosen template as JSON): one way to keep typed text.
 */
export const migration011: Migration = {
  version: 11,
  name: 'unsent chat text into kept text',
  up: (db) => {
    db.exec(`
      INSERT INTO kept_text (key, value, updated_at)
        SELECT 'chat:' || task_id, json_object('text', text, 'templateId', template_id), updated_at FROM unsent_message WHERE text <> ''
        ON CONFLICT (key) DO NOTHING;
      DROP TABLE unsent_message;
    `);
  },
};
