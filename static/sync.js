// While a sync runs, refresh the runs table every two seconds (the page works without this too).
(function () {
  const runs = document.getElementById('runs');
  if (!runs) return;
  async function refresh() {
    try {
      const response = await fetch(location.pathname, {headers: {'Accept': 'text/html'}});
      const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = doc.getElementById('runs');
      if (fresh) {
        runs.replaceChildren(...fresh.childNodes);
        runs.dataset.running = fresh.dataset.running;
        const button = document.querySelector('form[action="/sync"] button');
        const freshButton = doc.querySelector('form[action="/sync"] button');
        if (button && freshButton) { button.disabled = freshButton.disabled; button.textContent = freshButton.textContent; }
      }
    } catch (e) { /* offline for a moment: try again next tick */ }
    if (runs.dataset.running === 'true') setTimeout(refresh, 2000);
  }
  if (runs.dataset.running === 'true') setTimeout(refresh, 2000);
})();
