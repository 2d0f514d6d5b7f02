#!/usr/bin/env node
// Runs a TypeScript entry point of this repository with tsx (no build step): `node bin/run-ts.js FILE args…`.
'use strict';
const path = require('node:path');
require('tsx/cjs');
const file = process.argv[2];
if (!file) {
  console.error('usage : node bin/run-ts.js FICHIER.ts [arguments…]');
  process.exit(2);
}
process.argv.splice(1, 2, path.resolve(file));
require(path.resolve(file));
