import { useInfoStore } from './infoStore';
import { routes } from './router';

export function Banners() {
  const info = useInfoStore((s) => s.info);
  const error = useInfoStore((s) => s.error);
  const recoveredDismissed = useInfoStore((s) => s.recoveredDismissed);
  const dismissRecovered = useInfoStore((s) => s.dismissRecovered);
  const load = useInfoStore((s) => s.load);

  if (error) {
    return (
      <div className="banner banner-error" role="alert">
        <span>{error}</span>
        <button type="button" className="btn btn-small" onClick={() => void load()}>
          Try again
        </button>
      </div>
    );
  }
  if (!info) return null;
  const recovered = info.recoveredSessionIds;
  const [firstRecovered] = recovered;
  return (
    <>
      {firstRecovered && !recoveredDismissed && (
        <div className="banner banner-warning" role="status" data-testid="recovered-banner">
          <span>
            {recovered.length === 1
              ? '1 recording was interrupted and has been recovered.'
              : `${recovered.length} recordings were interrupted and have been recovered.`}{' '}
            <a href={recovered.length === 1 ? routes.session(firstRecovered) : routes.library()}>
              {recovered.length === 1 ? 'Open it' : 'See sessions'}
            </a>
          </span>
          <button type="button" className="btn btn-small btn-ghost" onClick={dismissRecovered}>
            Dismiss
          </button>
        </div>
      )}
      {!info.ffmpeg.available && (
        <div className="banner banner-info" role="status" data-testid="ffmpeg-banner">
          <span>
            ffmpeg was not found, recordings are saved but cannot be made seekable until it is
            installed.
          </span>
        </div>
      )}
    </>
  );
}
