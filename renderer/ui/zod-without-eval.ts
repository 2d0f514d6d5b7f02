import { z } from 'zod';

/**
 * Zod 4 compiles object parsers with `new Function` when it may, and probes whether it may by trying it: under the
 * pages' CSP (`script-src 'self'`, no 'unsafe-eval') the probe is a reported CSP violation. Jitless mode never
 * probes. Imported first by each screen's entry, before any schema parses.
 */
z.config({ jitless: true });
