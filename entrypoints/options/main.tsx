// Options page: the remote face-detection API (opt-in), explained, configured and tested.
import { render } from 'preact';
import { RemoteForm } from '@/components/remote/RemoteForm';
import { useRemote } from '@/components/remote/use-remote';

function Options() {
  const state = useRemote();
  return (
    <main>
      <h1>FaceVeil settings</h1>
      <h2>Remote face detection (optional)</h2>
      <p>
        By default FaceVeil finds faces on this device and no image leaves it. You can also use the FaceBlurest REST API, a paid
        service: every image FaceVeil scans is then uploaded to the endpoint below. With "Both", a face either detector finds is
        blurred. If the service fails or its quota is used up, faces are detected on this device instead.
      </p>
      <p class="note">
        Your username and password stay in this browser profile (not synced) and are sent only to the endpoint. Web pages cannot
        read them. Results are cached per picture, so the same image is not uploaded or paid for twice.
      </p>
      {state && <RemoteForm state={state} />}
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
