// The compare page keeps the search page's compare tray (local storage) to the images it shows,
// so an image removed here is no longer ticked in the search results.
(function () {
  const table = document.querySelector('[data-compared]');
  if (!table) return;
  try { localStorage.setItem('amicatalog.compare', JSON.stringify(JSON.parse(table.dataset.compared))); } catch (e) { /* no storage */ }
})();
