import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhotoAnnotations, Point, Shape } from '../../../../shared/photos/annotations';
import { AnnotationLayer } from './AnnotationLayer';
import { useKeyboardMarks } from './use-keyboard-marks';
import { usePhoto } from './use-photo';
import { type ViewState, fitScale, fitted, rotate, zoomAt } from './view-state';

export type Tool = 'pan' | Shape['kind'] | 'reference';
export type Drawn = Shape | { kind: 'reference'; from: Point; to: Point };

interface Props {
  mediaId: string;
  /** The original's size in pixels (the marks and 1:1 are in these). */
  width: number;
  height: number;
  label: string;
  view: ViewState;
  onView(next: ViewState | ((v: ViewState) => ViewState)): void;
  annotations?: Pick<PhotoAnnotations, 'width' | 'height' | 'reference' | 'shapes'>;
  tool?: Tool;
  /** A finished shape; text marks ask for their words afterwards. */
  onDrawn?(shape: Drawn): void;
  testId?: string;
  /** The id of the words that say how to draw by keyboard. */
  describedBy?: string;
}

/**
 * One photo on a stage: fitted, zoomed by wheel, pinch or keys around the pointer, panned by
 * dragging or arrow keys, turned, with brightness and contrast. The review size is shown until
 * the zoom asks for more pixels than it has; then the original is fetched.
 */
