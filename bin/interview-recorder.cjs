#!/usr/bin/env node
// The command line, built with the app (`npm run build` writes out/main/cli.js). Needs Node 22.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS bin, run by node directly
require('../out/main/cli.js').cliMain();
