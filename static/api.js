// A "Copy" button over each snippet of the /api page (without it, the text is still there to select).
(function () {
  function selectAndCopy(pre) {
    // navigator.clipboard is only given to https and loopback pages; elsewhere the older way still works.
    const range = document.createRange();
    range.selectNodeContents(pre);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return document.execCommand && document.execCommand('copy');
  }
  document.querySelectorAll('pre[data-copy]').forEach(function (pre) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary small copy-snippet';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy ' + pre.dataset.copy);
    const status = document.createElement('span');
    status.className = 'copy-status-text';
    status.setAttribute('role', 'status');
    button.addEventListener('click', async function () {
      let copied = false;
      try {
        if (navigator.clipboard) { await navigator.clipboard.writeText(pre.textContent); copied = true; }
      } catch (e) { /* refused: try the other way */ }
      if (!copied) copied = selectAndCopy(pre);
      status.textContent = copied ? 'Copied.' : 'Selected: copy it with your keyboard.';
      setTimeout(function () { status.textContent = ''; }, 3000);
    });
    const bar = document.createElement('div');
    bar.className = 'copy-bar';
    bar.append(button, status);
    pre.before(bar);
  });
})();
