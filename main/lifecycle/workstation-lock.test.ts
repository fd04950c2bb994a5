import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LockState } from '../../shared/contract';
import { policyFromEnv } from './policy';
import { createWorkstationLock } from './workstation-lock';

describe('the session lock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = (over: { inCall?: boolean } = {}) => {
    const changes: LockState[] = [];
    const tooMany = vi.fn();
    let inCall = over.inCall ?? false;
    const lock = createWorkstationLock({
      policy: { idleLockMinutes: 10, maxOfflineHours: 72 },
      onChange: (s) => changes.push(s),
      inCall: () => inCall,
      onTooManyAttempts: tooMany,
      now: () => Date.now(),
    });
    return { lock, changes, tooMany, setCall: (v: boolean) => (inCall = v) };
  };

  it('locks after ten idle minutes, not before, and activity starts the clock again', async () => {
    const { lock, changes } = setup();
    await lock.signedIn('kaari-demo');
    await vi.advanceTimersByTimeAsync(9 * 60_000);
    lock.activity();
    await vi.advanceTimersByTimeAsync(9 * 60_000);
    expect(lock.locked()).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000 + 15_000);
    expect(lock.state()).toEqual({ locked: true, reason: 'idle', idleLockSeconds: 600 });
    expect(changes.at(-1)).toMatchObject({ locked: true, reason: 'idle' });
    lock.dispose();
  });

  it('does not lock a video call for being idle; the user can still lock it', async () => {
    const { lock, setCall } = setup({ inCall: true });
    await lock.signedIn('kaari-demo');
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(lock.locked()).toBe(false);
    expect(lock.lockNow()).toMatchObject({ locked: true, reason: 'manual' });
    setCall(false);
    lock.dispose();
  });

  it('unlocks with the password only; five wrong tries sign the user out', async () => {
    const { lock, tooMany } = setup();
    await lock.signedIn('kaari-demo');
    lock.lockNow();
    await expect(lock.unlock('wrong')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(lock.locked()).toBe(true);
    expect(await lock.unlock('kaari-demo')).toMatchObject({ locked: false });
    lock.lockNow();
    for (let i = 0; i < 4; i += 1)
      await expect(lock.unlock(`wrong${i}`)).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(tooMany).not.toHaveBeenCalled();
    await expect(lock.unlock('wrong5')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(tooMany).toHaveBeenCalledTimes(1);
    lock.dispose();
  });

  it('locks after the maximum offline age until the backend is reached, then the password opens it', async () => {
    const { lock } = setup();
    await lock.signedIn('kaari-demo');
    // Someone keeps working offline: activity does not stop the offline-age lock.
    for (let h = 0; h < 72; h += 1) {
      lock.activity();
      await vi.advanceTimersByTimeAsync(60 * 60_000);
    }
    await vi.advanceTimersByTimeAsync(15_000);
    expect(lock.state()).toMatchObject({ locked: true, reason: 'offline' });
    await expect(lock.unlock('kaari-demo')).rejects.toMatchObject({ code: 'unavailable' });
    lock.contact();
    expect(lock.state()).toMatchObject({ locked: true, reason: 'idle' });
    expect(await lock.unlock('kaari-demo')).toMatchObject({ locked: false });
    lock.dispose();
  });

  it('forgets the password at sign-out, and nothing is locked for nobody', async () => {
    const { lock } = setup();
    await lock.signedIn('kaari-demo');
    lock.lockNow();
    lock.signedOut();
    expect(lock.locked()).toBe(false);
    expect(lock.lockNow()).toMatchObject({ locked: false });
    await expect(lock.unlock('kaari-demo')).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('reads the policy from the environment and refuses a value that is not a positive number', () => {
    expect(policyFromEnv({})).toEqual({
      idleLockMinutes: 10,
      maxOfflineHours: 72,
      purgeAfterDays: 30,
      photoCacheMb: 500,
    });
    expect(policyFromEnv({ KAARI_IDLE_LOCK_MINUTES: '0.05', KAARI_PURGE_AFTER_DAYS: '7' })).toMatchObject({
      idleLockMinutes: 0.05,
      purgeAfterDays: 7,
    });
    expect(() => policyFromEnv({ KAARI_IDLE_LOCK_MINUTES: 'ten' })).toThrow();
    expect(() => policyFromEnv({ KAARI_MAX_OFFLINE_HOURS: '-1' })).toThrow();
    // Over the machine policy's values, field by field.
    expect(policyFromEnv({ KAARI_IDLE_LOCK_MINUTES: '1' }, { idleLockMinutes: 5, purgeAfterDays: 14 })).toMatchObject({
      idleLockMinutes: 1,
      purgeAfterDays: 14,
      maxOfflineHours: 72,
    });
  });
});
