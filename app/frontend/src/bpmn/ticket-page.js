// data-page="ticket": the ticket's process version, where it has been and where it is now
// (and the version number into #process-version when the page has one).
import { data, required } from '../shared/dom.js';
import { getJson } from '../shared/http.js';
import { mark, openViewer } from './diagram.js';

export async function ticketPage(root) {
  const [viewer, path] = await Promise.all([
    openViewer(required('canvas'), data(root, 'xmlUrl')),
    getJson(data(root, 'pathUrl'))
  ]);
  mark(viewer, path.visited, 'ld-visited');
  mark(viewer, path.visitedFlows, 'ld-visited');
  mark(viewer, path.current, 'ld-current');
  const version = document.getElementById('process-version');
  if (version && path.version) {
    version.textContent = `version ${path.version}`;
  }
}
