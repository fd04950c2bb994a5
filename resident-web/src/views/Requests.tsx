import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { bodySiteCodes, photoViewCodes } from '../../../shared/photos/body-sites';
import { maxPhotoBytes, photoTypes } from '../../../shared/protocol/resident';
import type { ViewProps } from '../App';
import { ApiError, api } from '../api';
import { useKept } from '../kept-state';

const RequestId = z.uuid();
const newId = () => crypto.randomUUID();

/** One request form: sends once (a stable request id makes a resend harmless), then says what happens next. */
function RequestForm({
  owner,
  name,
  heading,
  submitLabel,
  done,
  send,
  sent: onSent,
  children,
}: {
  owner: string;
  name: string;
  heading: string;
  submitLabel: string;
  done: string;
  send: (requestId: string) => Promise<unknown>;
  sent: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  // Kept with the fields: sent again after a lost answer (or a reload), it is applied once.
  const [requestId, , nextId] = useKept(owner, `${name}:request`, newId, RequestId);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await send(requestId);
      nextId();
      onSent();
      setSent(true);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 400
          ? t('errors.invalid', { detail: err.message })
          : err instanceof Error && err.message === 'bad-file'
            ? t('photo.badFile')
            : t('errors.offline'),
      );
    }
  };
  return (
    <section>
      <h1 tabIndex={-1}>{heading}</h1>
      {sent ? (
        <p role="status">{done}</p>
      ) : (
        <form onSubmit={submit}>
          {children}
          <button type="submit">{submitLabel}</button>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

export function Callback({ session, language }: ViewProps) {
  const { t } = useTranslation();
  const [fields, setFields, sent] = useKept(
    session.patientId,
    'callback',
    () => ({ phone: '', reason: '' }),
    z.object({ phone: z.string(), reason: z.string() }),
  );
  const { phone, reason } = fields;
  const setPhone = (v: string) => setFields((f) => ({ ...f, phone: v }));
  const setReason = (v: string) => setFields((f) => ({ ...f, reason: v }));
  return (
    <RequestForm
      owner={session.patientId}
      name="callback"
      sent={sent}
      heading={t('callback.heading')}
      submitLabel={t('callback.submit')}
      done={t('callback.done')}
      send={(requestId) => api.callback(session.accessToken, { requestId, phone, reason, language })}
    >
      <label htmlFor="phone">{t('callback.phone')}</label>
      <input
        id="phone"
        type="tel"
        autoComplete="tel"
        required
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
      />
      <label htmlFor="reason">{t('callback.reason')}</label>
      <textarea id="reason" required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
    </RequestForm>
  );
}

export const base64 = (file: File): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('bad-file'));
    reader.readAsDataURL(file);
  });

const PhotoPlace = z.object({ bodySite: z.enum(bodySiteCodes).or(z.literal('')), view: z.enum(photoViewCodes) });

export function Photo({ session, language }: ViewProps) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription, sent] = useKept(session.patientId, 'photo', () => '', z.string());
  const [place, setPlace] = useKept(
    session.patientId,
    'photo:place',
    (): z.infer<typeof PhotoPlace> => ({ bodySite: '', view: 'close-up' }),
    PhotoPlace,
  );
  const send = async (requestId: string) => {
    // The backend reads the real type from the bytes; the browser's guess (often empty for HEIC) is only passed on.
    if (!file || file.size > maxPhotoBytes) throw new Error('bad-file');
    const takenAt = file.lastModified ? new Date(file.lastModified).toISOString() : undefined;
    const { bodySite, view } = place;
    return api.photo(session.accessToken, {
      requestId,
      description,
      contentType: file.type,
      dataBase64: await base64(file),
      language,
      view,
      takenAt,
      ...(bodySite ? { bodySite } : {}),
    });
  };
  return (
    <RequestForm
      owner={session.patientId}
      name="photo"
      sent={sent}
      heading={t('photo.heading')}
      submitLabel={t('photo.submit')}
      done={t('photo.done')}
      send={send}
    >
      <label htmlFor="photo">{t('photo.file')}</label>
      <input
        id="photo"
        type="file"
        accept={[...photoTypes, '.heic', '.heif'].join(',')}
        required
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <label htmlFor="body-site">{t('photo.bodySite')}</label>
      <select
        id="body-site"
        required
        value={place.bodySite}
        onChange={(e) => setPlace((p) => ({ ...p, bodySite: PhotoPlace.shape.bodySite.parse(e.target.value) }))}
      >
        <option value="" disabled />
        {bodySiteCodes.map((code) => (
          <option key={code} value={code}>
            {t(`bodySites.${code}`)}
          </option>
        ))}
      </select>
      <fieldset className="field">
        <legend>{t('photo.view')}</legend>
        {photoViewCodes.map((v) => (
          <label key={v} className="option">
            <input
              type="radio"
              name="photo-view"
              checked={place.view === v}
              onChange={() => setPlace((p) => ({ ...p, view: v }))}
            />{' '}
            {t(`photoViews.${v}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor="description">{t('photo.description')}</label>
      <textarea id="description" maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} />
    </RequestForm>
  );
}

const MeasurementForm = z.object({
  kind: z.enum(['blood-pressure', 'glucose']),
  systolic: z.string(),
  diastolic: z.string(),
  glucose: z.string(),
});
const newMeasurement = (): z.infer<typeof MeasurementForm> => ({
  kind: 'blood-pressure',
  systolic: '',
  diastolic: '',
  glucose: '',
});

export function Measurement({ session, language }: ViewProps) {
  const { t } = useTranslation();
  const [form, setForm, sent] = useKept(session.patientId, 'measurement', newMeasurement, MeasurementForm);
  const { kind, ...values } = form;
  const setKind = (k: typeof kind) => setForm((f) => ({ ...f, kind: k }));
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const send = (requestId: string) =>
    api.measurement(
      session.accessToken,
      kind === 'blood-pressure'
        ? { requestId, kind, systolic: Number(values.systolic), diastolic: Number(values.diastolic), language }
        : { requestId, kind, glucose: Number(values.glucose), language },
    );
  return (
    <RequestForm
      owner={session.patientId}
      name="measurement"
      sent={sent}
      heading={t('measurement.heading')}
      submitLabel={t('measurement.submit')}
      done={t('measurement.done')}
      send={send}
    >
      <fieldset className="field">
        <legend>{t('measurement.kind')}</legend>
        {(['blood-pressure', 'glucose'] as const).map((k) => (
          <label key={k} className="option">
            <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} /> {t(`measurement.${k}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'blood-pressure' ? (
        <>
          <label htmlFor="systolic">{t('measurement.systolic')}</label>
          <input
            id="systolic"
            type="number"
            required
            min={50}
            max={300}
            value={values.systolic}
            onChange={set('systolic')}
          />
          <label htmlFor="diastolic">{t('measurement.diastolic')}</label>
          <input
            id="diastolic"
            type="number"
            required
            min={20}
            max={200}
            value={values.diastolic}
            onChange={set('diastolic')}
          />
        </>
      ) : (
        <>
          <label htmlFor="glucose">{t('measurement.value')}</label>
          <input
            id="glucose"
            type="number"
            required
            min={0.5}
            max={50}
            step={0.1}
            value={values.glucose}
            onChange={set('glucose')}
          />
        </>
      )}
    </RequestForm>
  );
}
