// Loaded with `node --import` into a kiosk under test: `node-hid` resolves to the fake beside this file.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
