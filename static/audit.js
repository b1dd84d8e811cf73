// Progressive enhancement for the audit pages; everything works without it.
// - /audit/copies: while a copy or new image is pending, refresh the table every three seconds.
// - /audit: while families are still being keyed for the first time, reload after a few seconds.
(function () {
  const copies = document.getElementById('copies');
  if (copies) {
    const refresh = async function () {
      try {
        const response = await fetch(location.href, {headers: {'Accept': 'text/html'}});
        const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
        const fresh = doc.getElementById('copies');
        if (fresh) {
          copies.replaceChildren(...fresh.childNodes);
          copies.dataset.pending = fresh.dataset.pending;
        }
      } catch (e) { /* offline for a moment: try again next tick */ }
      if (copies.dataset.pending === 'true') setTimeout(refresh, 3000);
    };
    if (copies.dataset.pending === 'true') setTimeout(refresh, 3000);
  }
  const reload = document.querySelector('[data-reload-seconds]');
  if (reload) setTimeout(function () { location.reload(); }, 1000 * Number(reload.dataset.reloadSeconds));
})();
