import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type PhotoAnnotations,
  type Point,
  type Shape,
  measuredMillimetres,
} from '../../../../shared/photos/annotations';
import type { PhotoSummary } from '../../../../shared/photos/photo-summary';
import { useApi } from '../../api/api-context';
import './photos.css';
import { formatMillimetres } from './annotation-words';
import { Filmstrip } from './Filmstrip';
import { type Drawn, PhotoCanvas, type Tool } from './PhotoCanvas';
import { type ViewState, fitted, rotate, zoomAt } from './view-state';

const tools: Tool[] = ['pan', 'arrow', 'circle', 'line', 'text', 'measure', 'reference'];

/**
 * The photo of a contact under review: the viewer, the resident's other photos by date, a
 * side-by-side comparison with one of them (both follow the same zoom and pan), and marks drawn
 * on the photo, saved into the contact's documentation as they are made.
 */
export function PhotoReview({
  mediaId,
  taskId,
  canAnnotate,
}: {
  mediaId: string;
  taskId: string;
  canAnnotate: boolean;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [photos, setPhotos] = useState<PhotoSummary[] | null>(null);
  const [currentId, setCurrentId] = useState(mediaId);
  const [compareId, setCompareId] = useState<string | null>(null);
  const [view, setView] = useState<ViewState>(fitted);
  const [tool, setTool] = useState<Tool>('pan');
  const [saved, setSaved] = useState<PhotoAnnotations[]>([]);
  const [pending, setPending] = useState<
    { kind: 'text'; at: Point } | { kind: 'reference'; from: Point; to: Point } | null
  >(null);
  const [pendingText, setPendingText] = useState('');
  const [status, setStatus] = useState('');
  const onView = useCallback((next: ViewState | ((v: ViewState) => ViewState)) => setView(next), []);

  useEffect(() => {
    void api['photos.list']({ mediaId }).then((r) => setPhotos(r.ok ? r.value : []));
  }, [api, mediaId]);
  useEffect(() => {
    if (canAnnotate)
      void api['documentation.open']({ taskId }).then((r) => r.ok && setSaved(r.value.fields.photoAnnotations ?? []));
  }, [api, taskId, canAnnotate]);

  const current = photos?.find((p) => p.id === currentId);
  const compare = photos?.find((p) => p.id === compareId);
  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Europe/Helsinki',
    });
  const site = (p: PhotoSummary) => t(`photos.site.${p.bodySite ?? 'unknown'}`);
  const describe = (p: PhotoSummary) => `${when(p.taken)}, ${site(p)}${p.title ? `: ${p.title}` : ''}`;
  // Comparisons are offered with photos of the same place first.
  const comparable =
    current && photos
      ? [...photos.filter((p) => p.id !== current.id)].sort(
          (a, b) => Number(b.bodySite === current.bodySite) - Number(a.bodySite === current.bodySite),
        )
      : [];
  useEffect(() => {
    if (!current || !photos || compareId !== null) return;
    // Opened with the previous photo of the same place beside it, when there is one.
    const previous = photos.find(
      (p) => p.id !== current.id && p.bodySite !== null && p.bodySite === current.bodySite && p.taken < current.taken,
    );
    if (previous) setCompareId(previous.id);
  }, [current, photos, compareId]);

  const marks: PhotoAnnotations | null = current
    ? (saved.find((a) => a.mediaId === current.id) ?? {
        mediaId: current.id,
        width: current.width,
        height: current.height,
        reference: null,
        shapes: [],
      })
    : null;
  const save = async (next: PhotoAnnotations) => {
    setSaved((all) => [...all.filter((a) => a.mediaId !== next.mediaId), next]);
    const r = await api['documentation.annotatePhoto']({ taskId, annotations: next });
    if (r.ok) {
      setSaved(r.value.fields.photoAnnotations ?? []);
      setStatus(t('photos.saved'));
    } else setStatus(r.error.message);
  };
  const drawn = (shape: Drawn) => {
    if (!marks) return;
    if (shape.kind === 'reference') setPending(shape);
    else if (shape.kind === 'text') setPending({ kind: 'text', at: shape.at });
    else void save({ ...marks, shapes: [...marks.shapes, shape] });
  };
  const confirmPending = (e: FormEvent) => {
    e.preventDefault();
    if (!marks || !pending) return;
    const value = pendingText.trim();
    if (pending.kind === 'text' && value)
      void save({ ...marks, shapes: [...marks.shapes, { kind: 'text', at: pending.at, text: value.slice(0, 200) }] });
    const mm = Number(value.replace(',', '.'));
    if (pending.kind === 'reference' && mm > 0 && mm <= 1000)
      void save({ ...marks, reference: { from: pending.from, to: pending.to, millimetres: mm } });
    setPending(null);
    setPendingText('');
  };
  const describeShape = (shape: Shape) => {
    const name = t(`photos.tool.${shape.kind}`);
    if (shape.kind === 'text') return `${name}: ${shape.text}`;
    if (shape.kind !== 'measure' || !marks) return name;
    const mm = measuredMillimetres(marks, shape.from, shape.to);
    return `${name} ${mm === null ? t('photos.summary.uncalibrated') : formatMillimetres(mm, i18n.language)}`;
  };

  if (!photos) return null;
  if (!current) return <p className="muted">{t('photos.missing')}</p>;
  return (
    <div className="photo-review" data-testid="photo-review">
      <div className={`photo-stages${compare ? ' photo-compare' : ''}`}>
        <figure>
          <PhotoCanvas
            mediaId={current.id}
            width={current.width}
            height={current.height}
            label={describe(current)}
            view={view}
            onView={onView}
            annotations={marks ?? undefined}
            tool={canAnnotate ? tool : 'pan'}
            onDrawn={canAnnotate ? drawn : undefined}
            testId="photo-main"
            describedBy={canAnnotate && tool !== 'pan' ? `photo-keys-${taskId}` : undefined}
          />
          <figcaption title={describe(current)}>{`${when(current.taken)}, ${site(current)}`}</figcaption>
        </figure>
        {compare && (
          <figure>
            <PhotoCanvas
              mediaId={compare.id}
              width={compare.width}
              height={compare.height}
              label={describe(compare)}
              view={view}
              onView={onView}
              annotations={saved.find((a) => a.mediaId === compare.id)}
              testId="photo-compare"
            />
            <figcaption title={describe(compare)}>{`${when(compare.taken)}, ${site(compare)}`}</figcaption>
          </figure>
        )}
      </div>
      <div className="photo-toolbar" role="toolbar" aria-label={t('photos.review')}>
        <button type="button" className="secondary" onClick={() => setView((v) => zoomAt(v, 1.25))}>
          {t('photos.zoomIn')}
        </button>
        <button type="button" className="secondary" onClick={() => setView((v) => zoomAt(v, 0.8))}>
          {t('photos.zoomOut')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => setView((v) => ({ ...fitted, brightness: v.brightness, contrast: v.contrast }))}
        >
          {t('photos.fit')}
        </button>
        <button type="button" className="secondary" onClick={() => setView((v) => ({ ...v, actualPixels: true }))}>
          {t('photos.actualPixels')}
        </button>
        <button type="button" className="secondary" onClick={() => setView(rotate)}>
          {t('photos.rotate')}
        </button>
        <label>
          {t('photos.brightness')}
          <input
            type="range"
            min={0.3}
            max={2}
            step={0.05}
            value={view.brightness}
            onChange={(e) => setView((v) => ({ ...v, brightness: Number(e.target.value) }))}
          />
        </label>
        <label>
          {t('photos.contrast')}
          <input
            type="range"
            min={0.3}
            max={2}
            step={0.05}
            value={view.contrast}
            onChange={(e) => setView((v) => ({ ...v, contrast: Number(e.target.value) }))}
          />
        </label>
        <span role="status" data-testid="zoom-level">
          {t('photos.zoomLevel', { percent: Math.round(view.zoom * 100) })}
        </span>
        <label>
          {t('photos.compareWith')}
          <select value={compareId ?? ''} onChange={(e) => setCompareId(e.target.value || null)}>
            <option value="">{t('photos.compareNone')}</option>
            {comparable.map((p) => (
              <option key={p.id} value={p.id}>
                {describe(p)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {canAnnotate ? (
        <fieldset className="photo-tools">
          <legend>{t('photos.tools')}</legend>
          {tools.map((k) => (
            <label key={k} className="option">
              <input type="radio" name={`photo-tool-${taskId}`} checked={tool === k} onChange={() => setTool(k)} />{' '}
              {t(`photos.tool.${k}`)}
            </label>
          ))}
          {tool === 'reference' && <p className="hint">{t('photos.referenceHint')}</p>}
          {tool !== 'pan' && (
            <p className="hint" id={`photo-keys-${taskId}`}>
              {t('photos.keyboardHint')}
            </p>
          )}
        </fieldset>
      ) : (
        <p className="hint">{t('photos.holdToAnnotate')}</p>
      )}
      {pending && (
        <form className="photo-pending" onSubmit={confirmPending}>
          <label htmlFor={`pending-${taskId}`}>
            {pending.kind === 'text' ? t('photos.textLabel') : t('photos.referenceLength')}
          </label>
          <input
            id={`pending-${taskId}`}
            autoFocus
            inputMode={pending.kind === 'reference' ? 'decimal' : 'text'}
            value={pendingText}
            onChange={(e) => setPendingText(e.target.value)}
            maxLength={200}
          />
          <button type="submit">{pending.kind === 'text' ? t('photos.addText') : t('photos.saveReference')}</button>
        </form>
      )}
      {canAnnotate && marks && (
        <section aria-label={t('photos.annotations')}>
          {marks.reference || marks.shapes.length ? (
            <ul className="photo-marks-list" data-testid="photo-marks">
              {marks.reference && (
                <li>
                  {t('photos.reference', {
                    mm: formatMillimetres(marks.reference.millimetres, i18n.language).replace(' mm', ''),
                  })}{' '}
                  <button type="button" className="link" onClick={() => void save({ ...marks, reference: null })}>
                    {t('photos.remove', { what: t('photos.tool.reference') })}
                  </button>
                </li>
              )}
              {marks.shapes.map((shape, i) => (
                <li key={i}>
                  {describeShape(shape)}{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() => void save({ ...marks, shapes: marks.shapes.filter((_, j) => j !== i) })}
                  >
                    {t('photos.remove', { what: describeShape(shape) })}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('photos.noAnnotations')}</p>
          )}
          <p role="status" className="muted">
            {status}
          </p>
        </section>
      )}
      <Filmstrip
        photos={photos}
        currentId={current.id}
        describe={describe}
        onOpen={(id) => {
          setCurrentId(id);
          if (id === compareId) setCompareId(null);
        }}
      />
    </div>
  );
}

/** Opened on request, so that each look at a resident's photo is a deliberate, logged read. */
export function ReviewPhoto({
  mediaId,
  taskId,
  canAnnotate,
}: {
  mediaId: string;
  taskId: string;
  canAnnotate: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (open) return <PhotoReview mediaId={mediaId} taskId={taskId} canAnnotate={canAnnotate} />;
  return (
    <button type="button" className="secondary" onClick={() => setOpen(true)}>
      {t('photos.show')}
    </button>
  );
}
