// The plain-words confirmation shown before any image is uploaded to a remote host.
export function ConsentPrompt(props: { host: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div class="consent" role="alertdialog" aria-label="Confirm uploads" data-testid="remote-consent">
      <p>
        <strong>Images on the pages you view will be uploaded to {props.host}</strong> so that service can find the faces in them.
        Your FaceBlurest username and password are sent there too, and nowhere else.
      </p>
      <p class="note">If the service fails, FaceVeil detects faces on this device instead. Turn this off any time to stop uploads.</p>
      <div class="buttons">
        <button type="button" class="primary" data-testid="remote-consent-confirm" onClick={props.onConfirm}>
          Upload images to {props.host}
        </button>
        <button type="button" data-testid="remote-consent-cancel" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
