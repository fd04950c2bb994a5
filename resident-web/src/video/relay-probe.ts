/** Whether the TURN relay can be reached from here: a relay candidate within five seconds. */
export async function probeRelay(iceServers: RTCIceServer[], timeoutMs = 5000): Promise<'ok' | 'failed' | 'none'> {
  if (!iceServers.some((s) => [s.urls].flat().some((u) => u.startsWith('turn')))) return 'none';
  const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
  try {
    pc.createDataChannel('probe');
    const found = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      pc.addEventListener('icecandidate', (e) => {
        if (!e.candidate || e.candidate.candidate.includes(' typ relay')) {
          clearTimeout(timer);
          resolve(!!e.candidate);
        }
      });
    });
    await pc.setLocalDescription(await pc.createOffer());
    return (await found) ? 'ok' : 'failed';
  } finally {
    pc.close();
  }
}
