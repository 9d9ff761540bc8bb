// A short on-page confirmation when the keyboard shortcut switches blurring on this site (the tab's top frame): on top of
// everything (the top layer, above a fullscreen element where popovers exist), clicks pass through, gone after 2 s.
// Its shadow root is open: it holds only this line of text, and assistive tools read it as a status.
import { i18n } from '#i18n';

const SHOW_MS = 2_000;
const HOST_STYLE = ['all: initial', 'position: fixed', 'inset: 16px 16px auto auto', 'margin: 0', 'padding: 0', 'border: 0', 'background: none', 'z-index: 2147483647', 'pointer-events: none']
  .map((rule) => `${rule} !important;`)
  .join(' ');
const BOX_STYLE = 'font: 14px/1.4 system-ui, sans-serif; color: #fff; background: rgba(24, 24, 24, 0.9); padding: 8px 12px; border-radius: 8px; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.3)';

let shown: { host: HTMLElement; timer: ReturnType<typeof setTimeout> } | null = null;

export function showSiteToast(site: string, active: boolean): void {
  if (shown) {
    clearTimeout(shown.timer);
    shown.host.remove();
  }
  const host = document.createElement('faceveil-toast');
  host.setAttribute('style', HOST_STYLE);
  const box = document.createElement('div');
  box.setAttribute('role', 'status');
  box.setAttribute('style', BOX_STYLE);
  box.textContent = i18n.t(active ? 'toast.siteOn' : 'toast.siteOff', [site]);
  host.attachShadow({ mode: 'open' }).append(box);
  (document.body ?? document.documentElement).append(host);
  if ('showPopover' in host) {
    host.popover = 'manual';
    host.showPopover();
  }
  shown = { host, timer: setTimeout(() => host.remove(), SHOW_MS) };
}
