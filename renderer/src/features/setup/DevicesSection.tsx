import { useRef } from 'react';
import { useAudioLevel } from '../../lib/useAudioLevel';
import { Spinner } from '../../ui/states';
import { VideoPreview } from '../../ui/VideoPreview';
import { useSetupStore } from './store';
import type { PreviewState } from './useMediaPreview';

interface Props {
  preview: PreviewState;
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
  onRetry: () => void;
}

function DeviceSelect({
  id,
  label,
  devices,
  value,
  onChange,
}: {
  id: string;
  label: string;
  devices: MediaDeviceInfo[];
  value: string;
  onChange: (deviceId: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">System default</option>
        {devices.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || `${label} ${index + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}

export function DevicesSection({ preview, cameras, microphones, onRetry }: Props) {
  const cameraId = useSetupStore((s) => s.cameraId);
  const microphoneId = useSetupStore((s) => s.microphoneId);
  const setDevices = useSetupStore((s) => s.setDevices);
  const meter = useRef<HTMLDivElement>(null);
  const stream = preview.status === 'ready' ? preview.stream : null;
  useAudioLevel(stream, meter);

  return (
    <section className="card" aria-labelledby="devices-heading">
      <h2 id="devices-heading">Camera and microphone</h2>
      <div className="preview-frame">
        <VideoPreview stream={stream} />
        {preview.status === 'loading' && (
          <div className="preview-overlay">
            <Spinner /> Starting the camera…
          </div>
        )}
        {preview.status === 'error' && (
          <div className="preview-overlay preview-error" role="alert" data-testid="media-error">
            <p>{preview.message}</p>
            <div className="row">
              <button type="button" className="btn" onClick={onRetry}>
                Try again
              </button>
              {(cameraId || microphoneId) && (
                <button type="button" className="btn btn-ghost" onClick={() => setDevices({ cameraId: '', microphoneId: '' })}>
                  Use default devices
                </button>
              )}
            </div>
          </div>
        )}
      </div>
      <div className="meter" aria-label="Microphone level" title="Speak to see the level move">
        <div className="meter-bar" ref={meter} />
      </div>
      <div className="grid-2">
        <DeviceSelect
          id="camera"
          label="Camera"
          devices={cameras}
          value={cameraId}
          onChange={(id) => setDevices({ cameraId: id })}
        />
        <DeviceSelect
          id="microphone"
          label="Microphone"
          devices={microphones}
          value={microphoneId}
          onChange={(id) => setDevices({ microphoneId: id })}
        />
      </div>
    </section>
  );
}
