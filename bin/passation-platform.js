#!/usr/bin/env node
// The `passation-platform` command: the authority's PKI and its service (platform/README.md).
'use strict';
require('tsx/cjs');
require('../platform/main.ts').cli();
