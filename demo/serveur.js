// Shows each request the page makes to the (fake) portal, so one can see that a sort or a search
// is one request, not a download of 10 million rows.
const count = document.getElementById('requests');
const log = document.getElementById('request-log');
let n = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.name.includes('/__portal?')) continue;
    n++;
    const target = new URL(decodeURIComponent(new URL(entry.name).searchParams.get('url') ?? ''));
    const li = document.createElement('li');
    li.textContent = `${target.pathname.split('/').slice(-2).join('/')}${target.search}`;
    log.append(li);
    count.textContent = `Requêtes au portail : ${n}`;
  }
}).observe({ type: 'resource', buffered: true });
