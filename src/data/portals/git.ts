/**
 * Files in GitHub and GitLab repositories: the "blob" page people copy from their browser becomes
 * the raw file (query and fragment dropped: `?plain=1`, `#L12`); the format comes from the extension.
 *
 * - GitHub `github.com/<owner>/<repo>/blob/<ref>/<path>` (or `/raw/`) →
 *   `https://raw.githubusercontent.com/<owner>/<repo>/<ref>/<path>`; raw.githubusercontent.com passes through.
 * - GitLab, on gitlab.com and self-hosted instances (framagit.org, forges…): `/<group>/<project>/-/blob/<ref>/<path>`
 *   → `/-/raw/`; on hosts named gitlab.*, the older `/<project>/blob/<ref>/<path>` too. `/-/raw/` passes through.
 *   GitLab's raw endpoint sends no CORS headers, so the REST API's raw file
 *   (`/api/v4/projects/<project>/repository/files/<path>/raw?ref=<ref>`, which does) is the CORS fallback.
 */
import type { PortalAdapter, ResolvedSource } from './index.ts';
import { formatFromUrl } from './util.ts';

function withFormat(out: ResolvedSource): ResolvedSource {
  const format = formatFromUrl(out.dataUrl);
  if (format) out.format = format;
  return out;
}

function github(url: URL): ResolvedSource | undefined {
  const host = url.hostname.toLowerCase();
  if (host === 'raw.githubusercontent.com') return withFormat({ dataUrl: url.href, portal: 'github' });
  if (host !== 'github.com' && host !== 'www.github.com') return undefined;
  // Encoded segments, so that the path keeps its exact spelling.
  const segs = url.pathname.split('/').filter(Boolean);
  const [owner, repo, kind, ref, ...path] = segs;
  if (!owner || !repo || (kind !== 'blob' && kind !== 'raw') || !ref || !path.length) return undefined;
  return withFormat({
    dataUrl: `https://raw.githubusercontent.com/${owner}/${repo}/${ref}/${path.join('/')}`,
    portal: 'github',
  });
}

function gitlab(url: URL): ResolvedSource | undefined {
  const host = url.hostname.toLowerCase();
  const segs = url.pathname.split('/').filter(Boolean);
  const dash = segs.indexOf('-');
  let project: string[];
  let kind: string | undefined;
  let rest: string[];
  if (dash > 0) {
    project = segs.slice(0, dash);
    kind = segs[dash + 1];
    rest = segs.slice(dash + 2);
  } else if (/(^|\.)gitlab\./.test(host)) {
    const b = segs.findIndex((s, i) => i >= 2 && (s === 'blob' || s === 'raw'));
    if (b < 0) return undefined;
    project = segs.slice(0, b);
    kind = segs[b];
    rest = segs.slice(b + 1);
  } else {
    return undefined;
  }
  if ((kind !== 'blob' && kind !== 'raw') || rest.length < 2 || project.length < 2) return undefined;
  const [ref, ...path] = rest;
  const dataUrl = `${url.origin}/${project.join('/')}/-/raw/${ref}/${path.join('/')}`;
  const projectId = encodeURIComponent(project.map(decodeURIComponent).join('/'));
  const filePath = encodeURIComponent(path.map(decodeURIComponent).join('/'));
  const apiUrl = `${url.origin}/api/v4/projects/${projectId}/repository/files/${filePath}/raw?ref=${ref}`;
  const out = withFormat({ dataUrl, portal: 'gitlab' });
  out.corsFallbacks = [{ url: apiUrl, ...(out.format ? { format: out.format } : {}), via: 'gitlab-api' }];
  return out;
}

export const git: PortalAdapter = {
  name: 'github',
  resolve(url) {
    return github(url) ?? gitlab(url);
  },
};
