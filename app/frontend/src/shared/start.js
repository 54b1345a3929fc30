// Starts the page that <div id="studio" data-page="…"> names and, once drawn, sets data-ready="true"
// (or "error", with the reason in #status or an alert inside #studio). Shared by both bundles.
import { h } from './dom.js';

export function startStudio(pages) {
  const run = () => {
    const root = document.getElementById('studio');
    if (!root) {
      return;
    }
    const page = pages[root.dataset.page];
    if (!page) {
      fail(root, new Error(`unknown studio page "${root.dataset.page}"`));
      return;
    }
    page(root).then(() => {
      root.dataset.ready = 'true';
    }, (error) => fail(root, error));
  };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', run);
  } else {
    run();
  }
}

function fail(root, error) {
  console.error('LineDesk studio:', error);
  root.dataset.ready = 'error';
  const message = `The diagram could not be shown: ${error.message || error}`;
  const status = document.getElementById('status');
  if (status) {
    status.textContent = message;
    status.dataset.kind = 'error';
  } else {
    root.prepend(h('p', { class: 'ld-failure', role: 'alert' }, message));
  }
}
