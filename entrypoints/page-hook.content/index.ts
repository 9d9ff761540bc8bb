// Page-world content script (started by the manifest at document_start, before any page script): hooks WebGL texture
// uploads so panoramas and 3D scenes never show a face sharp, and marks 2D canvases that get a photo drawn into them.
// Also hands a watched video's picture-in-picture to FaceVeil (pip.ts). It gets only on/off and the blur's look from
// FaceVeil.
import { offerBridge } from '@/lib/texture/bridge';
import { readToPage, type FromPage } from '@/lib/texture/protocol';
import { installCanvasHook, setCanvasMarking } from './canvas2d';
import { installTextureHook } from './hook';
import { installPipHook } from './pip';
import { reportUnreadableTo, showUnreadableBlur, watchUnreadableCanvases } from './unreadable';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: true,
  matchOriginAsFallback: true,
  world: 'MAIN',
  main() {
    const send = (message: FromPage) => bridge?.send(message);
    const hook = installTextureHook((id, picture, w, h) => send({ type: 'texture', id, picture, w, h }));
    watchUnreadableCanvases();
    installCanvasHook();
    installPipHook();
    const bridge = offerBridge((raw) => {
      const message = readToPage(raw);
      if (message?.type === 'look') {
        hook.setLook(message.on, { strength: message.strength, shape: message.shape });
        showUnreadableBlur(message.on);
        setCanvasMarking(message.on);
      } else if (message?.type === 'faces') hook.facesFound(message.id, message.faces);
      else if (message?.type === 'keep') hook.keepBlurred(message.id);
      else if (message?.type === 'resend') hook.offerAgain();
    });
    reportUnreadableTo((why) => send({ type: 'unreadable', why }));
  },
});
