// gazette: the mouse wheel on traditional Mongolian pages.
//
// A Mongolian page is vertical (writing-mode: vertical-lr) and scrolls sideways, but a
// mouse wheel scrolls up and down. As the W3C Mongolian layout requirements ask, the
// wheel scrolls the page sideways here: towards the reader moves on to the next columns
// (to the right), away from the reader goes back. Boxes that scroll up and down
// themselves (a Chinese body shown horizontally) keep the wheel while they can move.
// Progressive enhancement: without this script Shift+wheel, the keyboard and the
// scroll bar still scroll the page.
(function () {
  "use strict";

  var root = document.scrollingElement || document.documentElement;

  function vertical(el) {
    return getComputedStyle(el).writingMode.indexOf("vertical") === 0;
  }
  if (!vertical(document.documentElement)) {
    return;
  }

  function scrollable(overflow) {
    return overflow === "auto" || overflow === "scroll";
  }

  // canMove reports whether el can scroll by d along an axis: pos is its scroll
  // position, room how far it can go.
  function canMove(pos, room, d) {
    return d < 0 ? pos > 0 : pos < room - 1;
  }

  // target finds what the wheel should move: null when a box scrolls up and down by
  // itself, else the nearest vertical box (or the page) that can move sideways.
  function target(el, d) {
    for (; el && el !== root && el !== document.body; el = el.parentElement) {
      var s = getComputedStyle(el);
      if (scrollable(s.overflowY) && el.scrollHeight > el.clientHeight &&
          canMove(el.scrollTop, el.scrollHeight - el.clientHeight, d)) {
        return null;
      }
      if (vertical(el) && scrollable(s.overflowX) && el.scrollWidth > el.clientWidth &&
          canMove(el.scrollLeft, el.scrollWidth - el.clientWidth, d)) {
        return el;
      }
    }
    return root;
  }

  window.addEventListener("wheel", function (e) {
    if (e.shiftKey || e.ctrlKey || e.altKey || e.metaKey || Math.abs(e.deltaY) <= Math.abs(e.deltaX)) {
      return; // sideways already, or zooming
    }
    var el = target(e.target instanceof Element ? e.target : null, e.deltaY);
    if (!el) {
      return;
    }
    var d = e.deltaY;
    if (e.deltaMode === 1) {
      d *= 40; // lines
    } else if (e.deltaMode === 2) {
      d *= el.clientWidth; // pages
    }
    el.scrollLeft += d;
    e.preventDefault();
  }, { passive: false });
})();
