// The offscreen document's engines for the detector facade: YuNet loaded once, BlazeFace from its delegate host.
import { engineSource, loadYunetModel, once } from '@/lib/detect/engines';
import { assets } from './assets';
import { getBlazeface } from './blazeface-host';

export const getYunet = once(() => loadYunetModel(assets));
export const getEngine = engineSource({ yunet: getYunet, blazeface: getBlazeface });
