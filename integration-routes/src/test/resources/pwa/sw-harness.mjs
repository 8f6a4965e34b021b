// Runs the workspace's service worker in Node with a browser's service-worker globals faked
// (caches, fetch, clients), and prints what it does with each request as JSON, for
// ServiceWorkerTest to check. Usage: node sw-harness.mjs path/to/sw.js
import fs from 'node:fs';
import vm from 'node:vm';

const ORIGIN = 'https://workspace.agency.test';
const listeners = {};
const stores = new Map();
const puts = [];
let online = true;
const notifications = [];
const opened = [];

function cacheNamed(name) {
  if (!stores.has(name)) {
    const entries = new Map();
    stores.set(name, {
      entries,
      addAll: async (urls) => { for (const url of urls) { entries.set(new URL(url, ORIGIN).pathname, await network(url)); } },
      put: async (request, response) => { puts.push(String(request.url || request)); entries.set(String(request), response); },
      add: async (request) => { puts.push(String(request.url || request)); },
    });
  }
  return stores.get(name);
}

async function network(request) {
  const url = typeof request === 'string' ? request : request.url;
  if (!online) {
    throw new TypeError('Failed to fetch');
  }
  return new Response('network:' + new URL(url, ORIGIN).pathname, {headers: {'X-From': 'network'}});
}

const sandbox = {
  URL, Response, Promise, console,
  self: {
    location: {origin: ORIGIN},
    addEventListener: (type, listener) => { listeners[type] = listener; },
    skipWaiting: async () => {},
    clients: {claim: async () => {}, openWindow: async (url) => { opened.push(url); }},
    registration: {showNotification: async (title, options) => { notifications.push({title, options}); }},
  },
  caches: {
    open: async (name) => cacheNamed(name),
    keys: async () => [...stores.keys()],
    delete: async (name) => stores.delete(name),
    match: async (request) => {
      const path = new URL(typeof request === 'string' ? request : request.url, ORIGIN).pathname;
      for (const store of stores.values()) {
        if (store.entries.has(path)) {
          return store.entries.get(path).clone();
        }
      }
      return undefined;
    },
  },
  fetch: network,
};
sandbox.self.caches = sandbox.caches;
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(process.argv[2], 'utf8'), sandbox);

async function lifecycle(type, extra) {
  const waits = [];
  listeners[type]({waitUntil: (promise) => waits.push(promise), ...extra});
  await Promise.all(waits);
}

async function request(url, method, mode, isOnline) {
  online = isOnline;
  let responded = null;
  listeners.fetch({request: {url: new URL(url, ORIGIN).href, method, mode}, respondWith: (answer) => { responded = answer; }});
  if (responded === null) {
    return {url, method, mode, online: isOnline, handled: false};
  }
  const answer = await responded;
  return {url, method, mode, online: isOnline, handled: true, body: answer ? await answer.text() : null};
}

await lifecycle('install');
await lifecycle('activate');
const results = [];
for (const [url, method, mode] of [
  ['/api/files/secret.docx', 'GET', 'cors'],
  ['/api/push/subscriptions', 'POST', 'cors'],
  ['/files/download?path=%E5%AF%86/plan.docx', 'GET', 'navigate'],
  ['/files', 'GET', 'navigate'],
  ['/files/view?path=%E5%AF%86/plan.docx', 'GET', 'navigate'],
  ['/approvals', 'GET', 'navigate'],
  ['/official-documents/42', 'GET', 'navigate'],
  ['/css/workspace.css', 'GET', 'no-cors'],
  ['https://elsewhere.example/x.js', 'GET', 'no-cors'],
]) {
  results.push(await request(url, method, mode, true));
  results.push(await request(url, method, mode, false));
}
await lifecycle('push', {data: {json: () => ({title: 'Approval', url: ORIGIN + '/approvals', tag: 'approvals'})}});
await lifecycle('notificationclick', {notification: {close: () => {}, data: {url: 'https://evil.example/phish'}}});

const cached = {};
for (const [name, store] of stores) {
  cached[name] = [...store.entries.keys()].sort();
}
console.log(JSON.stringify({results, cached, puts, notifications, opened}));
