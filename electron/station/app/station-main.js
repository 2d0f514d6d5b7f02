'use strict';
// The station shell's Electron entry (electron/station/README.md): `electron electron/station/app`. Its TypeScript
// runs through tsx, as the `passation` command's does (bin/passation.js): the centre server reads files beside its
// sources (migrations, report fonts, the built screens in dist/), so it is not bundled.
require('tsx/cjs');
require('../main.ts');
