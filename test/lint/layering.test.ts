import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rules are only worth having if they fail: feed the real config violating files.
const eslint = new ESLint();
const errors = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
};

describe('layering lint rules', () => {
  it('shared/ may not import main, renderer, backend, Node or electron', async () => {
    expect(await errors('shared/x.ts', "import { a } from '../main/services';\nexport const b = a;")).toHaveLength(1);
    expect(
      await errors('shared/x.ts', "import { a } from '../renderer/src/app/App';\nexport const b = a;"),
    ).toHaveLength(1);
    expect(await errors('shared/x.ts', "import { a } from '../backend/server';\nexport const b = a;")).toHaveLength(1);
    expect(
      await errors('shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const b = readFileSync;"),
    ).toHaveLength(1);
    expect(await errors('shared/x.ts', "import { app } from 'electron';\nexport const b = app;")).toHaveLength(1);
  });

  it('renderer/ talks to main only through the contract', async () => {
    expect(
      await errors('renderer/src/x.ts', "import { a } from '../../main/services';\nexport const b = a;"),
    ).toHaveLength(1);
    expect(
      await errors(
        'renderer/src/x.ts',
        "import Database from 'better-sqlite3-multiple-ciphers';\nexport const b = Database;",
      ),
    ).toHaveLength(1);
    expect(
      await errors('renderer/src/x.ts', "import { calls } from '../../shared/contract';\nexport const b = calls;"),
    ).toEqual([]);
  });

  it("only main/electron and preload may import 'electron'", async () => {
    expect(await errors('main/services.ts', "import { app } from 'electron';\nexport const b = app;")).toHaveLength(1);
    expect(await errors('backend/x.ts', "import { app } from 'electron';\nexport const b = app;")).toHaveLength(1);
    expect(await errors('main/electron/x.ts', "import { app } from 'electron';\nexport const b = app;")).toEqual([]);
    expect(
      await errors('preload/x.ts', "import { ipcRenderer } from 'electron';\nexport const b = ipcRenderer;"),
    ).toEqual([]);
  });

  it('main and backend do not import each other', async () => {
    expect(await errors('main/x.ts', "import { a } from '../backend/server';\nexport const b = a;")).toHaveLength(1);
    expect(await errors('backend/x.ts', "import { a } from '../main/services';\nexport const b = a;")).toHaveLength(1);
  });

  it('the resident client talks to the backend over HTTP only', async () => {
    expect(
      await errors('resident-web/src/x.ts', "import { a } from '../../backend/server';\nexport const b = a;"),
    ).toHaveLength(1);
    expect(
      await errors('resident-web/src/x.ts', "import { a } from '../../renderer/src/app/App';\nexport const b = a;"),
    ).toHaveLength(1);
    expect(
      await errors('resident-web/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const b = readFileSync;"),
    ).toHaveLength(1);
    expect(
      await errors(
        'resident-web/src/x.ts',
        "import { languageNames } from '../../shared/i18n/resident';\nexport const b = languageNames;",
      ),
    ).toEqual([]);
  });

  it('inside main/, only main/cache/ holds SQL, and sync/ and queue/ do not import each other', async () => {
    const sql = async (filePath: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath });
      return (result?.messages ?? [])
        .filter((m) => m.ruleId === 'no-restricted-syntax' || m.ruleId === 'no-restricted-imports')
        .map((m) => m.message);
    };
    expect(
      await sql(
        'main/chat/x.ts',
        "import type { WritableDb } from '../cache/db';\nexport const n = (db: WritableDb) => db.prepare('SELECT 1').get();",
      ),
    ).toHaveLength(2);
    expect(await sql('main/queue/x.ts', 'export const q = `DELETE FROM queue_item WHERE task_id = ?`;')).toHaveLength(
      1,
    );
    expect(
      await sql(
        'main/queue/x.ts',
        "import Database from 'better-sqlite3-multiple-ciphers';\nexport const d = Database;",
      ),
    ).toHaveLength(1);
    expect(
      await sql(
        'main/cache/x.ts',
        "import type Database from 'better-sqlite3-multiple-ciphers';\nexport const n = (db: Database.Database) => db.prepare('SELECT 1').get();",
      ),
    ).toEqual([]);
    expect(
      await sql(
        'main/sync/x.ts',
        "import { ensureQueueIndex } from '../queue/queue-index';\nexport const e = ensureQueueIndex;",
      ),
    ).toHaveLength(1);
    expect(
      await sql('main/queue/x.ts', "import { pullChanges } from '../sync/pull';\nexport const p = pullChanges;"),
    ).toHaveLength(1);
    expect(
      await sql(
        'main/queue/x.ts',
        "import { queueKeys } from '../../shared/queue/queue-item';\nexport const k = queueKeys;",
      ),
    ).toEqual([]);
    // Words in messages are not SQL.
    expect(
      await sql('main/chat/x.ts', "export const m = 'Select a colleague'; export const e = { type: 'UPDATE' };"),
    ).toEqual([]);
  });
});
