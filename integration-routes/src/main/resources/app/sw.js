// The workspace's service worker. It keeps the static shell only (style, scripts, icons and the
// offline page) so the installed app opens and says what it cannot do without the server. It
// never stores an answer from the server: API answers, files and pages (which may show
// classified content) go to the network untouched and are never written to the device.
'use strict';

const SHELL_CACHE = 'workspace-shell-v1';
const OFFLINE_PAGE = '/offline.html';
const SHELL = [
  OFFLINE_PAGE,
  '/css/workspace.css',
  '/js/workspace.js',
  '/js/app.js',
  '/img/icons/icon-192.png',
  '/img/icons/icon-512.png',
  '/manifest.webmanifest'
];
// Never answered by the worker, not even from the network through it.
const PASS_THROUGH = [/^\/api\//, /^\/files(\/|$)/, /^\/guest\//, /^\/wopi\//, /^\/logout$/];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name !== SHELL_CACHE).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin
      || PASS_THROUGH.some((pattern) => pattern.test(url.pathname))) {
    return;
  }
  if (SHELL.includes(url.pathname)) {
    // The network first, so a new version shows at once; the kept copy only when offline.
    event.respondWith(fetch(request).catch(() => caches.match(url.pathname)));
    return;
  }
  if (request.mode === 'navigate') {
    // A page comes from the network and is not kept; offline, the offline page instead.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_PAGE)));
  }
});

// A push notice holds a title and a link only (the text stays behind the sign-in).
self.addEventListener('push', (event) => {
  let notice = {};
  try {
    notice = event.data ? event.data.json() : {};
  } catch (e) {
    notice = {};
  }
  const title = typeof notice.title === 'string' && notice.title ? notice.title : 'Agency Workspace';
  const link = typeof notice.url === 'string' ? notice.url : '/';
  event.waitUntil(self.registration.showNotification(title, {
    tag: typeof notice.tag === 'string' ? notice.tag : undefined,
    icon: '/img/icons/icon-192.png',
    data: {url: link}
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(event.notification.data && event.notification.data.url || '/', self.location.origin);
  // Only ever opens the workspace itself.
  const link = target.origin === self.location.origin ? target.href : self.location.origin + '/';
  event.waitUntil(self.clients.openWindow(link));
});
