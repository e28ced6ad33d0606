// Client Links Overview: a click on a link's name asks the extension to reveal that link in the
// tree. The page only names the link's key; the extension looks it up in its own listing.
(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-reveal]') : null;
    if (button) {
      vscode.postMessage({ type: 'reveal', key: button.getAttribute('data-reveal') });
    }
  });
})();
