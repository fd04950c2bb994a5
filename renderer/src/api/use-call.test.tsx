// @vitest-environment happy-dom
import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok, type Result } from '../../../shared/contract';
import type { AppInfo } from '../../../shared/contract/schemas';
import { fakeApi, renderWithApi } from '../test-support/render-with-api';
import { useAction, useCall } from './use-call';

type Colleagues = { id: string; name: string; profession: string | null }[];

/** An answer the test releases when it wants: so "the older answer arrives last" can be staged. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function Thread({ taskId }: { taskId: string | null }) {
  const call = useCall('queue.focus', taskId === null ? null : { id: taskId }, ['queue.changed']);
  if (call.error) return <p role="alert">{call.error.code}</p>;
  return <p data-testid="out">{call.pending ? 'pending' : (call.value?.id ?? 'none')}</p>;
}

const focus = (id: string) => ({ type: 'Media', id });

describe('useCall', () => {
  it('shows the answer to the newest question when an older answer arrives later', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<Result<{ type: string; id: string }>>>>();
    const fake = fakeApi({
      'queue.focus': ({ id }) => {
        const d = deferred<Result<{ type: string; id: string }>>();
        answers.set(id, d);
        return d.promise;
      },
    });
    const view = renderWithApi(<Thread taskId="a" />, fake);
    expect(screen.getByTestId('out').textContent).toBe('pending');
    view.rerender(<Thread taskId="b" />);
    await waitFor(() => expect(answers.has('b')).toBe(true));
    await act(async () => answers.get('b')!.resolve(ok(focus('b'))));
    expect(screen.getByTestId('out').textContent).toBe('b');
    await act(async () => answers.get('a')!.resolve(ok(focus('a'))));
    expect(screen.getByTestId('out').textContent).toBe('b');
  });

  it('asks again when a listed event fires, and asks nothing for a null input', async () => {
    let n = 0;
    const fake = fakeApi({ 'queue.focus': async () => ok(focus(`r${++n}`)) });
    const view = renderWithApi(<Thread taskId={null} />, fake);
    expect(fake.calls).toHaveLength(0);
    expect(screen.getByTestId('out').textContent).toBe('none');
    view.rerender(<Thread taskId="x" />);
    await screen.findByText('r1');
    act(() => fake.emit('queue.changed', {} as never));
    await screen.findByText('r2');
  });

  it('shows the typed error of a refused call', async () => {
    const fake = fakeApi({});
    renderWithApi(<Thread taskId="x" />, fake);
    expect((await screen.findByRole('alert')).textContent).toBe('internal');
  });
});

function Claim({ onDone }: { onDone(r: unknown): void }) {
  const claim = useAction('app.info');
  return (
    <button type="button" disabled={claim.pending} onClick={() => void claim.run({}).then(onDone)}>
      {claim.error ? claim.error.code : 'go'}
    </button>
  );
}

describe('useAction', () => {
  it('drops the answer of a run that a newer run overtook', async () => {
    const answers: ReturnType<typeof deferred<Result<AppInfo>>>[] = [];
    const fake = fakeApi({
      'app.info': () => {
        const d = deferred<Result<AppInfo>>();
        answers.push(d);
        return d.promise;
      },
    });
    const seen: unknown[] = [];
    let action: ReturnType<typeof useAction<'app.info'>> | null = null;
    function Probe() {
      action = useAction('app.info');
      return null;
    }
    renderWithApi(<Probe />, fake);
    let first!: Promise<unknown>;
    let second!: Promise<unknown>;
    act(() => {
      first = action!.run({}).then((r) => seen.push(['first', r]));
      second = action!.run({}).then((r) => seen.push(['second', r]));
    });
    const info = { version: '1' } as unknown as AppInfo;
    await act(async () => {
      answers[1]!.resolve(ok(info));
      answers[0]!.resolve(ok(info));
      await Promise.all([first, second]);
    });
    expect(seen).toContainEqual(['first', null]);
    expect(seen).toContainEqual(['second', { ok: true, value: info }]);
    expect(action!.pending).toBe(false);
  });

  it('keeps the button busy while the call runs and shows the error after', async () => {
    const gate = deferred<Result<Colleagues>>();
    const fake = fakeApi({ 'app.info': () => gate.promise as never });
    renderWithApi(<Claim onDone={() => undefined} />, fake);
    const button = screen.getByRole('button');
    act(() => button.click());
    expect((button as HTMLButtonElement).disabled).toBe(true);
    await act(async () => gate.resolve({ ok: false, error: { code: 'offline', message: 'x' } } as never));
    expect(button.textContent).toBe('offline');
    expect((button as HTMLButtonElement).disabled).toBe(false);
  });
});
