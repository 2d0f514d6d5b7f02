#!/usr/bin/env node
// The `passation` command: auditors, the platform and the station's scripts call it (README, "Ligne de commande").
'use strict';
require('tsx/cjs');
require('../cli/main.ts');
