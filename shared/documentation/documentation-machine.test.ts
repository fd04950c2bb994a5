import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { documentationMachine } from './documentation-machine';
import { type Blocker, type DraftFields, type DraftInput, type FlowKind, flowKinds } from './draft';
import type { DraftEvent } from './events';
import { careGuaranteeRecord, signingBlockers } from './signing-rules';
import { type StepId, flows, steps } from './steps';

const at = '2026-11-24T09:30:00.000Z';
const nurse = { id: 'staff-nurse-aino', name: 'Aino Virtanen', profession: 'nurse' as const };
const doctor = { id: 'staff-doctor-eero', name: 'Eero Mäkinen', profession: 'doctor' as const };
const input = (kind: FlowKind): DraftInput => ({
  kind,
  taskId: 't1',
  residentId: 'r1',
  residentBirthDate: '1960-05-01',
  contactAt: '2026-11-24T08:00:00.000Z',
  author: nurse,
  startedAt: at,
});

/** A valid value for every field a step owns: what a careful nurse would enter. */
const valid: Record<StepId, DraftFields> = {
  transcript: { transcriptExcerpts: ['Kuumetta 38,4 kaksi päivää'] },
  consultQuestion: { consultQuestion: 'Tarvitaanko antibiootti?' },
  photoReview: { photoFinding: 'Punoittava 2 cm alue, ei märkää' },
  reason: { reasonText: 'Kuume ja yskä', reasonCode: 'R74' },
  screening: { phq9: 8 },
  measurements: { measurementComment: 'Kotimittaukset tavoitteessa' },
  history: { history: 'Oireet alkaneet kaksi päivää sitten' },
  currentState: { currentState: 'Hengittää vaivatta' },
  assessment: { urgency: 'P5', assessmentText: 'Ei kiireellistä hoidon tarvetta' },
  plan: {
    planKind: 'appointment',
    planWithinDays: 7,
    careGivenInSameContact: false,
    planText: 'Vastaanotto viikon sisällä',
  },
  followUp: { followUp: 'Ottaa yhteyttä jos pahenee' },
  review: { contactMode: 'chat', serviceType: 'T11' },
};

/** Steps whose only rule is "this text is required": interchangeable for the model. */
const textOnly: readonly StepId[] = [
  'transcript',
  'consultQuestion',
  'photoReview',
  'measurements',
  'history',
  'currentState',
  'followUp',
];

/**
 * The events the model explores at the review step: filling and clearing each step with rules
 * of its own, the text-only steps together (filling all, clearing one: they are symmetric, and
 * exploring each separately multiplies states without new behaviour), the plan's rule-breaking
 * variants, and every way of signing.
 */
function modelEvents(kind: FlowKind): DraftEvent[] {
  const own = flows[kind].steps;
  const text = own.filter((s) => textOnly.includes(s));
  const ruled = own.filter((s) => !textOnly.includes(s));
  return [
    ...(text.length
      ? [{ type: 'UPDATE', patch: Object.assign({}, ...text.map((s) => valid[s])) as DraftFields, at } as DraftEvent]
      : []),
    ...text
      .filter((s) => steps[s].required({}).length > 0)
      .slice(-1)
      .map((s): DraftEvent => ({ type: 'UPDATE', patch: {}, clear: [...steps[s].fields], at })),
    ...ruled.flatMap((s): DraftEvent[] => [
      { type: 'UPDATE', patch: valid[s], at },
      { type: 'UPDATE', patch: {}, clear: [...steps[s].fields], at },
    ]),
    { type: 'UPDATE', patch: { planKind: 'appointment', planWithinDays: 120 }, at }, // beyond the 3-month care guarantee (age 66)
    { type: 'UPDATE', patch: { planKind: 'emergency' }, at }, // with urgency P5
    { type: 'UPDATE', patch: { planKind: 'self-care', careGivenInSameContact: false }, at },
    ...(own.includes('screening') ? [{ type: 'UPDATE', patch: { phq9: 40 }, at } as DraftEvent] : []),
    { type: 'SIGN', at, by: nurse },
    { type: 'SIGN', at, by: doctor },
    { type: 'REQUEST_COSIGN', at, to: doctor, note: 'Pyydän arviota' },
    { type: 'COSIGN', at, by: doctor },
    { type: 'COSIGN', at, by: nurse },
    { type: 'RETURN', at, by: doctor, note: 'Täydennä' },
  ];
}

const namedRules = new Set<Blocker['rule']>([
  'required',
  'planBeyondCareGuarantee',
  'emergencyNeedsUrgentClass',
  'phq9OutOfRange',
  'daysOutOfRange',
  'selfCareMeansCareGiven',
  'notTheAuthor',
  'notTheAskedProfessional',
]);

