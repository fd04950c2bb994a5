import { type KeyboardEvent, useState } from 'react';
import type { Point } from '../../../../shared/photos/annotations';
import type { Drawn, Tool } from './PhotoCanvas';

type ShapeOf = (from: Point, to: Point, points: Point[]) => Drawn | null;

const moves: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};
const clamp = (n: number) => Math.min(1, Math.max(0, n));
const centre: Point = { x: 0.5, y: 0.5 };

/**
 * Drawing marks without a pointer: with a drawing tool chosen, the arrow keys move a cursor over
 * the picture (Shift for fine steps), Enter sets a point and Esc drops the mark in progress. A free
 * line takes a point per Enter and ends with Enter pressed twice on the same spot. Steps follow
 * the screen, so a turned picture still moves the way the arrow points.
 */
export function useKeyboardMarks(
  tool: Tool,
  size: { width: number; height: number },
  rotation: number,
  shapeOf: ShapeOf,
  onDrawn?: (shape: Drawn) => void,
) {
  const [state, setState] = useState<{ tool: Tool; cursor: Point; points: Point[] }>({
    tool,
    cursor: centre,
    points: [],
  });
  // A new tool starts a new mark where the cursor was.
  const current = state.tool === tool ? state : { tool, cursor: state.cursor, points: [] };
  const active = tool !== 'pan' && !!onDrawn;
  const { cursor, points } = current;
  const first = points[0];
  const preview = active && first ? shapeOf(first, cursor, [...points, cursor]) : null;

  const finish = (shape: Drawn | null) => {
    if (shape) onDrawn?.(shape);
    setState({ tool, cursor, points: [] });
  };

  /** True when the key was a drawing key (the caller then leaves it alone). */
  const onKey = (e: KeyboardEvent): boolean => {
    if (!active || e.ctrlKey || e.metaKey || e.altKey) return false;
    const move = moves[e.key];
    if (move) {
      const pixels = Math.max(size.width, size.height) * (e.shiftKey ? 0.005 : 0.02);
      const a = (-rotation * Math.PI) / 180;
      const dx = move[0] * Math.cos(a) - move[1] * Math.sin(a);
      const dy = move[0] * Math.sin(a) + move[1] * Math.cos(a);
      setState({
        tool,
        points,
        cursor: { x: clamp(cursor.x + (dx * pixels) / size.width), y: clamp(cursor.y + (dy * pixels) / size.height) },
      });
      return true;
    }
    if (e.key === 'Escape' && points.length > 0) {
      setState({ tool, cursor, points: [] });
      return true;
    }
    if (e.key !== 'Enter') return false;
    const last = points[points.length - 1];
    if (tool === 'text') finish(shapeOf(cursor, cursor, [cursor]));
    else if (tool === 'line' && last && last.x === cursor.x && last.y === cursor.y)
      finish(points.length >= 2 ? shapeOf(points[0] ?? cursor, cursor, points) : null);
    else if (tool === 'line' || !first) setState({ tool, cursor, points: [...points, cursor] });
    else finish(shapeOf(first, cursor, []));
    return true;
  };

  return { cursor: active ? cursor : null, preview, onKey };
}
