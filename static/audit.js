// Progressive enhancement for the audit pages; everything works without it.
// - /audit/copies: while a copy or new image is pending, refresh the table every three seconds.
// - /audit: a matrix link reached by keyboard is brought wholly into view, and a cell link shows its
//   name when the mouse rests on it.
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
  const matrix = document.querySelector('.matrix-wrap');
  if (matrix) {
    // Focus scrolling leaves a link that is already partly in view where it is, cut off by the box's
    // edge; 'nearest' scrolls only as far as needed, and the box's scroll-padding keeps the link
    // clear of the sticky header row, family column and totals row.
    matrix.addEventListener('focusin', function (e) {
      if (e.target.matches(':focus-visible')) e.target.scrollIntoView({block: 'nearest', inline: 'nearest'});
    });
    // The page names each cell link once, for screen readers (aria-label, or aria-labelledby a
    // hidden phrase); the same words make its tooltip, set when first hovered rather than sent
    // with every one of thousands of cells.
    matrix.addEventListener('mouseover', function (e) {
      const link = e.target.closest('td a');
      if (!link || link.title) return;
      const phrase = document.getElementById(link.getAttribute('aria-labelledby'));
      link.title = link.getAttribute('aria-label') || (phrase ? phrase.textContent : '');
    });
  }
})();
