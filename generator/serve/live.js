// gazette serve: reload the page after each good rebuild, and show the problems of a
// failed one. Added by `gazette serve` to the pages it serves; never part of the site.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !window.EventSource) {
    return;
  }
  var build = script.getAttribute('data-build');
  var shown = current() ? current().getAttribute('data-failure') : null;
  var returnFocus = null;

  function current() {
    return document.getElementById('gazette-problems');
  }

  // show puts the dialog the server rendered (its own escaped markup) in place of the
  // one on the page, and moves the focus into it, as an alert dialog does.
  function show(markup) {
    var t = document.createElement('template');
    t.innerHTML = markup;
    var dialog = t.content.querySelector('dialog');
    if (!dialog || dialog.getAttribute('data-failure') === shown) {
      return;
    }
    shown = dialog.getAttribute('data-failure');
    var old = current();
    if (old) {
      old.replaceWith(dialog);
    } else {
      returnFocus = document.activeElement;
      document.body.appendChild(dialog);
    }
    var button = dialog.querySelector('button');
    (button || dialog).focus();
  }

  function dismiss() {
    var dialog = current();
    if (dialog && dialog.open) {
      dialog.close();
    }
  }

  // A closed dialog (by its button, which needs no script, or by Escape) gives the
  // focus back to where it was.
  document.addEventListener('close', function (e) {
    if (e.target === current() && returnFocus && document.contains(returnFocus)) {
      returnFocus.focus();
    }
  }, true);
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && current() && current().open) {
      dismiss();
    }
  });

  var events = new EventSource(script.getAttribute('data-events'));
  events.addEventListener('build', function (e) {
    if (e.data !== build) {
      events.close();
      window.location.reload();
    }
  });
  events.addEventListener('problems', function (e) {
    show(e.data);
  });
})();
