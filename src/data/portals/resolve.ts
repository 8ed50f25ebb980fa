/**
 * The loader's entry to the portal adapters. Most pages point at a plain file; the adapters (and
 * their helpers) are about 6 KB gzip that such a page never needs, so they are imported only for
 * a URL that one of them could claim. `mayBePortalUrl` is deliberately wider than the adapters:
 * a false positive costs one small import, a false negative would read a portal page as a file.
 */
import type { ResolveContext, ResolvedSource } from './index.ts';
import { formatFromUrl, parseUrl } from './util.ts';

/** Path segments by which an adapter recognises a URL, on any host (CKAN, Opendatasoft, GitLab). */
const PORTAL_SEGMENTS = new Set(['api', 'explore', 'dataset', '-']);

/**
 * True when a portal adapter could recognise this URL: a GitHub, GitLab or data.gouv.fr host, or a
 * path with one of the segments the path-based adapters look for (`/api/…`, `/explore/…`,
 * `/dataset/…`, GitLab's `/-/blob/…`), or DKAN's `?q=dataset/…`.
 */
export function mayBePortalUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (/(^|\.)(github\.com|githubusercontent\.com|data\.gouv\.fr)$/.test(host) || /(^|\.)gitlab\./.test(host))
    return true;
  for (const seg of url.pathname.split('/')) {
    let s = seg;
    try {
      s = decodeURIComponent(seg);
    } catch {
      // A malformed escape is not one of the segments looked for.
    }
    if (PORTAL_SEGMENTS.has(s.toLowerCase())) return true;
  }
  return /^dataset\//i.test(url.searchParams.get('q') ?? '');
}

/** Turns a page or API URL of a portal into the URL that returns data. Plain files pass through. */
export async function resolveSource(url: string, ctx: ResolveContext): Promise<ResolvedSource> {
  const trimmed = url.trim();
  const parsed = parseUrl(trimmed, ctx.base);
  if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && mayBePortalUrl(parsed)) {
    const portals = await import('./index.ts');
    return portals.resolveSource(trimmed, ctx);
  }
  const format = formatFromUrl(parsed ?? trimmed);
  return format ? { dataUrl: trimmed, portal: 'file', format } : { dataUrl: trimmed, portal: 'file' };
}
