import { describe, expect, it } from 'vitest';
import type { Participant } from '../protocol/video';
import { createMesh } from './mesh';
import { readQuality } from './call-quality';

const person = (id: string, session: string, admitted = true, role: Participant['role'] = 'resident'): Participant => ({
  id,
  session,
  role,
  name: id,
  admitted,
  muted: false,
  cameraOff: false,
});

function mesh() {
  const made: { remote: string; initiator: boolean; signals: unknown[]; destroyed: boolean }[] = [];
  const m = createMesh({
    createPeer(remote, initiator) {
      const peer = {
        remote: `${remote.id}/${remote.session}`,
        initiator,
        signals: [] as unknown[],
        destroyed: false,
        signal: (d: unknown) => peer.signals.push(d),
        destroy: () => (peer.destroyed = true),
      };
      made.push(peer);
      return peer;
    },
    onPeers: () => undefined,
  });
  return { m, made };
}

describe('video mesh', () => {
  it('connects only admitted participants, and of each pair only the smaller id offers', () => {
    const { m, made } = mesh();
    const me = person('patient-2', 's1');
    m.handle({ type: 'joined', self: me, iceServers: [] });
    m.handle({
      type: 'participants',
      participants: [me, person('staff-1', 'a', true, 'professional'), person('guest-9', 'g', false, 'guest')],
    });
    // 'patient-2' < 'staff-1': the resident offers to the professional.
    expect(made.map((p) => [p.remote, p.initiator])).toEqual([['staff-1/a', true]]);
    m.handle({
      type: 'participants',
      participants: [me, person('staff-1', 'a', true, 'professional'), person('guest-9', 'g', true, 'guest')],
    });
    // 'guest-9' < 'patient-2': the guest offers to her.
    expect(made.map((p) => [p.remote, p.initiator])).toEqual([
      ['staff-1/a', true],
      ['guest-9/g', false],
    ]);
  });

  it('waits in the waiting room without connections, routes signals by session, and replaces a reloaded peer', () => {
    const { m, made } = mesh();
    const waiting = person('patient-2', 's1', false);
    m.handle({ type: 'joined', self: waiting, iceServers: [] });
    m.handle({ type: 'participants', participants: [waiting, person('staff-1', 'a', true, 'professional')] });
    expect(made).toHaveLength(0);
    const admitted = { ...waiting, admitted: true };
    m.handle({ type: 'participants', participants: [admitted, person('staff-1', 'a', true, 'professional')] });
    m.handle({ type: 'signal', from: 'staff-1', fromSession: 'a', data: { sdp: 'offer' } });
    m.handle({ type: 'signal', from: 'staff-1', fromSession: 'old', data: { sdp: 'stale' } });
    expect(made[0]?.signals).toEqual([{ sdp: 'offer' }]);
    // The professional reloaded: a new session, a new connection; the old one is closed.
    m.handle({ type: 'participants', participants: [admitted, person('staff-1', 'b', true, 'professional')] });
    expect(made.map((p) => [p.remote, p.destroyed])).toEqual([
      ['staff-1/a', true],
      ['staff-1/b', false],
    ]);
    m.handle({ type: 'ended', reason: 'ended' });
    expect(made.every((p) => p.destroyed)).toBe(true);
    expect(m.peers().size).toBe(0);
  });
});

describe('call quality', () => {
  const report = (stats: Record<string, unknown>[]) => ({
    forEach: (cb: (s: Record<string, unknown>) => void) => stats.forEach(cb),
  });
  const sample = (lost: number, received: number, bytes: number, rtt: number, relay = false) =>
    report([
      {
        id: 'in',
        type: 'inbound-rtp',
        kind: 'video',
        packetsLost: lost,
        packetsReceived: received,
        bytesReceived: bytes,
        framesDecoded: received,
      },
      { id: 't', type: 'transport', selectedCandidatePairId: 'p' },
      { id: 'p', type: 'candidate-pair', currentRoundTripTime: rtt, localCandidateId: 'l', remoteCandidateId: 'r' },
      { id: 'l', type: 'local-candidate', candidateType: relay ? 'relay' : 'host' },
      { id: 'r', type: 'remote-candidate', candidateType: 'host' },
    ]);

  it('says good, weak or bad from loss and round trip over the last interval, with bitrate and relay', () => {
    const first = readQuality(sample(0, 1000, 1_000_000, 0.02), null, 0);
    const good = readQuality(sample(5, 2000, 1_250_000, 0.03), first.sample, 2000);
    expect(good.quality).toMatchObject({ level: 'good', rttMs: 30, kbps: 1000, framesDecoded: 2000, relayed: false });
    const weak = readQuality(sample(55, 3000, 1_300_000, 0.05, true), good.sample, 4000);
    expect(weak.quality).toMatchObject({ level: 'weak', relayed: true });
    expect(weak.quality.loss).toBeCloseTo(50 / 1050, 3);
    expect(readQuality(sample(55, 3100, 1_310_000, 0.7), weak.sample, 6000).quality.level).toBe('bad');
  });
});
