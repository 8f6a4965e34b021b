// The push settings page: turns push on or off for this browser. The subscription goes to the
// workspace, which sends titles and links only.
(function () {
  var panel = document.getElementById('push-device');
  if (!panel) {
    return;
  }
  var key = panel.getAttribute('data-key');
  var status = document.getElementById('push-status');
  var on = document.getElementById('push-on');
  var off = document.getElementById('push-off');

  function say(id) {
    status.textContent = panel.getAttribute('data-' + id);
  }

  function csrf() {
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    var headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
    if (header && token) {
      headers[header.content] = token.content;
    }
    return headers;
  }

  function applicationServerKey() {
    var base64 = key.replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(base64 + '==='.slice((base64.length + 3) % 4));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes;
  }

  if (!key || !('serviceWorker' in navigator) || !('PushManager' in window)) {
    say('unsupported');
    on.disabled = true;
    off.disabled = true;
    return;
  }

  navigator.serviceWorker.register('/sw.js', {scope: '/'}).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    return registration.pushManager.getSubscription().then(function (existing) {
      say(existing ? 'on' : 'off');
      on.addEventListener('click', function () {
        Notification.requestPermission().then(function (permission) {
          if (permission !== 'granted') {
            say('denied');
            return null;
          }
          return registration.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: applicationServerKey()})
            .then(function (subscription) {
              return fetch('/api/push/subscriptions', {method: 'POST', headers: csrf(), credentials: 'same-origin',
                body: JSON.stringify(subscription.toJSON())});
            })
            .then(function (answer) {
              if (answer && answer.ok) {
                window.location.reload();
              } else {
                say('failed');
              }
            });
        }).catch(function () {
          say('failed');
        });
      });
      off.addEventListener('click', function () {
        registration.pushManager.getSubscription().then(function (subscription) {
          if (!subscription) {
            say('off');
            return null;
          }
          var endpoint = subscription.endpoint;
          return subscription.unsubscribe().then(function () {
            return fetch('/api/push/subscriptions', {method: 'DELETE', headers: csrf(), credentials: 'same-origin',
              body: JSON.stringify({endpoint: endpoint})});
          }).then(function () {
            window.location.reload();
          });
        }).catch(function () {
          say('failed');
        });
      });
    });
  }).catch(function () {
    say('unsupported');
  });
})();
