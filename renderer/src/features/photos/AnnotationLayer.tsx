import type { PhotoAnnotations, Shape } from '../../../../shared/photos/annotations';
import { measuredMillimetres } from '../../../../shared/photos/annotations';
import { formatMillimetres } from './annotation-words';

interface Props {
  annotations: Pick<PhotoAnnotations, 'width' | 'height' | 'reference' | 'shapes'>;
  /** A shape being drawn, shown before it is kept. */
  preview?: Shape | { kind: 'reference'; from: { x: number; y: number }; to: { x: number; y: number } } | null;
  /** Where the keyboard would set the next point. */
  cursor?: { x: number; y: number } | null;
  language: string;
  /** Screen pixels per picture pixel: labels keep a readable size at any zoom. */
  scale: number;
}

const colour = '#ffd400';

/** The marks over the picture, in the picture's own pixels (so they turn and zoom with it); the picture itself is never changed. */
export function AnnotationLayer({ annotations, preview, cursor, language, scale }: Props) {
  const { width: w, height: h } = annotations;
  const stroke = { stroke: colour, strokeWidth: 3, vectorEffect: 'non-scaling-stroke' as const, fill: 'none' };
  const font = 14 / (scale || 1);
  const at = (p: { x: number; y: number }) => [p.x * w, p.y * h] as const;
  const draw = (shape: Shape | NonNullable<Props['preview']>, key: string) => {
    switch (shape.kind) {
      case 'arrow': {
        const [x1, y1] = at(shape.from);
        const [x2, y2] = at(shape.to);
        return (
          <line
            key={key}
            data-testid="mark-arrow"
            x1={x1}
            y1={y1}
            x2={x2}
            y2={y2}
            {...stroke}
            markerEnd="url(#arrowhead)"
          />
        );
      }
      case 'circle': {
        const [cx, cy] = at(shape.center);
        const [ex, ey] = at(shape.edge);
        return (
          <circle key={key} data-testid="mark-circle" cx={cx} cy={cy} r={Math.hypot(ex - cx, ey - cy)} {...stroke} />
        );
      }
      case 'line':
        return (
          <polyline
            key={key}
            data-testid="mark-line"
            points={shape.points.map((p) => at(p).join(',')).join(' ')}
            {...stroke}
          />
        );
      case 'text': {
        const [x, y] = at(shape.at);
        return (
          <text
            key={key}
            data-testid="mark-text"
            x={x}
            y={y}
            fill={colour}
            stroke="#000"
            strokeWidth={font / 12}
            paintOrder="stroke"
            fontSize={font}
          >
            {shape.text}
          </text>
        );
      }
      case 'measure':
      case 'reference': {
        const [x1, y1] = at(shape.from);
        const [x2, y2] = at(shape.to);
        const mm = shape.kind === 'measure' ? measuredMillimetres(annotations, shape.from, shape.to) : null;
        const label =
          shape.kind === 'reference'
            ? annotations.reference && key === 'reference'
              ? `${formatMillimetres(annotations.reference.millimetres, language)}`
              : ''
            : mm === null
              ? '?'
              : formatMillimetres(mm, language);
        return (
          <g key={key} data-testid={`mark-${shape.kind}`}>
            <line
              x1={x1}
              y1={y1}
              x2={x2}
              y2={y2}
              {...stroke}
              stroke={shape.kind === 'reference' ? '#4fc3f7' : colour}
              strokeDasharray={shape.kind === 'reference' ? '6 4' : undefined}
              markerStart="url(#tick)"
              markerEnd="url(#tick)"
            />
            {label && (
              <text
                x={(x1 + x2) / 2}
                y={(y1 + y2) / 2 - font / 2}
                fill={shape.kind === 'reference' ? '#4fc3f7' : colour}
                stroke="#000"
                strokeWidth={font / 12}
                paintOrder="stroke"
                fontSize={font}
                textAnchor="middle"
              >
                {label}
              </text>
            )}
          </g>
        );
      }
    }
  };
  return (
    <svg className="photo-marks" viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" aria-hidden="true">
      <defs>
        <marker
          id="arrowhead"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" fill={colour} />
        </marker>
        <marker id="tick" viewBox="0 0 2 10" refX="1" refY="5" markerWidth="2" markerHeight="8" orient="auto">
          <rect width="2" height="10" fill={colour} />
        </marker>
      </defs>
      {annotations.reference && draw({ kind: 'reference', ...annotations.reference }, 'reference')}
      {annotations.shapes.map((s, i) => draw(s, String(i)))}
      {preview && draw(preview, 'preview')}
      {cursor && (
        <g data-testid="mark-cursor">
          {[0, 1].map((outline) => (
            <g key={outline} stroke={outline ? colour : '#000'} strokeWidth={outline ? 2 : 5}>
              <line
                x1={cursor.x * w - font}
                y1={cursor.y * h}
                x2={cursor.x * w + font}
                y2={cursor.y * h}
                vectorEffect="non-scaling-stroke"
              />
              <line
                x1={cursor.x * w}
                y1={cursor.y * h - font}
                x2={cursor.x * w}
                y2={cursor.y * h + font}
                vectorEffect="non-scaling-stroke"
              />
            </g>
          ))}
        </g>
      )}
    </svg>
  );
}
