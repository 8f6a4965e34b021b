// The file page without a framework: several files uploaded one after another, each with its
// own progress bar (XHR upload progress events), and folder exports (a marked PDF that can take
// a while to make) shown as "preparing" then by bytes received. Without JavaScript the forms and
// links work as they are.
(function () {
  'use strict';

  function csrf(xhr) {
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (header && token) {
      xhr.setRequestHeader(header.content, token.content);
    }
  }

  function row(list, name) {
    var item = document.createElement('li');
    var label = document.createElement('span');
    label.textContent = name + ' ';
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', name);
    item.appendChild(label);
    item.appendChild(bar);
    list.appendChild(item);
    return { item: item, bar: bar };
  }

  function problem(xhr) {
    try {
      var body = JSON.parse(xhr.responseText);
      return (body.problems && body.problems.join('; ')) || body.detail || xhr.statusText;
    } catch (e) {
      return xhr.status + ' ' + xhr.statusText;
    }
  }

  function uploadOne(form, file, list, done) {
    var shown = row(list, file.name);
    var folder = form.dataset.folder === '/' ? '' : form.dataset.folder;
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.dataset.api + '?path=' + encodeURIComponent(folder + '/' + file.name));
    csrf(xhr);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.addEventListener('progress', function (event) {
      if (event.lengthComputable) {
        shown.bar.value = Math.round(event.loaded * 100 / event.total);
      }
    });
    xhr.addEventListener('load', function () {
      if (xhr.status >= 200 && xhr.status < 300) {
        shown.bar.value = 100;
        done(true);
      } else {
        var note = document.createElement('strong');
        note.className = 'alert';
        note.textContent = ' ' + form.dataset.failed + ': ' + problem(xhr);
        shown.item.appendChild(note);
        done(false);
      }
    });
    xhr.addEventListener('error', function () {
      done(false);
    });
    xhr.send(file);
  }

  function enhanceUpload(form) {
    form.addEventListener('submit', function (event) {
      var input = form.querySelector('input[type=file]');
      if (!input.files.length || !window.XMLHttpRequest) {
        return;
      }
      event.preventDefault();
      var list = form.querySelector('.upload-progress');
      list.textContent = '';
      var files = Array.prototype.slice.call(input.files);
      var failed = 0;
      (function next(index) {
        if (index === files.length) {
          if (!failed) {
            window.location.reload();
          }
          return;
        }
        uploadOne(form, files[index], list, function (ok) {
          if (!ok) {
            failed++;
          }
          next(index + 1);
        });
      })(0);
    });
  }

  function enhanceExport(link) {
    link.addEventListener('click', function (event) {
      if (!window.Blob || !window.URL) {
        return;
      }
      event.preventDefault();
      var bar = link.parentNode.querySelector('progress.export-progress');
      if (!bar) {
        bar = document.createElement('progress');
        bar.className = 'export-progress';
        bar.setAttribute('aria-label', link.textContent);
        link.parentNode.insertBefore(bar, link.nextSibling);
      }
      bar.removeAttribute('value');
      var xhr = new XMLHttpRequest();
      xhr.open('GET', link.href);
      xhr.responseType = 'blob';
      xhr.addEventListener('progress', function (progress) {
        if (progress.lengthComputable) {
          bar.max = progress.total;
          bar.value = progress.loaded;
        }
      });
      xhr.addEventListener('load', function () {
        bar.parentNode.removeChild(bar);
        if (xhr.status !== 200 || !/pdf/i.test(xhr.getResponseHeader('Content-Type') || '')) {
          // The refusal page says why, in the page's language.
          window.location.href = link.href;
          return;
        }
        var disposition = xhr.getResponseHeader('Content-Disposition') || '';
        var match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
        var save = document.createElement('a');
        save.href = URL.createObjectURL(xhr.response);
        save.download = match ? decodeURIComponent(match[1]) : 'export.pdf';
        document.body.appendChild(save);
        save.click();
        document.body.removeChild(save);
        setTimeout(function () { URL.revokeObjectURL(save.href); }, 60000);
      });
      xhr.send();
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('upload-form');
    if (form) {
      enhanceUpload(form);
    }
    Array.prototype.forEach.call(document.querySelectorAll('a.export[data-progress]'), enhanceExport);
  });
})();
