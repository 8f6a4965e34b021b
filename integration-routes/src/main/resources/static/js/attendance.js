// Attendance page: a device fingerprint (the server keeps only a salted hash) and, only when the
// person ticks the box, the position sent once with this tap (the server compares it with the
// approved areas and drops it).
(function () {
  var form = document.getElementById('clock-form');
  if (!form) {
    return;
  }
  var device = document.getElementById('device');
  device.value = [navigator.userAgent, navigator.language, screen.width + 'x' + screen.height,
    Intl.DateTimeFormat().resolvedOptions().timeZone].join('|');
  var consent = document.getElementById('share-location');
  var located = false;
  form.addEventListener('submit', function (event) {
    if (!consent || !consent.checked || located || !navigator.geolocation) {
      return;
    }
    event.preventDefault();
    var send = function () { located = true; form.submit(); };
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById('latitude').value = position.coords.latitude;
      document.getElementById('longitude').value = position.coords.longitude;
      send();
    }, send, {timeout: 10000, maximumAge: 0});
  });
  // A double tap submits once; the server treats a repeat as the same event anyway.
  form.addEventListener('submit', function () {
    document.getElementById('clock-button').disabled = true;
  });
}());
