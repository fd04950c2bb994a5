// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ChatView } from '../../../../shared/chat/chat-view';
import { fail, ok } from '../../../../shared/contract';
import { fakeApi, renderWithApi } from '../../test-support/render-with-api';
import { ChatComposer } from './ChatComposer';

const view = (over: Partial<ChatView> = {}): ChatView => ({
  taskId: 'task-1',
  residentId: 'res-1',
  residentLanguage: 'ar',
  selfAssessment: null,
  messages: [],
  templates: [{ id: 'self-care', own: 'Rest and drink plenty of fluids.', resident: 'استرح واشرب الكثير من السوائل.' }],
  canWrite: true,
  unsent: null,
  ...over,
});

function setup(v: ChatView, handlers: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi({
    'chat.saveUnsent': async () => ok({ saved: true }),
    'chat.typing': async () => ok({ sent: true }),
    ...handlers,
  });
  const onSent = vi.fn();
  const composerRef = createRef<HTMLTextAreaElement>();
  renderWithApi(
    <ChatComposer view={v} composerRef={composerRef} chosenCount={0} onSent={onSent} onEnd={() => undefined} />,
    fake,
  );
  return { fake, onSent, box: screen.getByLabelText('Message') as HTMLTextAreaElement };
}

describe('the chat composer', () => {
  it('keeps what is typed once typing pauses, and says so', async () => {
    const { fake, box } = setup(view());
    await userEvent.type(box, 'Hello');
    await screen.findByText('Unsent text saved on this workstation.');
    const saves = fake.calls.filter((c) => c.name === 'chat.saveUnsent');
    // One save for the pause, with everything typed, not one per key.
    expect(saves).toEqual([{ name: 'chat.saveUnsent', input: { taskId: 'task-1', text: 'Hello', templateId: null } }]);
  });

  it('gives back words typed before a crash', () => {
    const { box } = setup(view({ unsent: { text: 'Half a sentence', templateId: null } }));
    expect(box.value).toBe('Half a sentence');
    expect(screen.getByText('Unsent text saved on this workstation.')).toBeTruthy();
  });

  it('shows what the resident will read in her language and sends the template by Ctrl+Enter', async () => {
    const sent = view({ messages: [] });
    const { fake, box, onSent } = setup(view(), { 'chat.send': async () => ok(sent) });
    await userEvent.selectOptions(screen.getByLabelText('Answer template'), 'self-care');
    expect(box.value).toBe('Rest and drink plenty of fluids.');
    expect(screen.getByTestId('chat-translation').textContent).toBe(
      'The resident reads (Arabic): استرح واشرب الكثير من السوائل.',
    );
    box.focus();
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(onSent).toHaveBeenCalledWith(sent));
    expect(fake.calls.find((c) => c.name === 'chat.send')?.input).toEqual({
      taskId: 'task-1',
      text: 'Rest and drink plenty of fluids.',
      templateId: 'self-care',
    });
    expect(box.value).toBe('');
    expect(document.activeElement).toBe(box);
  });

  it('keeps the text and says why when sending fails', async () => {
    const { box, onSent } = setup(view(), { 'chat.send': async () => fail('forbidden', 'not the holder') });
    await userEvent.type(box, 'Are you feeling better?');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You do not have the rights for this action.');
    expect(box.value).toBe('Are you feeling better?');
    expect(onSent).not.toHaveBeenCalled();
  });

  it('sends edited template wording as typed, not as the translation', async () => {
    const { fake, box } = setup(view(), { 'chat.send': async () => ok(view()) });
    await userEvent.selectOptions(screen.getByLabelText('Answer template'), 'self-care');
    await userEvent.type(box, ' Call if worse.');
    expect(screen.queryByTestId('chat-translation')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() =>
      expect(fake.calls.find((c) => c.name === 'chat.send')?.input).toEqual({
        taskId: 'task-1',
        text: 'Rest and drink plenty of fluids. Call if worse.',
      }),
    );
  });
});
