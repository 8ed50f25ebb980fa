// Makes sure a Chromium exists for the browser tests and benchmarks; never downloads a browser build.
// Order: $CHROME_PATH, /usr/bin/chromium; otherwise, as root with apt-get, installs Debian's chromium;
// otherwise explains how to get one and exits non-zero.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const wanted = process.env.CHROME_PATH || '/usr/bin/chromium';
if (existsSync(wanted)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let hasApt = false;
try {
  execSync('command -v apt-get', { stdio: 'ignore', shell: '/bin/sh' });
  hasApt = true;
} catch {
  /* no apt */
}
if (!process.env.CHROME_PATH && isRoot && hasApt) {
  console.log('[vitrine] No Chromium found: installing Debian\'s "chromium" package with apt-get…');
  try {
    execSync('apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium', {
      stdio: 'inherit',
      shell: '/bin/sh',
    });
  } catch {
    /* reported below */
  }
  if (existsSync(wanted)) process.exit(0);
}
console.error(`[vitrine] The browser tests need Chromium and none was found at ${wanted}.
  - On Debian/Ubuntu, as root:  apt-get install -y chromium
  - Or point CHROME_PATH at any Chrome/Chromium binary:  CHROME_PATH=/path/to/chrome npm test
The test tools never download a browser by themselves.`);
process.exit(1);
