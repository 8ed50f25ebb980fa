// For the page that shows Vitrine embeds (embed.html) in iframes: sets each iframe's height to the
// height of its content, so the reader scrolls the page, never a box inside it.
//
//   <iframe src="https://…/demo/embed.html?el=table&src=…&title=…" title="…" height="600"></iframe>
//   <script src="https://…/demo/embed-resize.js" async></script>
//
// embed.html posts { type: 'vitrine:height', height, id } to its parent whenever its height
// changes. A message is applied only to the iframe whose window sent it (event.source): another
// frame cannot resize an iframe that is not its own. The script asks the iframes already loaded
// to send their height again ({ type: 'vitrine:height?' }), so it may load before or after them.
// No inline script, no inline style attribute (the height is set through the CSSOM), so a strict
// Content-Security-Policy on the host page is fine. Including it twice does no harm.
(() => {
  const FLAG = 'vitrineEmbedResize';
  if (window[FLAG]) return;
  window[FLAG] = true;

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'vitrine:height') return;
    const height = Number(data.height);
    if (!Number.isFinite(height) || height < 0 || height > 100000) return;
    for (const frame of document.querySelectorAll('iframe')) {
      if (frame.contentWindow && frame.contentWindow === event.source) {
        frame.style.height = `${Math.ceil(height)}px`;
      }
    }
  });

  const ask = () => {
    for (const frame of document.querySelectorAll('iframe')) {
      frame.contentWindow?.postMessage({ type: 'vitrine:height?' }, '*');
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ask);
  else ask();
})();
