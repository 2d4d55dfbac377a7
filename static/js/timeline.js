/* gazette: the filter box of the timeline page (timeline/index.html).
 *
 * The page lists every event of every chronicle; without this script all of them show
 * and the filter form stays hidden. With it, typing narrows the events to those whose
 * date or text contains every word typed (case and full-width/half-width forms ignored),
 * hides months and years left empty and their links in the month navigator, and says
 * in a live region how many events match. ?q=… in the address fills the box. No
 * requests, no modules: it works from disk (file://) as well as from any server. */
(function () {
  "use strict";

  var form = document.querySelector("form.timeline-filter");
  var input = form && form.querySelector("input[type=search]");
  var status = form && form.querySelector("[role=status]");
  if (!input || !status) return;

  var events = [].slice.call(document.querySelectorAll(".timeline-event"));
  var months = [].slice.call(document.querySelectorAll(".timeline-month"));
  var years = [].slice.call(document.querySelectorAll(".timeline-year"));
  var navLinks = [].slice.call(document.querySelectorAll(".timeline-nav a[href^='#']"));

  function norm(s) {
    return (s.normalize ? s.normalize("NFKC") : s).toLowerCase().replace(/\s+/g, " ");
  }
  // Searched text: the date as printed and the event's text, not the links under it.
  var texts = events.map(function (ev) {
    var date = ev.querySelector(".timeline-date");
    var body = ev.querySelector(".timeline-text");
    return norm((date ? date.textContent : "") + " " + (body ? body.textContent : ""));
  });

  function message(template, n) { return template.replace("%d", String(n)); }

  function visible(el) { return el.querySelector(".timeline-event:not([hidden])") !== null; }

  var announce = 0;
  function apply() {
    var terms = norm(input.value).split(" ").filter(Boolean);
    var shown = 0;
    events.forEach(function (ev, i) {
      var match = terms.every(function (t) { return texts[i].indexOf(t) >= 0; });
      ev.hidden = !match;
      if (match) shown++;
    });
    months.forEach(function (m) { m.hidden = !visible(m); });
    years.forEach(function (y) { y.hidden = !visible(y); });
    navLinks.forEach(function (a) {
      var target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      var group = target && target.closest(".timeline-month, .timeline-year");
      var item = a.closest("li") || a.closest(".timeline-nav-year");
      if (group && item) item.hidden = group.hidden;
    });
    highlight(terms);
    // The count is announced once typing pauses, not at every key.
    clearTimeout(announce);
    var text = terms.length ? message(form.getAttribute("data-found"), shown)
      : message(form.getAttribute("data-total"), events.length);
    announce = setTimeout(function () { status.textContent = text; }, 250);
  }

  // Matches are marked with the CSS Custom Highlight API where there is one; it leaves
  // the text alone, so nothing needs undoing.
  var marks = window.CSS && CSS.highlights && typeof Highlight === "function" ? new Highlight() : null;
  if (marks) CSS.highlights.set("timeline-match", marks);
  function highlight(terms) {
    if (!marks) return;
    marks.clear();
    if (!terms.length) return;
    events.forEach(function (ev) {
      if (ev.hidden) return;
      var body = ev.querySelector(".timeline-text");
      if (!body) return;
      var walk = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (var node = walk.nextNode(); node; node = walk.nextNode()) {
        var text = node.data.toLowerCase();
        terms.forEach(function (t) {
          for (var at = text.indexOf(t); at >= 0 && t; at = text.indexOf(t, at + t.length)) {
            var r = new Range();
            r.setStart(node, at);
            r.setEnd(node, at + t.length);
            marks.add(r);
          }
        });
      }
    });
  }

  // While an input method composes (pinyin before it becomes 招商), wait for the result.
  input.addEventListener("input", function (e) { if (!e.isComposing) apply(); });
  input.addEventListener("compositionend", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });

  var q = new URLSearchParams(window.location.search).get("q");
  if (q) input.value = q;
  form.hidden = false;
  if (input.value) apply();
})();
