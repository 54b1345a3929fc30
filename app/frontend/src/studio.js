// LineDesk process studio: the bundle for the process owners' BPMN and DMN pages. The page template
// gives <div id="studio" data-page="…" data-…-url="…">; shared/start.js starts the page it names.
// The ticket page takes the much smaller viewer.js (the read-only diagram only).
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
import { viewerPage } from './bpmn/viewer-page.js';
import { dmnEditPage, dmnViewPage } from './dmn/dmn-pages.js';
import { startStudio } from './shared/start.js';

const PAGES = {
  viewer: viewerPage,
  editor: editorPage,
  compare: comparePage,
  'dmn-view': dmnViewPage,
  'dmn-edit': dmnEditPage
};

startStudio(PAGES);
