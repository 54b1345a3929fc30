// LineDesk process studio: one bundle for the console's BPMN and DMN pages. The page template gives
// <div id="studio" data-page="…" data-…-url="…">; this starts the page it names and, once drawn, sets
// data-ready="true" (or "error", with the reason in #status or an alert inside #studio).
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression-controls.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import './studio.css';

import { comparePage } from './bpmn/compare-page.js';
import { editorPage } from './bpmn/editor-page.js';
import { ticketPage } from './bpmn/ticket-page.js';
import { viewerPage } from './bpmn/viewer-page.js';
import { dmnEditPage, dmnViewPage } from './dmn/dmn-pages.js';
import { h } from './shared/dom.js';

const PAGES = {
  viewer: viewerPage,
  ticket: ticketPage,
  editor: editorPage,
  compare: comparePage,
  'dmn-view': dmnViewPage,
  'dmn-edit': dmnEditPage
};

function start() {
  const root = document.getElementById('studio');
  if (!root) {
    return;
  }
  const page = PAGES[root.dataset.page];
  if (!page) {
    fail(root, new Error(`unknown studio page "${root.dataset.page}"`));
    return;
  }
  page(root).then(() => {
    root.dataset.ready = 'true';
  }, (error) => fail(root, error));
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

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start);
} else {
  start();
}