describe.each(flowKinds)('documentation flow %s (model-based: every reachable state)', (kind) => {
  const machine = documentationMachine(kind);
  // Moving between steps does not change what can be signed, so the content model starts at
  // the review step; the navigation model below walks the steps themselves.
  const [start] = initialTransition(machine, input(kind));
  const [atReview] = transition(machine, start, { type: 'GOTO', step: 'review' });
  const paths = getShortestPaths(machine, {
    fromState: atReview,
    events: modelEvents(kind),
    // Distinct states: where the flow stands and what is filled (history, timestamps and the last refusal do not multiply states).
    serializeState: (s) =>
      JSON.stringify([
        s.value,
        Object.entries(s.context.fields).sort(),
        !!s.context.assessedAt,
        !!s.context.cosign,
        !!s.context.signed,
      ]),
  });

  it('walks every step by NEXT, BACK and GOTO, always staying in the draft until signed', () => {
    const order = flows[kind].steps;
    const fillAll: DraftEvent = {
      type: 'UPDATE',
      patch: Object.assign({}, ...order.map((s) => valid[s])) as DraftFields,
      at,
    };
    const moves = getShortestPaths(machine, {
      input: input(kind),
      events: [
        { type: 'NEXT' },
        { type: 'BACK' },
        ...order.map((step): DraftEvent => ({ type: 'GOTO', step })),
        fillAll,
        { type: 'SIGN', at, by: nurse },
      ],
      serializeState: (s) => JSON.stringify([s.value, Object.keys(s.context.fields).sort()]),
    });
    const visited = new Set(moves.map((p) => JSON.stringify(p.state.value)));
    for (const step of order) expect(visited.has(JSON.stringify({ draft: step })), step).toBe(true);
    expect(visited.has('"signed"')).toBe(true);
    for (const p of moves.filter((m) => m.state.value === 'signed'))
      expect(p.steps.some((st) => st.event.type === 'UPDATE')).toBe(true);
  });

  it('reaches a signed record, and every signed state has all required fields and a complete care-guarantee record', () => {
    const signed = paths.filter((p) => p.state.value === 'signed');
    expect(signed.length).toBeGreaterThan(0);
    for (const p of signed) {
      expect(signingBlockers(p.state.context)).toEqual([]);
      const record = careGuaranteeRecord(p.state.context);
      expect(record).not.toBeNull();
      for (const [key, value] of Object.entries(record ?? {}))
        if (key !== 'nextStepDeadline') expect(value, key).not.toBeUndefined();
      expect(record?.professionalGroup).toBe('nurse');
      expect(record?.thlContactType).toMatch(/^R(52|56|10)$/);
    }
  });

  it('in every state where signing is possible, signing either succeeds with nothing missing or is refused with named reasons', () => {
    const signingPoints = paths.filter(
      (p) => JSON.stringify(p.state.value).includes('review') || p.state.value === 'awaitingCosign',
    );
    expect(signingPoints.length).toBeGreaterThan(10);
    for (const p of signingPoints) {
      const event: DraftEvent =
        p.state.value === 'awaitingCosign' ? { type: 'COSIGN', at, by: doctor } : { type: 'SIGN', at, by: nurse };
      const [next] = transition(machine, p.state, event);
      const blockers = signingBlockers(p.state.context);
      if (blockers.length === 0) {
        expect(next.value).toBe('signed');
      } else {
        expect(next.value).toEqual(p.state.value);
        expect(next.context.blockedBy).toEqual(blockers);
        for (const b of next.context.blockedBy) expect(namedRules.has(b.rule), b.rule).toBe(true);
      }
    }
  });

  it('refuses a signature by anyone but the author, and a co-signature by anyone but the asked professional', () => {
    const review = paths.find(
      (p) => JSON.stringify(p.state.value).includes('review') && signingBlockers(p.state.context).length === 0,
    );
    expect(review).toBeDefined();
    const [bySomeoneElse] = transition(machine, review!.state, { type: 'SIGN', at, by: doctor });
    expect(bySomeoneElse.context.blockedBy).toEqual([{ field: 'signature', rule: 'notTheAuthor' }]);
    const [asked] = transition(machine, review!.state, { type: 'REQUEST_COSIGN', at, to: doctor, note: '' });
    const [wrong] = transition(machine, asked, { type: 'COSIGN', at, by: nurse });
    expect(wrong.value).toBe('awaitingCosign');
    expect(wrong.context.blockedBy).toEqual([{ field: 'signature', rule: 'notTheAskedProfessional' }]);
    const [cosigned] = transition(machine, asked, { type: 'COSIGN', at, by: doctor });
    expect(cosigned.value).toBe('signed');
    expect(cosigned.context.history.map((h) => h.action)).toEqual(['started', 'cosign-requested', 'cosigned']);
  });

  it('every rule that can block this flow is met on some path', () => {
    const attempts: DraftEvent[] = [nurse, doctor].flatMap((by) => [
      { type: 'SIGN', at, by } as const,
      { type: 'COSIGN', at, by } as const,
    ]);
    const refusals = paths.flatMap((p) =>
      attempts.map((event) => transition(machine, p.state, event)[0].context.blockedBy),
    );
    const seen = new Set(refusals.flat().map((b) => b.rule));
    const expected: Blocker['rule'][] = [
      'required',
      'planBeyondCareGuarantee',
      'emergencyNeedsUrgentClass',
      'selfCareMeansCareGiven',
      'notTheAuthor',
      'notTheAskedProfessional',
    ];
    if (flows[kind].steps.includes('screening')) expected.push('phq9OutOfRange');
    for (const rule of expected) expect(seen.has(rule), rule).toBe(true);
  });
});
