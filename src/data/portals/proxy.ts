/**
 * The `proxy` attribute: a URL template through which data URLs are fetched when the portal sends
 * no CORS headers.
 * - `{url}` is replaced by the encoded data URL: "https://proxy.example/fetch?u={url}";
 * - `{raw}` by the data URL as it is: "https://proxy.example/{raw}";
 * - a template with neither gets the encoded URL appended: "https://proxy.example/?url=".
 * A relative template ("/proxy?url={url}") resolves against `base` (the page's URL) when given.
 */
export function proxied(url: string, template: string, base?: string): string {
  const t = template.trim();
  if (!t) return url;
  const encoded = encodeURIComponent(url);
  let out: string;
  if (t.includes('{url}') || t.includes('{raw}')) {
    out = t.replaceAll('{url}', encoded).replaceAll('{raw}', url);
  } else {
    out = t + encoded;
  }
  if (base && !/^[a-z][a-z\d+.-]*:/i.test(out)) {
    try {
      return new URL(out, base).href;
    } catch {
      return out;
    }
  }
  return out;
}
