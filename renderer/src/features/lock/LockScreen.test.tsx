// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fail, ok, type User } from '../../../../shared/contract';
import { fakeApi, renderWithApi } from '../../test-support/render-with-api';
import { LockScreen } from './LockScreen';

const user: User = {
  id: 'staff-nurse-bjorn',
  username: 'bjorn',
  displayName: 'Björn Sjöström',
  roles: ['nurse'],
  profession: 'nurse',
  languages: ['sv', 'fi'],
  themes: [],
};
const locked = { locked: true, reason: 'idle' as const, idleLockSeconds: 600 };

describe('the lock screen', () => {
  it("says why in the user's language, takes the password by keyboard, and says plainly when it is wrong", async () => {
    const fake = fakeApi({
      'lock.unlock': ({ password }) =>
        Promise.resolve(
          password === 'kaari-demo'
            ? ok({ ...locked, locked: false, reason: null })
            : fail('unauthenticated', 'Wrong password.'),
        ),
    });
    renderWithApi(<LockScreen user={user} lock={locked} onSignedOut={() => undefined} />, fake, 'sv');
    expect(screen.getByRole('heading', { name: 'Arbetsstationen är låst' })).toBeTruthy();
    expect(screen.getByText(/Låst eftersom arbetsstationen inte användes/)).toBeTruthy();
    expect(screen.getByText('Inloggad: Björn Sjöström')).toBeTruthy();
    const password = screen.getByLabelText('Lösenord');
    expect(document.activeElement).toBe(password);
    await userEvent.keyboard('fel{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('Fel lösenord.');
    await userEvent.type(screen.getByLabelText('Lösenord'), 'kaari-demo{Enter}');
    expect(fake.calls.filter((c) => c.name === 'lock.unlock').map((c) => c.input)).toEqual([
      { password: 'fel' },
      { password: 'kaari-demo' },
    ]);
  });

  it('tells an offline lock apart, in English, and switching user signs out', async () => {
    const signedOut = { user: null, notice: null };
    const onSignedOut = vi.fn();
    const fake = fakeApi({
      'lock.unlock': () => Promise.resolve(fail('unavailable', 'offline')),
      'session.signOut': () => Promise.resolve(ok(signedOut)),
    });
    renderWithApi(
      <LockScreen user={user} lock={{ ...locked, reason: 'offline' }} onSignedOut={onSignedOut} />,
      fake,
      'en',
    );
    expect(screen.getByText(/has not been reached for too long/)).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Password'), 'kaari-demo{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('still not been reached');
    await userEvent.click(screen.getByRole('button', { name: 'Switch user' }));
    expect(onSignedOut).toHaveBeenCalledWith(signedOut);
  });
});
