// Drawing a BPMN process read-only, and marking its elements.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { getText } from '../shared/http.js';

export async function openViewer(container, xmlUrl) {
  const viewer = new NavigatedViewer({ container });
  await importInto(viewer, await getText(xmlUrl));
  return viewer;
}

export async function importInto(diagram, xml) {
  const { warnings } = await diagram.importXML(xml);
  if (warnings.length) {
    console.warn('LineDesk studio: the BPMN imported with warnings', warnings);
  }
  diagram.get('canvas').zoom('fit-viewport', 'auto');
}

/** Adds the marker class to each id that the diagram draws; answers the ids it marked. */
export function mark(diagram, ids, marker) {
  const registry = diagram.get('elementRegistry');
  const canvas = diagram.get('canvas');
  return (ids || []).filter((id) => {
    if (!registry.get(id)) {
      return false;
    }
    canvas.addMarker(id, marker);
    return true;
  });
}

export function unmark(diagram, ids, marker) {
  const registry = diagram.get('elementRegistry');
  const canvas = diagram.get('canvas');
  ids.filter((id) => registry.get(id)).forEach((id) => canvas.removeMarker(id, marker));
}