export function PhotoCanvas({
  mediaId,
  width,
  height,
  label,
  view,
  onView,
  annotations,
  tool = 'pan',
  onDrawn,
  testId,
  describedBy,
}: Props) {
  const { t, i18n } = useTranslation();
  const stage = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const fit = fitScale(size, { width, height }, view.rotation);
  const scale = fit * view.zoom;
  const needOriginal = scale * Math.max(width, height) > 2048 * 1.05;
  const review = usePhoto(mediaId, 'review');
  const original = usePhoto(needOriginal ? mediaId : null, 'original');
  const shown = needOriginal && original && original !== 'missing' ? original : review;
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef<{ kind: 'pan' | 'pinch' | 'draw'; distance?: number; from?: Point; points?: Point[] } | null>(
    null,
  );
  const [preview, setPreview] = useState<Drawn | null>(null);

  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    // Wheel zoom must stop the page from scrolling, which React's passive wheel listener cannot.
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      onView((v) =>
        zoomAt(v, Math.exp(-e.deltaY / 400), e.clientX - r.left - r.width / 2, e.clientY - r.top - r.height / 2),
      );
    };
    el.addEventListener('wheel', wheel, { passive: false });
    return () => {
      observer.disconnect();
      el.removeEventListener('wheel', wheel);
    };
  }, [onView]);

  useEffect(() => {
    if (view.actualPixels && fit) onView((v) => ({ ...v, zoom: 1 / fit, x: 0, y: 0, actualPixels: false }));
  }, [view.actualPixels, fit, onView]);

  /** Screen point → fraction of the picture, undoing pan, rotation and scale. */
  const toPicture = (clientX: number, clientY: number): Point => {
    const r = stage.current?.getBoundingClientRect() ?? { left: 0, top: 0, width: 0, height: 0 };
    const dx = clientX - r.left - r.width / 2 - view.x;
    const dy = clientY - r.top - r.height / 2 - view.y;
    const a = (-view.rotation * Math.PI) / 180;
    const ux = (dx * Math.cos(a) - dy * Math.sin(a)) / scale + width / 2;
    const uy = (dx * Math.sin(a) + dy * Math.cos(a)) / scale + height / 2;
    return { x: Math.min(1, Math.max(0, ux / width)), y: Math.min(1, Math.max(0, uy / height)) };
  };

  const shapeOf = (from: Point, to: Point, points: Point[]): Drawn | null => {
    switch (tool) {
      case 'arrow':
      case 'measure':
      case 'reference':
        return { kind: tool, from, to };
      case 'circle':
        return { kind: 'circle', center: from, edge: to };
      case 'line':
        return points.length >= 2 ? { kind: 'line', points } : null;
      case 'text':
        return { kind: 'text', at: from, text: '…' };
      default:
        return null;
    }
  };

  const down = (e: PointerEvent<HTMLDivElement>) => {
    stage.current?.setPointerCapture(e.pointerId);
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()];
      gesture.current = { kind: 'pinch', distance: Math.hypot((a?.x ?? 0) - (b?.x ?? 0), (a?.y ?? 0) - (b?.y ?? 0)) };
      setPreview(null);
    } else if (tool === 'pan' || !onDrawn) {
      gesture.current = { kind: 'pan' };
    } else {
      const from = toPicture(e.clientX, e.clientY);
      gesture.current = { kind: 'draw', from, points: [from] };
    }
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    const last = pointers.current.get(e.pointerId);
    if (!last || !gesture.current) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const g = gesture.current;
    if (g.kind === 'pan') onView((v) => ({ ...v, x: v.x + e.clientX - last.x, y: v.y + e.clientY - last.y }));
    if (g.kind === 'pinch' && pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()];
      const distance = Math.hypot((a?.x ?? 0) - (b?.x ?? 0), (a?.y ?? 0) - (b?.y ?? 0));
      if (g.distance) onView((v) => zoomAt(v, distance / (g.distance ?? distance)));
      g.distance = distance;
    }
    if (g.kind === 'draw' && g.from) {
      const to = toPicture(e.clientX, e.clientY);
      if (tool === 'line') g.points?.push(to);
      setPreview(shapeOf(g.from, to, g.points ?? []));
    }
  };
  const up = (e: PointerEvent<HTMLDivElement>) => {
    pointers.current.delete(e.pointerId);
    const g = gesture.current;
    if (pointers.current.size > 0) return;
    gesture.current = null;
    setPreview(null);
    if (g?.kind !== 'draw' || !g.from) return;
    const to = toPicture(e.clientX, e.clientY);
    const shape = shapeOf(g.from, to, (g.points ?? []).slice(0, 400));
    // A click without a drag makes a mark only for text; lines need length.
    const moved = Math.hypot((to.x - g.from.x) * width, (to.y - g.from.y) * height) * scale > 4;
    if (shape && (moved || tool === 'text')) onDrawn?.(shape);
  };

  const keyboard = useKeyboardMarks(tool, { width, height }, view.rotation, shapeOf, onDrawn);
  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    if (keyboard.onKey(e)) {
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    const step = 40;
    const actions: Record<string, (v: ViewState) => ViewState> = {
      '+': (v) => zoomAt(v, 1.25),
      '=': (v) => zoomAt(v, 1.25),
      '-': (v) => zoomAt(v, 0.8),
      '0': (v) => ({ ...fitted, brightness: v.brightness, contrast: v.contrast }),
      '1': (v) => ({ ...v, actualPixels: true }),
      r: rotate,
      R: rotate,
      ArrowLeft: (v) => ({ ...v, x: v.x + step }),
      ArrowRight: (v) => ({ ...v, x: v.x - step }),
      ArrowUp: (v) => ({ ...v, y: v.y + step }),
      ArrowDown: (v) => ({ ...v, y: v.y - step }),
    };
    const action = actions[e.key];
    if (!action || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    onView(action);
  };

  const transform = `translate(-50%, -50%) translate(${view.x}px, ${view.y}px) rotate(${view.rotation}deg) scale(${scale})`;
  return (
    <div
      ref={stage}
      className={`photo-stage tool-${tool}`}
      role="application"
      aria-roledescription={t('photos.review')}
      aria-label={t('photos.viewer', { title: label })}
      tabIndex={0}
      aria-describedby={describedBy}
      data-testid={testId}
      data-zoom={view.zoom.toFixed(3)}
      onKeyDown={key}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={up}
    >
      {shown === 'missing' && <p className="muted">{t('photos.missing')}</p>}
      {shown && shown !== 'missing' && (
        <div className="photo-frame" style={{ width, height, transform }}>
          <img
            src={shown.src}
            alt={label}
            data-testid="resident-photo"
            draggable={false}
            style={{ filter: `brightness(${view.brightness}) contrast(${view.contrast})` }}
          />
          {annotations && (
            <AnnotationLayer
              annotations={annotations}
              preview={preview ?? keyboard.preview}
              cursor={keyboard.cursor}
              language={i18n.language}
              scale={scale}
            />
          )}
        </div>
      )}
    </div>
  );
}
