import { useEffect, type RefObject } from 'react';

/**
 * Drives a level bar from a stream's microphone. The bar is styled through its ref on each
 * animation frame instead of through React state, which would re-render sixty times a second.
 */
export function useAudioLevel(stream: MediaStream | null, bar: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (!stream || stream.getAudioTracks().length === 0) return;
    const context = new AudioContext();
    const source = context.createMediaStreamSource(stream);
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);

    // Autoplay rules may create the context suspended until the user interacts with the page.
    const resume = () => void context.resume();
    resume();
    window.addEventListener('pointerdown', resume, { once: true });

    let level = 0;
    let frame = requestAnimationFrame(function tick() {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      // Speech sits around 0.02–0.3 RMS; the curve makes quiet voices visible. Fast rise, slow fall.
      const target = Math.min(1, Math.sqrt(rms) * 1.6);
      level = target > level ? target : level * 0.9 + target * 0.1;
      if (bar.current) bar.current.style.transform = `scaleX(${level.toFixed(3)})`;
      frame = requestAnimationFrame(tick);
    });

    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('pointerdown', resume);
      source.disconnect();
      void context.close();
    };
  }, [stream, bar]);
}
