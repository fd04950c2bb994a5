/**
 * Where on the body a photo was taken and how (close-up or overview), coded so that photos of the
 * same site can be found and compared over time. A short local code list: residents pick from it
 * on a phone, so it names regions a lay person recognises, not anatomical detail. Display names
 * for people come from the i18n catalogs (`bodySites.*`, `photoViews.*`); the Finnish display
 * below is what the FHIR record carries.
 */
export const bodySiteSystem = 'urn:kaari:body-site';
export const photoViewSystem = 'urn:kaari:photo-view';

export const bodySites = {
  head: 'Pää ja kasvot',
  eye: 'Silmä',
  mouth: 'Suu',
  neck: 'Kaula',
  chest: 'Rintakehä',
  abdomen: 'Vatsa',
  back: 'Selkä',
  arm: 'Käsivarsi',
  hand: 'Käsi ja sormet',
  groin: 'Nivusalue',
  leg: 'Jalka',
  foot: 'Jalkaterä ja varpaat',
  other: 'Muu kohta',
} as const;
export type BodySite = keyof typeof bodySites;
export const bodySiteCodes = Object.keys(bodySites) as [BodySite, ...BodySite[]];

export const photoViews = { 'close-up': 'Lähikuva', overview: 'Yleiskuva' } as const;
export type PhotoView = keyof typeof photoViews;
export const photoViewCodes = Object.keys(photoViews) as [PhotoView, ...PhotoView[]];

export const isBodySite = (code: unknown): code is BodySite =>
  typeof code === 'string' && Object.hasOwn(bodySites, code);
export const isPhotoView = (code: unknown): code is PhotoView =>
  typeof code === 'string' && Object.hasOwn(photoViews, code);
