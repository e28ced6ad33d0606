// Development only (F5 "Run Extension against the simulator"): points the extension under development
// at the local simulator started by scripts/dev-simulator.mjs. clientLinks.endpoint is a machine
// setting, which workspace settings cannot set, and the launch runs with --profile-temp, so this
// writes it (and clientLinks.api when MSADS_DEV_API is set) into that throwaway profile's user settings.
// Env: MSADS_DEV_SIMULATOR_FILE (the simulator's --json line), MSADS_DEV_API (auto | soap | rest).
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded by VS Code without a build step */
'use strict';
const fs = require('fs');
const vscode = require('vscode');

async function activate() {
  const file = process.env.MSADS_DEV_SIMULATOR_FILE;
  if (!file) {
    return;
  }
  let endpoint;
  try {
    endpoint = JSON.parse(fs.readFileSync(file, 'utf8')).endpoint;
  } catch (err) {
    void vscode.window.showErrorMessage(`Cannot read the simulator's endpoint from ${file} (is the "simulator" task running?): ${err.message}`);
    return;
  }
  const config = vscode.workspace.getConfiguration('clientLinks');
  await config.update('endpoint', endpoint, vscode.ConfigurationTarget.Global);
  if (process.env.MSADS_DEV_API) {
    await config.update('api', process.env.MSADS_DEV_API, vscode.ConfigurationTarget.Global);
  }
}

module.exports = { activate };
