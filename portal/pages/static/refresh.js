// Keeps a status page current while something is still running, without inline script (the CSP forbids it).
// The server marks <main data-refresh-seconds="N"> while there is something to wait for; this fetches the
// page again every N seconds and puts the new <main> in place, so focus and scrolling stay where they were.
// It waits while a field of the page has focus, stops when the server no longer marks the page, and the
// reader can stop it with the button beside the page (hidden when there is no script, as nothing refreshes).
(function () {
  "use strict";
  var main = document.querySelector("main[data-refresh-seconds]");
  var pause = document.getElementById("refresh-pause");
  if (!main || !window.fetch || !window.DOMParser) {
    return;
  }
  var delay = (Number(main.getAttribute("data-refresh-seconds")) || 2) * 1000;
  var stopped = false;

  function stop() {
    stopped = true;
    main.removeAttribute("data-refresh-seconds");
    if (pause) {
      pause.hidden = true;
    }
  }

  function typing() {
    var active = document.activeElement;
    return active !== null && main.contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName);
  }

  function tick() {
    if (stopped) {
      return;
    }
    if (typing()) {
      window.setTimeout(tick, delay);
      return;
    }
    window.fetch(window.location.href, {credentials: "same-origin", cache: "no-store",
                                        headers: {"Accept": "text/html"}})
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (stopped) {
          return;
        }
        var fresh = html && new window.DOMParser().parseFromString(html, "text/html").querySelector("main");
        if (!fresh) {
          window.setTimeout(tick, delay * 2);
          return;
        }
        if (fresh.innerHTML !== main.innerHTML) {
          main.innerHTML = fresh.innerHTML;
        }
        if (fresh.hasAttribute("data-refresh-seconds")) {
          window.setTimeout(tick, delay);
        } else {
          stop();
        }
      })
      .catch(function () { window.setTimeout(tick, delay * 2); });
  }

  if (pause) {
    pause.hidden = false;
    pause.addEventListener("click", stop);
  }
  window.setTimeout(tick, delay);
}());
