import { z } from 'zod';
import { QueueItem } from '../queue/queue-item';
import { QueueFilter } from '../queue/routing';
import { RecentContact } from '../queue/recent-contact';
import { ResidentContext } from '../resident/resident-context';
import { BreakGlassGrant, BreakGlassList } from '../protocol/access';
import { DraftRequest } from '../documentation/requests';
import { DraftView } from '../documentation/view';
import { videoCalls } from './video-calls';
import { lockCalls } from './lock-calls';
import { adminCalls } from './admin-calls';
import { PhotoAnnotations } from '../photos/annotations';
import { PhotoSummary, photoSizes } from '../photos/photo-summary';
import { ChatSend, ChatUnsent, ChatView, TemplateInput, TemplateList, TemplateRetire } from '../chat/chat-view';
import {
  AppInfo,
  Colleague,
  ConnectionStatus,
  KeptKey,
  Language,
  SessionState,
  Settings,
  SettingsPatch,
  SyncConflict,
} from './schemas';

const empty = z.object({}).strict();

/**
 * Every renderer → main call, declared once. Main validates `input` before a handler sees it and
 * `output` before the renderer does; preload and the browser host expose exactly these names.
 */
export const calls = {
  'app.info': { input: empty, output: AppInfo },
  'session.get': { input: empty, output: SessionState },
  'session.signIn': {
    input: z
      .object({
        username: z.string().trim().min(1).max(100),
        password: z.string().min(1).max(200),
        /** The administrator's one-time code, asked for when this device is not enrolled yet. */
        enrollmentCode: z.string().trim().min(4).max(40).optional(),
      })
      .strict(),
    output: SessionState,
  },
  'session.signOut': { input: empty, output: SessionState },
  'settings.get': { input: empty, output: Settings },
  'settings.update': { input: SettingsPatch, output: Settings },
  /** The language used before anyone signs in on this device (sign-in screen). */
  'settings.setDeviceLanguage': { input: z.object({ language: Language }).strict(), output: Settings },
  'connection.get': { input: empty, output: ConnectionStatus },
  'sync.conflicts': { input: empty, output: z.array(SyncConflict) },
  /** Open contacts from the local cache, ordered; works offline. */
  'queue.list': {
    input: z
      .object({
        mineOnly: z.boolean(),
        filter: QueueFilter.optional(),
        text: z.string().max(200).default(''),
        offset: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.object({ items: z.array(QueueItem), total: z.number().int(), matching: z.number().int() }),
  },
  /** Contacts I held or documented in the last 30 days, open and closed, newest first, from the cache; text matches resident or reason. */
  'contacts.recent': {
    input: z
      .object({ text: z.string().max(200).default(''), limit: z.number().int().min(1).max(500).default(200) })
      .strict(),
    output: z.object({ items: z.array(RecentContact) }),
  },
  /** Requests addressed to me (co-sign, consultation, transfer), most urgent first. */
  'queue.inbox': { input: empty, output: z.object({ items: z.array(QueueItem) }) },
  /** Needs the backend: of simultaneous claims exactly one wins; the others get `taken` with the holder. */
  'queue.claim': {
    input: z.object({ id: z.string().max(100) }).strict(),
    output: z.object({ outcome: z.enum(['claimed', 'taken']), item: QueueItem }),
  },
  'queue.release': { input: z.object({ id: z.string().max(100) }).strict(), output: QueueItem },
  /** Hands the contact to the doctors' queue (releasing it), with the reason in the Task note. */
  'queue.escalate': {
    input: z.object({ id: z.string().max(100), note: z.string().trim().min(1).max(1000) }).strict(),
    output: QueueItem,
  },
  /** Hands the contact to a colleague, who then holds it (holder or team lead only; needs the backend). */
  'queue.transfer': {
    input: z
      .object({
        id: z.string().max(100),
        toStaffId: z.string().min(1).max(100),
        note: z.string().trim().max(1000).default(''),
      })
      .strict(),
    output: QueueItem,
  },
  /** Care professionals in the synced staff directory, for transfers. */
  'staff.colleagues': { input: empty, output: z.array(Colleague) },
  /** The resident's context from the cache beside the opened item (consent-gated; the read is logged). */
  'resident.context': {
    input: z.object({ residentId: z.string().max(100) }).strict(),
    output: ResidentContext,
  },
  /**
   * Opens a resident outside her care relationships with a stated reason (needs the backend): the
   * access is logged with the reason, shown to the team lead and to the resident, and her data
   * leaves this laptop at sign-out.
   */
  'access.openWithReason': {
    input: z
      .object({ resident: z.string().trim().min(1).max(64), reason: z.string().trim().min(10).max(500) })
      .strict(),
    output: BreakGlassGrant,
  },
  /** The team lead's review of stated-reason access in the last 30 days (needs the backend). */
  'access.statedReasonLog': { input: empty, output: BreakGlassList },
  /** What the contact is about (Task.focus), e.g. the photo to review; null when nothing. */
  'queue.focus': {
    input: z.object({ id: z.string().max(100) }).strict(),
    output: z.object({ type: z.string(), id: z.string() }).nullable(),
  },
  /** A resident's photo for review (JPEG/PNG bytes from the cache); the read is logged. */
  'resident.photo': {
    input: z.object({ mediaId: z.string().max(100), size: z.enum(photoSizes).default('review') }).strict(),
    output: z.object({
      title: z.string(),
      taken: z.string(),
      contentType: z.enum(['image/jpeg', 'image/png']),
      dataBase64: z.string(),
      width: z.number().int(),
      height: z.number().int(),
    }),
  },
  /** The photos of the same resident as this one, newest first, with body site, for the filmstrip and comparisons. */
  'photos.list': { input: z.object({ mediaId: z.string().max(100) }).strict(), output: z.array(PhotoSummary) },
  /** Marks drawn on a photo into the contact's draft (opened if none), replacing that photo's earlier marks. */
  'documentation.annotatePhoto': {
    input: z.object({ taskId: z.string().max(100), annotations: PhotoAnnotations }).strict(),
    output: DraftView,
  },
  /** The open draft of a contact the user holds (started if none): works offline. */
  'documentation.open': { input: z.object({ taskId: z.string().max(100) }).strict(), output: DraftView },
  /** One step of the flow; persisted before the answer. Signing queues the record for the backend. */
  'documentation.step': {
    input: z.object({ draftId: z.string().max(100), request: DraftRequest }).strict(),
    output: DraftView,
  },
  /** A new draft correcting a signed record (the author only); signing it sends new versions with the reason. */
  'documentation.correct': {
    input: z.object({ draftId: z.string().max(100), reason: z.string().trim().min(1).max(1000) }).strict(),
    output: DraftView,
  },
  /** Chosen chat messages into the contact's draft (opened if none), with who said them. */
  'documentation.addChatExcerpts': {
    input: z.object({ taskId: z.string().max(100), messageIds: z.array(z.string().max(100)).min(1).max(50) }).strict(),
    output: DraftView,
  },
  /** The resident's printable summary (signed self-care plans), in the resident's language. */
  'documentation.summary': {
    input: z.object({ draftId: z.string().max(100) }).strict(),
    output: z.object({ filename: z.string(), pdfBase64: z.string() }),
  },
  /** The contact's conversation from the cache (works offline); the read is logged. */
  'chat.thread': { input: z.object({ taskId: z.string().max(100) }).strict(), output: ChatView },
  /** Queued in the outbox at once (works offline); reaches the resident once, in order. */
  'chat.send': { input: ChatSend, output: ChatView },
  /** The organisation's chat templates in every resident language; team leads may edit. */
  'templates.list': { input: empty, output: TemplateList },
  /** Adds or changes a template (team lead or admin; the backend checks the role again). */
  'templates.save': { input: TemplateInput, output: TemplateList },
  /** Retires a template (no longer offered in the chat; kept on record) or brings it back (team lead or admin). */
  'templates.retire': { input: TemplateRetire, output: TemplateList },
  /** What is typed but not sent, saved as it is typed so a crash loses nothing. */
  'chat.saveUnsent': { input: ChatUnsent, output: z.object({ saved: z.boolean() }) },
  /** Text typed into a smaller form (co-sign note, return or correction reason, template being edited), as last kept. */
  'kept.read': { input: z.object({ key: KeptKey }).strict(), output: z.object({ value: z.string().nullable() }) },
  /** Kept as it is typed, so a crash loses nothing; an empty value forgets it (sent or emptied). */
  'kept.save': {
    input: z.object({ key: KeptKey, value: z.string().max(20_000) }).strict(),
    output: z.object({ saved: z.boolean() }),
  },
  /** Read receipts for the resident's messages (holder only). */
  'chat.markRead': {
    input: z.object({ taskId: z.string().max(100) }).strict(),
    output: z.object({ read: z.number().int() }),
  },
  /** "Typing…" on the resident's screen; dropped silently when offline. */
  'chat.typing': { input: z.object({ taskId: z.string().max(100) }).strict(), output: z.object({ sent: z.boolean() }) },
  ...videoCalls,
  ...lockCalls,
  ...adminCalls,
  /** mine: push my version on top of the server's; theirs: drop my change and take the server's. */
  'sync.resolveConflict': {
    input: z.object({ id: z.number().int(), keep: z.enum(['mine', 'theirs']) }).strict(),
    output: z.array(SyncConflict),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;

export const callNames = Object.keys(calls) as CallName[];
export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
