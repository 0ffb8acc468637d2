/**
 * The sound of each take of the current answer, recorded apart from the interview's video for a
 * follow-up question. A separate audio-only recorder gives main a small, whole file the moment
 * the answer ends (Opus: ~30 KB a minute), where cutting the range out of the recording on disk
 * would wait for the last chunk to arrive and read a growing WebM without an index from the start.
 */
export class AnswerAudio {
  private recorder: MediaRecorder | null = null;
  /** Each take's audio, by take number; a take still recording resolves when it stops. */
  private readonly takes = new Map<number, Promise<{ blob: Blob; mimeType: string } | null>>();

  static readonly MIME_TYPE = 'audio/webm;codecs=opus';

  static supported(): boolean {
    return typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(AnswerAudio.MIME_TYPE);
  }

  /** Starts recording take `number` from the stream's microphone; an earlier take still running stops. */
  start(stream: MediaStream, number: number): void {
    this.stop();
    const tracks = stream.getAudioTracks();
    if (tracks.length === 0 || !AnswerAudio.supported()) return;
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(new MediaStream(tracks), { mimeType: AnswerAudio.MIME_TYPE });
    } catch (error) {
      console.warn('The answer audio cannot be recorded for a follow-up', error);
      return;
    }
    const parts: Blob[] = [];
    recorder.addEventListener('dataavailable', (event) => event.data.size > 0 && parts.push(event.data));
    this.takes.set(
      number,
      new Promise((resolve) => {
        recorder.addEventListener('stop', () => resolve(parts.length ? { blob: new Blob(parts, { type: recorder.mimeType }), mimeType: recorder.mimeType } : null), { once: true });
        recorder.addEventListener('error', () => resolve(null), { once: true });
      }),
    );
    recorder.start();
    this.recorder = recorder;
  }

  /** Ends the running take, if any. */
  stop(): void {
    if (this.recorder && this.recorder.state !== 'inactive') this.recorder.stop();
    this.recorder = null;
  }

  /** The audio of take `number`, once it has stopped; null when none was recorded. */
  take(number: number): Promise<{ blob: Blob; mimeType: string } | null> {
    this.stop();
    return this.takes.get(number) ?? Promise.resolve(null);
  }

  /** A new question: the previous answer's takes are no longer needed. */
  clear(): void {
    this.stop();
    this.takes.clear();
  }
}
