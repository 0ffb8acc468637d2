import { useEffect, useRef } from 'react';

/** The candidate's own camera, muted so the microphone does not hear itself. */
export function VideoPreview({ stream, className = '' }: { stream: MediaStream | null; className?: string }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
  }, [stream]);
  return <video ref={video} className={`self-view ${className}`} autoPlay muted playsInline />;
}
