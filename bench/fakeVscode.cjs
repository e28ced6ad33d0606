// A minimal stand-in for the `vscode` module so dist/extension.js can be loaded and activated in
// plain Node (figure 1 approximation). Known members behave plausibly; anything else is a
// permissive proxy (callable, constructible, extendable) that returns more proxies.
'use strict';

function anything(name) {
  const fn = function () {};
  return new Proxy(fn, {
    get(target, prop) {
      if (prop === 'then') return undefined; // not a thenable
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'prototype') return target.prototype;
      if (prop === 'dispose') return () => undefined;
      if (!(prop in target)) target[prop] = anything(`${name}.${String(prop)}`);
      return target[prop];
    },
    apply() {
      return anything(`${name}()`);
    },
    construct() {
      return anything(`new ${name}`);
    },
  });
}

class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d?.dispose?.()));
  }
  dispose() {
    this.fn?.();
  }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg) => {
      const l = thisArg ? listener.bind(thisArg) : listener;
      this.listeners.add(l);
      return new Disposable(() => this.listeners.delete(l));
    };
  }
  fire(e) {
    for (const l of [...this.listeners]) l(e);
  }
  dispose() {
    this.listeners.clear();
  }
}

const noEvent = () => new Disposable();
class TreeItem {
  constructor(label, collapsibleState) {
    this.label = label;
    this.collapsibleState = collapsibleState;
  }
}
class ThemeIcon {
  constructor(id, color) {
    this.id = id;
    this.color = color;
  }
}
class ThemeColor {
  constructor(id) {
    this.id = id;
  }
}
class MarkdownString {
  constructor(value = '') {
    this.value = value;
  }
  appendMarkdown(v) {
    this.value += v;
    return this;
  }
  appendText(v) {
    this.value += v;
    return this;
  }
  appendCodeblock(v) {
    this.value += v;
    return this;
  }
}
class Uri {
  constructor(scheme, path) {
    this.scheme = scheme;
    this.path = path;
  }
  static parse(s) {
    return new Uri(String(s).split(':')[0], s);
  }
  static file(p) {
    return new Uri('file', p);
  }
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, [base.path, ...parts].join('/'));
  }
  with() {
    return this;
  }
  toString() {
    return `${this.scheme}:${this.path}`;
  }
}

const configuration = { get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined };
const treeView = () => ({ visible: false, onDidChangeVisibility: noEvent, onDidChangeSelection: noEvent, onDidExpandElement: noEvent, onDidCollapseElement: noEvent, dispose() {}, reveal: async () => undefined, message: undefined, badge: undefined, description: undefined, title: undefined });

const vscode = {
  Disposable,
  EventEmitter,
  TreeItem,
  ThemeIcon,
  ThemeColor,
  MarkdownString,
  Uri,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
  env: { language: 'en', appName: 'fake', uriScheme: 'vscode', clipboard: { writeText: async () => undefined }, openExternal: async () => true },
  version: '1.100.0',
  workspace: {
    getConfiguration: () => configuration,
    onDidChangeConfiguration: noEvent,
    registerTextDocumentContentProvider: () => new Disposable(),
    workspaceFolders: undefined,
  },
  commands: { registerCommand: () => new Disposable(), executeCommand: async () => undefined },
  authentication: { getSession: async () => undefined, onDidChangeSessions: noEvent },
  window: {
    createTreeView: treeView,
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {}, text: '', tooltip: '', command: undefined }),
    createOutputChannel: () => ({ appendLine() {}, append() {}, show() {}, dispose() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {}, logLevel: 3, onDidChangeLogLevel: noEvent }),
    showInformationMessage: async () => undefined,
    showWarningMessage: async () => undefined,
    showErrorMessage: async () => undefined,
    registerTreeDataProvider: () => new Disposable(),
    onDidChangeWindowState: noEvent,
    state: { focused: true },
  },
};

module.exports = new Proxy(vscode, {
  get(target, prop) {
    if (!(prop in target)) target[prop] = anything(`vscode.${String(prop)}`);
    return target[prop];
  },
});
