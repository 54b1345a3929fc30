// data-page="dmn-view" and "dmn-edit": a decision table, read-only or editable with Validate / Deploy
// (server validation only).
import DmnModeler from 'dmn-js/lib/Modeler';
import DmnViewer from 'dmn-js/lib/Viewer';
import { data, required } from '../shared/dom.js';
import { getText } from '../shared/http.js';
import { wirePublishing } from '../shared/publish.js';

export async function dmnViewPage(root) {
  await openDecisionTable(new DmnViewer({ container: required('canvas') }), data(root, 'xmlUrl'));
}

export async function dmnEditPage(root) {
  const canvas = required('canvas');
  const modeler = new DmnModeler({ container: canvas });
  await openDecisionTable(modeler, data(root, 'xmlUrl'));
  wirePublishing({
    root,
    mediaType: 'application/xml',
    saveXml: async () => (await modeler.saveXML({ format: true })).xml,
    onSelect(id) {
      const cell = [...canvas.querySelectorAll('[data-element-id], [data-row-id], [data-col-id]')]
        .find((candidate) => [candidate.dataset.elementId, candidate.dataset.rowId, candidate.dataset.colId].includes(id));
      if (cell) {
        cell.scrollIntoView({ block: 'center' });
        cell.focus?.();
      }
    }
  });
}

async function openDecisionTable(dmn, xmlUrl) {
  // open: false — straight to the table, without drawing the DRD first
  const { warnings } = await dmn.importXML(await getText(xmlUrl), { open: false });
  const table = dmn.getViews().find((view) => view.type === 'decisionTable');
  if (!table) {
    throw new Error('the DMN file has no decision table');
  }
  const opened = await dmn.open(table);
  const all = [...warnings, ...(opened?.warnings || [])];
  if (all.length) {
    console.warn('LineDesk studio: the DMN imported with warnings', all);
  }
}
