import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A stable id for this installation, used to bind tokens to the enrolled device. */
export function deviceId(dataDir: string): string {
  const file = join(dataDir, 'device-id');
  if (!existsSync(file)) writeFileSync(file, randomUUID(), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}
