// Replaces a prototype's method or accessor in the page's world, keeping names and lengths (a page listing them sees the
// usual shape; `toString` and stack traces still tell, see the README).
export function wrapMethod(proto: object, name: string, replacement: Function): void {
  const descriptor = Object.getOwnPropertyDescriptor(proto, name);
  if (!descriptor || typeof descriptor.value !== 'function') return;
  Object.defineProperty(proto, name, { ...descriptor, value: shaped(replacement, descriptor.value) });
}

export function wrapAccessor(proto: object, name: string, get: (this: never) => unknown, set: (this: never, value: unknown) => void): void {
  const descriptor = Object.getOwnPropertyDescriptor(proto, name);
  if (!descriptor?.get || !descriptor.set) return;
  Object.defineProperty(proto, name, { ...descriptor, get: shaped(get, descriptor.get), set: shaped(set, descriptor.set) });
}

function shaped<F extends Function>(replacement: F, native: Function): F {
  Object.defineProperty(replacement, 'name', { value: native.name });
  Object.defineProperty(replacement, 'length', { value: native.length });
  return replacement;
}
