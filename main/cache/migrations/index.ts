import { migration001 } from './001-resources';
import { migration002 } from './002-outbox';
import { migration003 } from './003-outbox-outcome';
import { migration004 } from './004-queue-index';
import { migration005 } from './005-resident-context';
import { migration006 } from './006-drafts';
import { migration007 } from './007-unsent-messages';
import { migration008 } from './008-corrections';
import { migration009 } from './009-lean-cache-writes';
import { migration010 } from './010-kept-text';
import { migration011 } from './011-unsent-into-kept-text';
import { migration012 } from './012-resident-scope';
import { migration013 } from './013-photo-cache';
import type { Migration } from './migration';

/** Forward-only, in order. Add a file and list it here; never edit a released migration. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
];

export type { Migration };
