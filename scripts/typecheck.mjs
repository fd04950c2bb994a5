// `npm run typecheck` is `tsc -b` over the root tsconfig.json's project references; this script
// stays for anyone who runs it by name. Each side keeps its own tsconfig with only its own
// runtime's types (`window` in shared/ or `Buffer` in renderer/ fails); `tsc -b` checks them in
// one process and, with the .tsbuildinfo files in .cache/tsc/, only again where something changed.
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['tsc', '-b'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
