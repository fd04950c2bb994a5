import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { ContractError, type LockReason, type LockState } from '../../shared/contract';
import type { SecurityPolicy } from './policy';

export interface WorkstationLockDeps {
  policy: Pick<SecurityPolicy, 'idleLockMinutes' | 'maxOfflineHours'>;
  onChange(state: LockState): void;
  /** A video call is open: idle time does not lock it (the clinician is talking, not typing). */
  inCall(): boolean;
  /** Too many wrong passwords: the user is signed out (the cache closes, its key is dropped). */
  onTooManyAttempts(): void;
  now?: () => number;
}

export interface WorkstationLock {
  state(): LockState;
  locked(): boolean;
  /** Signed in with `password`: only a salted hash of it is kept, in memory, to unlock. */
  signedIn(password: string): Promise<void>;
  signedOut(): void;
  activity(): LockState;
  /** The backend answered: the offline-age clock starts again, and an offline lock can be unlocked. */
  contact(): void;
  lockNow(reason?: LockReason): LockState;
  unlock(password: string): Promise<LockState>;
  dispose(): void;
}

const maxAttempts = 5;
const scryptAsync = (password: string, salt: Buffer) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, 32, { N: 16384, r: 8, p: 1 }, (error, key) => (error ? reject(error) : resolve(key))),
  );

/**
 * The session lock. Locking hides everything and refuses calls (services.ts), but keeps the
 * session, the open cache, sync and a video call: unlocking with the password brings the user
 * back to exactly where they were, drafts included. Idle time is judged here, from the activity
 * the renderer reports, so a frozen or hidden renderer cannot keep a workstation open.
 */
export function createWorkstationLock(deps: WorkstationLockDeps): WorkstationLock {
  const now = deps.now ?? Date.now;
  const idleMs = deps.policy.idleLockMinutes * 60_000;
  const offlineMs = deps.policy.maxOfflineHours * 3_600_000;
  let verifier: { salt: Buffer; hash: Buffer } | null = null;
  let reason: LockReason | null = null;
  let lastActivity = now();
  let lastContact = now();
  let attempts = 0;
  let timer: NodeJS.Timeout | null = null;

  const state = (): LockState => ({ locked: reason !== null, reason, idleLockSeconds: idleMs / 1000 });
  const set = (next: LockReason | null) => {
    if (next === reason) return;
    reason = next;
    deps.onChange(state());
  };
  const tick = () => {
    if (!verifier) return;
    const at = now();
    if (at - lastContact >= offlineMs) set('offline');
    else if (reason === null && at - lastActivity >= idleMs && !deps.inCall()) set('idle');
  };
  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };

  return {
    state,
    locked: () => reason !== null,
    async signedIn(password) {
      const salt = randomBytes(16);
      verifier = { salt, hash: await scryptAsync(password, salt) };
      lastActivity = lastContact = now();
      attempts = 0;
      set(null);
      stopTimer();
      // Checked a few times per period (at most every 15 s), so a lock comes on time.
      timer = setInterval(tick, Math.max(250, Math.min(15_000, idleMs / 4, offlineMs / 4)));
      timer.unref();
    },
    signedOut() {
      stopTimer();
      verifier?.hash.fill(0);
      verifier = null;
      set(null);
    },
    activity() {
      if (reason === null) lastActivity = now();
      return state();
    },
    contact() {
      lastContact = now();
      // Reached again: the offline lock becomes an ordinary one (the password still opens it).
      if (reason === 'offline') set('idle');
    },
    lockNow(why = 'manual') {
      if (verifier && reason === null) set(why);
      return state();
    },
    async unlock(password) {
      if (!verifier) throw new ContractError('unauthenticated', 'Nobody is signed in.');
      if (reason === null) return state();
      if (reason === 'offline') throw new ContractError('unavailable', 'Reach the regional service before unlocking.');
      const held = verifier;
      const given = await scryptAsync(password, held.salt);
      if (verifier !== held) throw new ContractError('unauthenticated', 'The session has ended.');
      if (!timingSafeEqual(given, held.hash)) {
        attempts += 1;
        if (attempts >= maxAttempts) deps.onTooManyAttempts();
        throw new ContractError('unauthenticated', 'Wrong password.');
      }
      attempts = 0;
      lastActivity = now();
      set(null);
      return state();
    },
    dispose: stopTimer,
  };
}
