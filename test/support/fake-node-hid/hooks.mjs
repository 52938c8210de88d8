// Module resolution hook: the kiosk's `import('node-hid')` gets the fake device, every other import is untouched.
const FAKE = new URL('./node-hid.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'node-hid') return { url: FAKE, shortCircuit: true };
  return nextResolve(specifier, context);
}
