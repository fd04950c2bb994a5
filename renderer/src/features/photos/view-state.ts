/** How a photo is shown: zoom over the fitted size, pan in screen pixels from the centre, rotation, and the picture adjustments. */
export interface ViewState {
  zoom: number;
  x: number;
  y: number;
  rotation: 0 | 90 | 180 | 270;
  brightness: number;
  contrast: number;
  /** Asked for one picture pixel per screen pixel; the stage turns it into a zoom once it knows its size. */
  actualPixels?: boolean;
}

export const fitted: ViewState = { zoom: 1, x: 0, y: 0, rotation: 0, brightness: 1, contrast: 1 };
export const minZoom = 0.5;
export const maxZoom = 16;
const clampZoom = (z: number) => Math.min(maxZoom, Math.max(minZoom, z));

/** Zooms by a factor keeping the point (px from the stage centre) under the pointer where it is. */
export function zoomAt(view: ViewState, factor: number, px = 0, py = 0): ViewState {
  const zoom = clampZoom(view.zoom * factor);
  const k = zoom / view.zoom;
  return { ...view, zoom, x: px - (px - view.x) * k, y: py - (py - view.y) * k };
}

export const rotate = (view: ViewState): ViewState => ({
  ...view,
  rotation: ((view.rotation + 90) % 360) as ViewState['rotation'],
});

/** The scale that fits the (possibly turned) picture into the stage. */
export function fitScale(
  stage: { width: number; height: number },
  picture: { width: number; height: number },
  rotation: number,
): number {
  const [w, h] = rotation % 180 === 0 ? [picture.width, picture.height] : [picture.height, picture.width];
  if (!w || !h || !stage.width || !stage.height) return 1;
  return Math.min(stage.width / w, stage.height / h);
}
