// Starts the browser editor on the "open in editor" page (no inline script: the page's CSP
// admits only this file and the configured editor).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("editor-form");
  if (form) {
    form.submit(); // Collabora: POSTs access_token and access_token_ttl into the frame
  }
  var onlyoffice = document.getElementById("onlyoffice-editor");
  if (onlyoffice && window.DocsAPI) {
    new window.DocsAPI.DocEditor("onlyoffice-editor", JSON.parse(onlyoffice.dataset.config));
  }
});
