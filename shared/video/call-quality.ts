/** What getStats says about one remote side, summed over the last interval. */
export interface Quality {
  /** Share of packets lost, 0–1. */
  loss: number;
  rttMs: number | null;
  kbps: number;
  framesDecoded: number;
  relayed: boolean;
  level: 'good' | 'weak' | 'bad';
}

export interface QualitySample {
  lost: number;
  received: number;
  bytes: number;
  at: number;
}

/** An RTCStatsReport, seen without the DOM's types (shared/ has none). */
export interface StatsReportLike {
  forEach(callback: (stat: Record<string, unknown>) => void): void;
}

/**
 * Reads one peer connection's stats: inbound audio and video (loss, bitrate, decoded frames) and
 * the selected candidate pair (round trip, whether it goes through the TURN relay). The level is
 * what the professional is told: weak at 3 % loss or 300 ms, bad at 10 % or 600 ms.
 */
export function readQuality(
  report: StatsReportLike,
  previous: QualitySample | null,
  at = Date.now(),
): { quality: Quality; sample: QualitySample } {
  let lost = 0;
  let received = 0;
  let bytes = 0;
  let framesDecoded = 0;
  let rttMs: number | null = null;
  let relayed = false;
  const byId = new Map<string, Record<string, unknown>>();
  report.forEach((s) => byId.set(String(s.id), s));
  report.forEach((s) => {
    if (s.type === 'inbound-rtp') {
      lost += Number(s.packetsLost ?? 0);
      received += Number(s.packetsReceived ?? 0);
      bytes += Number(s.bytesReceived ?? 0);
      if (s.kind === 'video') framesDecoded += Number(s.framesDecoded ?? 0);
    }
    if (s.type === 'transport' && s.selectedCandidatePairId) {
      const pair = byId.get(String(s.selectedCandidatePairId));
      if (pair?.currentRoundTripTime !== undefined) rttMs = Number(pair.currentRoundTripTime) * 1000;
      const local = pair ? byId.get(String(pair.localCandidateId)) : undefined;
      const remote = pair ? byId.get(String(pair.remoteCandidateId)) : undefined;
      relayed = local?.candidateType === 'relay' || remote?.candidateType === 'relay';
    }
  });
  const dLost = previous ? Math.max(0, lost - previous.lost) : 0;
  const dReceived = previous ? Math.max(0, received - previous.received) : 0;
  const loss = dLost + dReceived > 0 ? dLost / (dLost + dReceived) : 0;
  const kbps = previous && at > previous.at ? ((bytes - previous.bytes) * 8) / (at - previous.at) : 0;
  const rtt = rttMs ?? 0;
  const level = loss >= 0.1 || rtt >= 600 ? 'bad' : loss >= 0.03 || rtt >= 300 ? 'weak' : 'good';
  return { quality: { loss, rttMs, kbps, framesDecoded, relayed, level }, sample: { lost, received, bytes, at } };
}
