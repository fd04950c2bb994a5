import type { IceServer } from '../../../../shared/protocol/video';

/**
 * Can this computer reach the TURN relay? Gathers candidates through the relay only: a relay
 * candidate within five seconds means the credentials work and the path is open.
 */
export async function probeRelay(iceServers: IceServer[], timeoutMs = 5000): Promise<'ok' | 'failed' | 'none'> {
  if (!iceServers.some((s) => [s.urls].flat().some((u) => u.startsWith('turn')))) return 'none';
  const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
  try {
    pc.createDataChannel('probe');
    const found = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      pc.addEventListener('icecandidate', (e) => {
        if (e.candidate?.type === 'relay' || e.candidate?.candidate.includes(' typ relay')) {
          clearTimeout(timer);
          resolve(true);
        } else if (!e.candidate) {
          clearTimeout(timer);
          resolve(false);
        }
      });
    });
    await pc.setLocalDescription(await pc.createOffer());
    return (await found) ? 'ok' : 'failed';
  } finally {
    pc.close();
  }
}
