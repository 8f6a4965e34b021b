// Installs the service worker that lets the workspace be added to a phone's home screen.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', function () {
    navigator.serviceWorker.register('/sw.js', {scope: '/'}).catch(function () {
      // Not signed in, or a browser that refuses: the pages work the same without it.
    });
  });
}
