// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../../shared/contract';
import { fakeApi, renderWithApi } from '../../test-support/render-with-api';
import { alertUrgent } from '../queue/alert-urgent';
import { SettingsView } from './SettingsView';

/** The system's notifications, recording its permission question and every notification shown. */
function fakeNotifications(permission: NotificationPermission) {
  const shown: string[] = [];
  const requestPermission = vi.fn(async () => 'granted' as const);
  vi.stubGlobal(
    'Notification',
    class {
      static permission = permission;
      static requestPermission = requestPermission;
      constructor(title: string) {
        shown.push(title);
      }
    },
  );
  return { shown, requestPermission };
}
afterEach(() => vi.unstubAllGlobals());

describe('desktop notifications', () => {
  it('are off until the user switches them on; only then does the system ask its question', async () => {
    const system = fakeNotifications('default');
    const onChange = vi.fn(async () => true);
    renderWithApi(<SettingsView settings={defaultSettings} onChange={onChange} />, fakeApi({}));
    const optIn = screen.getByRole('checkbox', { name: 'Also show urgent contacts as desktop notifications' });
    expect((optIn as HTMLInputElement).checked).toBe(false);
    expect(system.requestPermission).not.toHaveBeenCalled();

    await userEvent.click(optIn);
    expect(system.requestPermission).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ desktopNotifications: true });
  });

  it('are shown for an urgent contact only when opted in, even where the system allows them', () => {
    const system = fakeNotifications('granted');
    alertUrgent('New urgent contact', 'P0', false);
    expect(system.shown).toEqual([]);
    alertUrgent('New urgent contact', 'P0', true);
    expect(system.shown).toEqual(['New urgent contact']);
  });
});
