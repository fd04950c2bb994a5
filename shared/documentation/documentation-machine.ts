import { and, assign, setup } from 'xstate';
import type { DraftContext, DraftInput, FieldName } from './draft';
import type { DraftEvent } from './events';
import { signingBlockers } from './signing-rules';
import { type StepId, flows } from './steps';

const breaks = (ctx: DraftContext, ...rules: string[]) => signingBlockers(ctx).some((b) => rules.includes(b.rule));

/**
 * One documentation flow as an XState machine. The professional moves freely between the steps
 * of the flow (draft.<step>) and fills fields in any order; signing is where the rules bite:
 * each guard is named for the rule it enforces, and a refused signature records why.
 * Signed is final: corrections are a new draft that amends the signed record.
 */
export function documentationMachine(kind: DraftInput['kind']) {
  const order = flows[kind].steps;
  const stepStates = Object.fromEntries(
    order.map((step, i) => {
      const next = order[i + 1];
      const previous = order[i - 1];
      const on: Record<string, unknown> = {};
      if (next) on.NEXT = { target: next };
      if (previous) on.BACK = { target: previous };
      if (step === 'review') {
        on.SIGN = [{ guard: 'signable', target: '#signed', actions: 'sign' }, { actions: 'recordBlockers' }];
        on.REQUEST_COSIGN = {
          guard: 'cosignerIsAnotherProfessional',
          target: '#awaitingCosign',
          actions: 'requestCosign',
        };
      }
      return [step, step === 'review' ? { id: 'draftReview', on } : { on }];
    }),
  ) as Record<StepId, object>;

  return setup({
    types: {} as { context: DraftContext; events: DraftEvent; input: DraftInput },
    guards: {
      everyRequiredFieldSet: ({ context }) => !breaks(context, 'required'),
      valuesInRange: ({ context }) => !breaks(context, 'phq9OutOfRange', 'daysOutOfRange'),
      planWithinCareGuarantee: ({ context }) => !breaks(context, 'planBeyondCareGuarantee'),
      emergencyPlanHasUrgentClass: ({ context }) => !breaks(context, 'emergencyNeedsUrgentClass'),
      selfCareGivenInContact: ({ context }) => !breaks(context, 'selfCareMeansCareGiven'),
      signedByTheAuthor: ({ context, event }) => event.type === 'SIGN' && event.by.id === context.author.id,
      cosignerIsAnotherProfessional: ({ context, event }) =>
        event.type === 'REQUEST_COSIGN' && event.to.id !== context.author.id,
      cosignedByTheAskedProfessional: ({ context, event }) =>
        event.type === 'COSIGN' && event.by.id === context.cosign?.requestedFrom.id,
      isStep: ({ event }, params: { step: StepId }) => event.type === 'GOTO' && event.step === params.step,
      // Composite guards, so the SIGN and COSIGN transitions read as the rules they check.
      signable: and([
        'everyRequiredFieldSet',
        'valuesInRange',
        'planWithinCareGuarantee',
        'emergencyPlanHasUrgentClass',
        'selfCareGivenInContact',
        'signedByTheAuthor',
      ]),
      cosignable: and([
        'everyRequiredFieldSet',
        'valuesInRange',
        'planWithinCareGuarantee',
        'emergencyPlanHasUrgentClass',
        'selfCareGivenInContact',
        'cosignedByTheAskedProfessional',
      ]),
    },
    actions: {
      applyUpdate: assign(({ context, event }) => {
        if (event.type !== 'UPDATE') return {};
        const fields = { ...context.fields, ...event.patch };
        for (const name of event.clear ?? []) delete fields[name as FieldName];
        // The time of the care need assessment is when the urgency was first decided.
        const assessedAt = context.assessedAt ?? (fields.urgency ? event.at : null);
        return { fields, assessedAt, blockedBy: [] };
      }),
      recordBlockers: assign(({ context, event }) => {
        const blockers = signingBlockers(context);
        // A signature by someone else than the author (or the asked co-signer) is refused too, and says so.
        if (event.type === 'SIGN' && event.by.id !== context.author.id)
          blockers.push({ field: 'signature', rule: 'notTheAuthor' });
        if (event.type === 'COSIGN' && event.by.id !== context.cosign?.requestedFrom.id)
          blockers.push({ field: 'signature', rule: 'notTheAskedProfessional' });
        return { blockedBy: blockers };
      }),
      sign: assign(({ context, event }) =>
        event.type === 'SIGN'
          ? {
              signed: { at: event.at, by: event.by },
              blockedBy: [],
              history: [...context.history, { at: event.at, by: event.by.name, action: 'signed' as const }],
            }
          : {},
      ),
      requestCosign: assign(({ context, event }) =>
        event.type === 'REQUEST_COSIGN'
          ? {
              cosign: { requestedFrom: event.to, note: event.note },
              history: [
                ...context.history,
                { at: event.at, by: context.author.name, action: 'cosign-requested' as const, note: event.note },
              ],
            }
          : {},
      ),
      cosign: assign(({ context, event }) =>
        event.type === 'COSIGN'
          ? {
              signed: { at: event.at, by: context.author, cosignedBy: event.by, cosignedAt: event.at },
              blockedBy: [],
              history: [...context.history, { at: event.at, by: event.by.name, action: 'cosigned' as const }],
            }
          : {},
      ),
      returnToAuthor: assign(({ context, event }) =>
        event.type === 'RETURN'
          ? {
              cosign: null,
              history: [
                ...context.history,
                { at: event.at, by: event.by.name, action: 'returned' as const, note: event.note },
              ],
            }
          : {},
      ),
    },
  }).createMachine({
    id: `documentation-${kind}`,
    context: ({ input }) => ({
      ...input,
      fields: { ...flows[kind].defaults, ...input.prefill },
      assessedAt: null,
      history: [{ at: input.startedAt, by: input.author.name, action: 'started' }],
      cosign: null,
      signed: null,
      blockedBy: [],
    }),
    initial: 'draft',
    states: {
      draft: {
        initial: order[0],
        on: {
          UPDATE: { actions: 'applyUpdate' },
          GOTO: order.map((step) => ({ guard: { type: 'isStep' as const, params: { step } }, target: `.${step}` })),
        },
        states: stepStates,
      },
      awaitingCosign: {
        id: 'awaitingCosign',
        on: {
          // The asked professional may continue the draft before co-signing.
          UPDATE: { actions: 'applyUpdate' },
          COSIGN: [{ guard: 'cosignable', target: 'signed', actions: 'cosign' }, { actions: 'recordBlockers' }],
          RETURN: { target: '#draftReview', actions: 'returnToAuthor' },
        },
      },
      signed: { id: 'signed', type: 'final' },
    },
  });
}
