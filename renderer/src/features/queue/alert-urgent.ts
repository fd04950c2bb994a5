/** A short, quiet two-tone chime (no audio file needed) and an optional desktop notification. */
export function alertUrgent(title: string, body: string, desktop: boolean): void {
  try {
    const audio = new AudioContext();
    const gain = audio.createGain();
    gain.gain.value = 0.05;
    gain.connect(audio.destination);
    [660, 880].forEach((frequency, i) => {
      const tone = audio.createOscillator();
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(audio.currentTime + i * 0.18);
      tone.stop(audio.currentTime + i * 0.18 + 0.15);
    });
  } catch {
    // no audio device: the visual alert remains
  }
  if (desktop && 'Notification' in window && Notification.permission === 'granted') new Notification(title, { body });
}
