/** Types of fake-portals.mjs (used by vite.config.ts). */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function fakePortalRequest(
  targetUrl: string,
): Promise<{ status: number; type: string; body: string } | undefined>;

export function fakePortalMiddleware(
  prefix?: string,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
