/**
 * Urgency classes as professionals know them from Omaolo: P0 is "call 112 now", P8 self-care.
 * Classes P0–P3 carry their own maximum wait, shorter than any care-guarantee deadline; P4–P8 are
 * governed by the care guarantee alone.
 */
export const urgencyClasses = ['P0', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8'] as const;
export type UrgencyClass = (typeof urgencyClasses)[number];

export const isUrgencyClass = (v: unknown): v is UrgencyClass =>
  typeof v === 'string' && (urgencyClasses as readonly string[]).includes(v);

export interface UrgencyInfo {
  /** Maximum wait from contact, in minutes; null when the care guarantee decides. */
  maxWaitMinutes: number | null;
  /** Emergency: the resident is told to call 112; the item alarms in the queue. */
  emergency: boolean;
}

export const urgency: Record<UrgencyClass, UrgencyInfo> = {
  P0: { maxWaitMinutes: 0, emergency: true },
  P1: { maxWaitMinutes: 60, emergency: true },
  P2: { maxWaitMinutes: 4 * 60, emergency: false },
  P3: { maxWaitMinutes: 24 * 60, emergency: false },
  P4: { maxWaitMinutes: null, emergency: false },
  P5: { maxWaitMinutes: null, emergency: false },
  P6: { maxWaitMinutes: null, emergency: false },
  P7: { maxWaitMinutes: null, emergency: false },
  P8: { maxWaitMinutes: null, emergency: false },
};

/** Lower is more urgent; used first when ordering the queue. */
export const urgencyRank = (c: UrgencyClass): number => urgencyClasses.indexOf(c);
