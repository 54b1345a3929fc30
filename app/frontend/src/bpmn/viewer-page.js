// data-page="viewer": one process version, with a badge of open tickets per activity.
import { data, h, required } from '../shared/dom.js';
import { getJson } from '../shared/http.js';
import { openViewer } from './diagram.js';

export async function viewerPage(root) {
  const [viewer, counts] = await Promise.all([
    openViewer(required('canvas'), data(root, 'xmlUrl')),
    getJson(data(root, 'countsUrl'))
  ]);
  const registry = viewer.get('elementRegistry');
  const overlays = viewer.get('overlays');
  for (const { activity, tickets } of counts.activities || []) {
    if (!tickets || !registry.get(activity)) {
      continue;
    }
    const badge = h('span', {
      class: 'ld-count',
      dataset: { activity },
      title: `${tickets} open ${tickets === 1 ? 'ticket' : 'tickets'} here`
    }, String(tickets));
    overlays.add(activity, 'ld-count', { position: { top: -10, right: 10 }, html: badge });
  }
}
