import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SecurityPolicy } from '../lifecycle/policy';

/**
 * What the organisation's IT decides for every user of a workstation, in one JSON file that
 * only an administrator can write (deployed with the MSI, Intune or a Linux package). Every field
 * defaults to the strictest choice, so a missing file is a safe workstation.
 */
export const MachinePolicy = z
  .object({
    /** The regional backend; `https://` unless it runs on this computer (main/policy/backend-url.ts). */
    backendUrl: z
      .url({ protocol: /^https?$/ })
      .nullable()
      .default(null),
    /** Hosts (exact names, or `*.example.fi` for every subdomain) whose https links may open in the system browser. */
    externalLinkHosts: z.array(z.string().regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/)).default([]),
    /** PEM files of certificate authorities trusted besides the system's (e.g. the county's own CA). */
    extraCaCertificates: z.array(z.string().min(1)).default([]),
    /** Where the spellchecker's dictionaries (Chromium `.bdic`) are served inside the organisation; spellcheck stays off without it. */
    spellcheckDictionaryUrl: z
      .url({ protocol: /^(https|file)$/ })
      .nullable()
      .default(null),
    /** The spellchecker's languages, when it is on. */
    spellcheckLanguages: z.array(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/)).default(['fi', 'sv', 'en-GB']),
    /** Idle lock, offline age, purge and photo budget of the desktop app (main/lifecycle/policy.ts). */
    session: SecurityPolicy.prefault({}),
  })
  .strict();
export type MachinePolicy = z.infer<typeof MachinePolicy>;

export const strictestPolicy: MachinePolicy = MachinePolicy.parse({});

interface Where {
  /** The app runs from its installed package (Electron `app.isPackaged`); the browser host never is. */
  packaged: boolean;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
}

/**
 * The policy file's path. `KAARI_MACHINE_POLICY` is honoured only in development: in the
 * installed app a user (or malware running as the user) must not swap in their own trusted CA.
 */
export function machinePolicyPath({ packaged, env, platform }: Where): string {
  if (!packaged && env.KAARI_MACHINE_POLICY) return env.KAARI_MACHINE_POLICY;
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'Kaari', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Kaari/policy.json';
  return '/etc/kaari/policy.json';
}

/** Where the workstation finds its backend: the policy's address, else (development, the demo) the environment's, else this computer. */
export function backendUrlFor(policy: Pick<MachinePolicy, 'backendUrl'>, env: NodeJS.ProcessEnv): string {
  return policy.backendUrl ?? env.KAARI_BACKEND_URL ?? 'http://127.0.0.1:5180';
}

/** The policy, or the strictest one with the reason when the file is there but unusable. */
export function readMachinePolicy(path: string): { policy: MachinePolicy; problem: string | null } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { policy: strictestPolicy, problem: null };
    return {
      policy: strictestPolicy,
      problem: `The machine policy ${path} cannot be read (${(error as Error).message}); using the strictest settings.`,
    };
  }
  try {
    const parsed = MachinePolicy.safeParse(JSON.parse(text));
    if (parsed.success) return { policy: parsed.data, problem: null };
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(file)').join(', ');
    return {
      policy: strictestPolicy,
      problem: `The machine policy ${path} is not valid (${fields}); using the strictest settings.`,
    };
  } catch {
    return {
      policy: strictestPolicy,
      problem: `The machine policy ${path} is not JSON; using the strictest settings.`,
    };
  }
}
