import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSummary, EnrollmentCode, SecurityNotice } from '../../../../shared/protocol/devices';
import { useApi } from '../../api/api-context';
import { useErrorText } from '../../app/use-result-error';
import { whenInWords } from './local-time';

/** The administrator's desk: enrollment codes, the workstations with their users, and locked accounts. */
export function DevicesView() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [devices, setDevices] = useState<DeviceSummary[] | null>(null);
  const [notices, setNotices] = useState<SecurityNotice[]>([]);
  const [code, setCode] = useState<EnrollmentCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const codeRef = useRef<HTMLParagraphElement>(null);
  const when = (iso: string) => whenInWords(iso, i18n.language);

  const load = useCallback(async () => {
    const result = await api['admin.devices']({});
    if (result.ok) {
      setDevices(result.value.devices);
      setNotices(result.value.notices);
      setError(null);
    } else setError(errorText(result.error));
  }, [api, errorText]);

  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const createCode = async () => {
    const result = await api['admin.createEnrollmentCode']({});
    if (result.ok) setCode(result.value);
    else setError(errorText(result.error));
  };
  // The new code is where the administrator reads it out next: focus moves there.
  useEffect(() => codeRef.current?.focus(), [code]);

  const revoke = async (deviceId: string) => {
    const result = await api['admin.revokeDevice']({ deviceId });
    if (result.ok) await load();
    else setError(errorText(result.error));
  };
  const unlock = async (staffId: string) => {
    const result = await api['admin.unlockAccount']({ staffId });
    if (result.ok) await load();
    else setError(errorText(result.error));
  };

  return (
    <section aria-labelledby="view-title" className="devices">
      <h1 id="view-title" tabIndex={-1}>
        {t('devices.title')}
      </h1>
      <p>{t('devices.intro')}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p>
        <button type="button" onClick={() => void createCode()}>
          {t('devices.createCode')}
        </button>{' '}
        <button type="button" className="secondary" onClick={() => void load()}>
          {t('devices.refresh')}
        </button>
      </p>
      {code && (
        <p ref={codeRef} tabIndex={-1} role="status" data-testid="enrollment-code">
          {t('devices.codeCreated', { code: code.code, until: when(code.expiresAt) })}
        </p>
      )}

      <h2>{t('devices.lockedTitle')}</h2>
      {notices.length === 0 ? (
        <p>{t('devices.noLocked')}</p>
      ) : (
        <ul>
          {notices.map((n) => (
            <li key={n.id}>
              {t('devices.locked', { name: n.staff.displayName, when: when(n.createdAt) })}{' '}
              <button type="button" className="secondary" onClick={() => void unlock(n.staff.id)}>
                {t('devices.unlock', { name: n.staff.displayName })}
              </button>
            </li>
          ))}
        </ul>
      )}

      <h2>{t('devices.devicesTitle')}</h2>
      {devices && devices.length === 0 && <p>{t('devices.noDevices')}</p>}
      {devices && devices.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('devices.device')}</th>
              <th scope="col">{t('devices.users')}</th>
              <th scope="col">{t('devices.version')}</th>
              <th scope="col">{t('devices.lastContact')}</th>
              <th scope="col">{t('devices.status')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id} data-device={d.id}>
                <th scope="row">{d.id.slice(0, 8)}</th>
                <td>{d.users.length ? d.users.map((u) => u.displayName).join(', ') : t('devices.nobody')}</td>
                <td>{d.appVersion}</td>
                <td>{when(d.lastContactAt)}</td>
                <td>
                  {d.revokedAt ? (
                    t('devices.revokedAt', { when: when(d.revokedAt) })
                  ) : (
                    <>
                      {t('devices.active')}{' '}
                      <button
                        type="button"
                        className="danger"
                        aria-label={t('devices.revokeLabel', { device: d.id.slice(0, 8) })}
                        onClick={() => void revoke(d.id)}
                      >
                        {t('devices.revoke')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
