// @peculiar/x509 needs a Reflect metadata polyfill loaded before it; ESM
// evaluates imports in order, so this import must stay first.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// node's webcrypto is a full Crypto; the cast only bridges DOM and node typings.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[1]);

/** @peculiar/x509, ready to use (certificate generation for the training CA). */
export { x509 };
