import { catalogs } from '../../shared/i18n';
import type { Handlers } from '../ipc/registry';
import type { MainContext } from '../main-context';
import {
  addChatExcerpts,
  annotatePhoto,
  correctDocumentation,
  documentationSummary,
  openDocumentation,
  stepDocumentation,
} from './documentation-service';

type Names =
  | 'documentation.open'
  | 'documentation.step'
  | 'documentation.correct'
  | 'documentation.addChatExcerpts'
  | 'documentation.summary'
  | 'documentation.annotatePhoto';

/** Documentation drafts: each step committed before the answer; a signature sends the record at once. */
export function documentationHandlers(ctx: MainContext): Pick<Handlers, Names> {
  return {
    'documentation.open': ({ taskId }) => {
      const { db, user } = ctx.signedIn();
      return openDocumentation(db, user, taskId);
    },
    'documentation.step': ({ draftId, request }) => {
      const { db, user } = ctx.signedIn();
      const view = stepDocumentation(db, user, draftId, request);
      // A signature queued the record: send it now rather than at the next round.
      if (view.state === 'signed') ctx.kick();
      return view;
    },
    'documentation.correct': ({ draftId, reason }) => {
      const { db, user } = ctx.signedIn();
      return correctDocumentation(db, user, draftId, reason);
    },
    'documentation.addChatExcerpts': ({ taskId, messageIds }) => {
      const { db, user, settings } = ctx.signedIn();
      return addChatExcerpts(db, user, taskId, messageIds, catalogs[settings.get().language].chat.resident);
    },
    'documentation.summary': ({ draftId }) => documentationSummary(ctx.signedIn().db, draftId),
    'documentation.annotatePhoto': ({ taskId, annotations }) => {
      const { db, user } = ctx.signedIn();
      return annotatePhoto(db, user, taskId, annotations);
    },
  };
}
