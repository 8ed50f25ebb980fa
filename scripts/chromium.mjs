// How every tool of this project starts Chromium: Debian's package (or $CHROME_PATH), never a
// downloaded browser, with the flags this closed network needs.
export const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';

export const chromeArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
