// storyline: the story page remembers the reader's last visit (to offer "what changed") and checks
// every 30 s whether the story gained articles. No framework, no inline script (the CSP forbids it).
"use strict";
(function () {
  const story = document.querySelector("article.story");
  if (!story) { return; }
  const id = story.dataset.story;
  const key = "storyline:last-visit:" + id;
  const params = new URLSearchParams(window.location.search);
  const loaded = new Date().toISOString();
  let previous = null;
  try { previous = window.localStorage.getItem(key); } catch (e) { previous = null; }
  const slot = document.getElementById("last-visit");
  if (previous && !params.has("since") && slot) {
    const a = document.createElement("a");
    a.href = "?since=" + encodeURIComponent(previous) + "#changes";
    a.textContent = "What changed since your last visit (" + previous.slice(0, 16).replace("T", " ") + " UTC)";
    slot.appendChild(a);
    slot.hidden = false;
  }
  try { window.localStorage.setItem(key, new Date().toISOString()); } catch (e) { /* private mode */ }

  const version = story.dataset.version;
  const banner = document.getElementById("updated");
  function check() {
    fetch("/api/stories/" + encodeURIComponent(id), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (s && s.version !== version && banner) {
          banner.textContent = "";
          const a = document.createElement("a");
          a.href = window.location.pathname + "?since=" + encodeURIComponent(loaded) + "#changes";
          a.textContent = "New articles arrived: reload";
          banner.appendChild(a);
          banner.hidden = false;
        }
      })
      .catch(function () { /* offline: try again later */ });
  }
  window.setInterval(check, 30000);
})();
