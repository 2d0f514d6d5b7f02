import { z } from 'zod';
import { Id } from './common';
import { PackageKind } from './platform-api';

/**
 * Issue 9 §2 — downloading a signed package from the authority platform (docs/centre-api.md): which one the manager
 * asks for. `kind` and `packageId` as the platform lists them (`GET /api/manager/platform/packages`); `version`
 * `latest` (the default) for the last one published.
 */
export const PlatformPackageRequest = z.object({
  kind: PackageKind,
  packageId: Id,
  version: z.string().min(1, 'version obligatoire (ou « latest »)').max(100).default('latest'),
}).strict();
export type PlatformPackageRequest = z.infer<typeof PlatformPackageRequest>;
