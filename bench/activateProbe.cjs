// Child process of activate.mjs: loads dist/extension.js against the fake vscode and times require + activate().
/* global performance */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS probe */
'use strict';
const Module = require('node:module');
const path = require('node:path');
const fake = path.join(__dirname, 'fakeVscode.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? fake : resolve.call(this, request, ...rest);
};
require(fake);
const memento = () => {
  const m = new Map();
  return { get: (k, d) => (m.has(k) ? m.get(k) : d), update: async (k, v) => void m.set(k, v), keys: () => [...m.keys()], setKeysForSync() {} };
};
const context = {
  subscriptions: [],
  globalState: memento(),
  workspaceState: memento(),
  secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose() {} }) },
  extensionUri: { scheme: 'file', path: path.join(__dirname, '..') },
  extensionPath: path.join(__dirname, '..'),
  extensionMode: 1,
  logUri: { scheme: 'file', path: '/tmp' },
  globalStorageUri: { scheme: 'file', path: '/tmp' },
  storageUri: undefined,
  asAbsolutePath: (p) => path.join(__dirname, '..', p),
};
const t0 = performance.now();
const ext = require(path.join(__dirname, '..', 'dist', 'extension.js'));
const t1 = performance.now();
ext.activate(context);
const t2 = performance.now();
const serviceLoaded = Object.keys(require.cache).some((k) => k.endsWith(`${path.sep}service.js`));
process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, serviceLoaded }) + '\n');
for (const d of context.subscriptions) {
  try {
    d?.dispose?.();
  } catch {
    /* fake API */
  }
}
process.exit(0);
