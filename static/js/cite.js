/* gazette: the copy button of the "cite this document" block on document pages.
 *
 * Without this script the citation is plain, selectable text and no button shows.
 * With it, a button after the citation copies the text to the clipboard: through the
 * Clipboard API where the page may use it, else by selecting the text and asking the
 * browser to copy (file:// pages and older browsers). The result, copied or not, is
 * said in the block's live region, and on failure the text is left selected so that
 * Ctrl+C finishes the job. No requests, no modules: it works from disk as well. */
(function () {
  "use strict";

  var blocks = document.querySelectorAll("[data-cite]");
  for (var i = 0; i < blocks.length; i++) enhance(blocks[i]);

  function enhance(block) {
    var text = block.querySelector("[data-cite-text]");
    var status = block.querySelector("[data-cite-status]");
    if (!text || !status) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-copy";
    button.textContent = block.getAttribute("data-copy-label");
    text.insertAdjacentElement("afterend", button);

    button.addEventListener("click", function () {
      var value = text.textContent.replace(/\s+/g, " ").trim();
      status.textContent = "";
      copy(value, text).then(function (ok) {
        status.textContent = block.getAttribute(ok ? "data-copied-label" : "data-failed-label");
        if (!ok) select(text);
      });
    });
  }

  function copy(value, node) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(value).then(
        function () { return true; },
        function () { return Promise.resolve(legacyCopy(node)); });
    }
    return Promise.resolve(legacyCopy(node));
  }

  function legacyCopy(node) {
    select(node);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    var sel = window.getSelection();
    if (ok && sel) sel.removeAllRanges();
    return ok;
  }

  function select(node) {
    var sel = window.getSelection();
    if (!sel) return;
    var range = document.createRange();
    range.selectNodeContents(node);
    sel.removeAllRanges();
    sel.addRange(range);
  }
})();
