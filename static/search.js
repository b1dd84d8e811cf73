// The search page's small enhancements; without them the page works as plain links and forms.
// 0. Facets fold on small screens.
// 1. Compare tray: images ticked on any page or search stay ticked (at most 6, in this browser's
//    local storage) until compared or cleared; the compare page keeps the tray to what it shows.
// 2. Columns: the reader chooses which result columns show; the choice is kept the same way.
(function () {
  // 0. Facets fold behind "Filters" on small screens (the page comes with them open, for wide
  //    screens and for browsers without scripts), and unfold when the window grows wide.
  const filters = document.querySelector('details.filters');
  if (filters) {
    const wide = matchMedia('(min-width: 901px)');
    const fit = () => { filters.open = wide.matches; };
    fit();
    wide.addEventListener('change', fit);
  }

  const TRAY = 'amicatalog.compare', COLUMNS = 'amicatalog.columns', MAX = 6;
  const read = (key, fallback) => {
    try { const v = JSON.parse(localStorage.getItem(key)); return Array.isArray(v) ? v : fallback; } catch (e) { return fallback; }
  };
  const write = (key, value) => { try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode: this page only */ } };

  const form = document.getElementById('compare-form');
  const tray = document.getElementById('compare-tray');
  if (form && tray) {
    let picked = read(TRAY, []).filter(id => typeof id === 'string').slice(0, MAX);
    const boxes = () => Array.from(form.querySelectorAll('input[type=checkbox][name=id]'));
    const compareUrl = () => '/compare?' + picked.map(id => 'id=' + encodeURIComponent(id)).join('&');
    const show = () => {
      boxes().forEach(b => { b.checked = picked.includes(b.value); });
      tray.hidden = picked.length === 0;
      document.getElementById('tray-label').textContent = picked.length + ' of ' + MAX + ' images picked to compare' +
        (picked.length === MAX ? ' (the most at once)' : '') + ':';
      document.getElementById('tray-compare').href = compareUrl();
    };
    form.addEventListener('change', e => {
      const box = e.target;
      if (box.name !== 'id') return;
      picked = picked.filter(id => id !== box.value);
      if (box.checked) {
        if (picked.length >= MAX) { box.checked = false; } else { picked.push(box.value); }
      }
      write(TRAY, picked);
      show();
    });
    form.addEventListener('submit', e => {
      if (picked.length === 0) return;  // nothing picked: the form says so itself
      e.preventDefault();
      location.href = compareUrl();
    });
    document.getElementById('tray-clear').addEventListener('click', () => { picked = []; write(TRAY, picked); show(); });
    show();
  }

  const chooser = document.getElementById('column-chooser');
  if (chooser) {
    const inputs = Array.from(chooser.querySelectorAll('input[type=checkbox]'));
    const defaults = inputs.filter(i => i.checked).map(i => i.value);
    const apply = shown => inputs.forEach(i => {
      i.checked = shown.includes(i.value);
      document.querySelectorAll('table.images .c-' + i.value).forEach(cell => { cell.hidden = !i.checked; });
    });
    chooser.addEventListener('change', () => {
      const shown = inputs.filter(i => i.checked).map(i => i.value);
      write(COLUMNS, shown);
      apply(shown);
    });
    apply(read(COLUMNS, defaults));
    chooser.hidden = false;
  }
})();
