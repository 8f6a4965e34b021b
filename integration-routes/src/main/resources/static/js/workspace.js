// The home page refreshes app states every 15 s; stop after half an hour so an idle open tab
// does not keep the session alive forever.
var statusPolls = 0;
document.addEventListener('htmx:confirm', function (event) {
  if (event.target.id === 'apps' && ++statusPolls > 120) {
    event.preventDefault();
  }
});

// Sends the CSRF token with every htmx request; forms carry it as a hidden field already.
document.addEventListener('htmx:configRequest', function (event) {
  var header = document.querySelector('meta[name="csrf-header"]');
  var token = document.querySelector('meta[name="csrf-token"]');
  if (header && token) {
    event.detail.headers[header.content] = token.content;
  }
});
