// Waspada · Lapor service worker: keeps the form's shell so it opens with no signal.
// Reports never pass through here: the API is always fetched from the network by the page.
'use strict';
const VERSION = '__VERSION__';
const CACHE = 'lapor-' + VERSION;
const PAGE = '/lapor/';
const SHELL = [PAGE, 'app.js', 'style.css', 'manifest.webmanifest', 'icon.svg'].map(
  (name, i) => (i ? PAGE + name + '?v=' + VERSION : PAGE)
);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('lapor-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

function fromCache(request) {
  return caches.match(request, { cacheName: CACHE, ignoreVary: true }).then((hit) => hit || fetch(request));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && (url.pathname === PAGE || url.pathname === PAGE + 'index.html')) {
    event.respondWith(caches.match(PAGE, { cacheName: CACHE, ignoreVary: true }).then((hit) => hit || fetch(request)));
  } else if (SHELL.includes(url.pathname + url.search)) {
    event.respondWith(fromCache(request));
  }
});
