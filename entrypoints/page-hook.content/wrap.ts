// Replaces a prototype method in the page's world, keeping its name and length (a page listing them sees the usual shape;
// `toString` and stack traces still tell, see the README).
export function wrapMethod(proto: object, name: string, replacement: Function): void {
  const descriptor = Object.getOwnPropertyDescriptor(proto, name);
  if (!descriptor || typeof descriptor.value !== 'function') return;
  Object.defineProperty(replacement, 'name', { value: descriptor.value.name });
  Object.defineProperty(replacement, 'length', { value: descriptor.value.length });
  Object.defineProperty(proto, name, { ...descriptor, value: replacement });
}
