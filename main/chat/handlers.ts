import { randomUUID } from 'node:crypto';
import type { Handlers } from '../ipc/registry';
import type { MainContext } from '../main-context';
import { chatThread, markThreadRead, saveUnsent, sendChatMessage } from './chat-service';
import { listTemplates, mayMaintainTemplates, organisationOf, retireTemplate, saveTemplate } from './templates-store';

type Names =
  | 'chat.thread'
  | 'chat.send'
  | 'chat.saveUnsent'
  | 'chat.markRead'
  | 'chat.typing'
  | 'templates.list'
  | 'templates.save'
  | 'templates.retire';

/** Chat with the resident, and the organisation's answer templates. */
export function chatHandlers(ctx: MainContext): Pick<Handlers, Names> {
  const templates = () => {
    const { db, user } = ctx.signedIn();
    return listTemplates(db, organisationOf(db, user.id)).map(({ id, text, retired }) => ({
      id,
      text,
      retired: retired ?? false,
    }));
  };
  return {
    'chat.thread': ({ taskId }) => {
      const { db, user, settings } = ctx.signedIn();
      return chatThread(db, user, taskId, settings.get().language);
    },
    'chat.send': (input) => {
      const { db, user, settings } = ctx.signedIn();
      sendChatMessage(db, user, input, settings.get().language, randomUUID());
      return ctx.afterWrite(chatThread(db, user, input.taskId, settings.get().language));
    },
    'chat.saveUnsent': (input) => {
      saveUnsent(ctx.signedIn().db, input);
      return { saved: true };
    },
    'chat.markRead': ({ taskId }) => {
      const { db, user } = ctx.signedIn();
      const read = markThreadRead(db, user, taskId);
      if (read > 0) ctx.kick();
      return { read };
    },
    'chat.typing': ({ taskId }) => ({ sent: ctx.scope()?.realtime.typing(taskId) ?? false }),
    'templates.list': () => ({ canEdit: mayMaintainTemplates(ctx.signedIn().user), templates: templates() }),
    'templates.save': (input) => {
      const { db, user } = ctx.signedIn();
      saveTemplate(db, user, input);
      ctx.kick();
      return { canEdit: true, templates: templates() };
    },
    'templates.retire': ({ id, retired }) => {
      const { db, user } = ctx.signedIn();
      retireTemplate(db, user, id, retired);
      ctx.kick();
      return { canEdit: true, templates: templates() };
    },
  };
}
