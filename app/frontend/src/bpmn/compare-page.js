// data-page="compare": the old version on the left, the new one on the right, with the server's diff
// as markers. Panning or zooming one side moves the other to the same place and scale.
import { data, required } from '../shared/dom.js';
import { getJson } from '../shared/http.js';
import { mark, openViewer } from './diagram.js';

export async function comparePage(root) {
  const [left, right, diff] = await Promise.all([
    openViewer(required('canvas-left'), data(root, 'leftXmlUrl')),
    openViewer(required('canvas-right'), data(root, 'rightXmlUrl')),
    getJson(data(root, 'diffUrl'))
  ]);
  const ids = (list) => (list || []).map((entry) => (typeof entry === 'string' ? entry : entry.id));
  mark(left, ids(diff.removed), 'ld-removed');
  mark(right, ids(diff.added), 'ld-added');
  mark(left, ids(diff.changed), 'ld-changed');
  mark(right, ids(diff.changed), 'ld-changed');
  mark(right, ids(diff.layoutChanged), 'ld-moved');
  follow(left, right);
  follow(right, left);
}

function follow(source, target) {
  source.on('canvas.viewbox.changed', ({ viewbox }) => {
    const canvas = target.get('canvas');
    const current = canvas.viewbox();
    const same = Math.abs(current.x - viewbox.x) < 0.5 && Math.abs(current.y - viewbox.y) < 0.5
      && Math.abs(current.scale - viewbox.scale) < 0.001;
    if (same || !viewbox.scale) {
      return;
    }
    canvas.viewbox({
      x: viewbox.x,
      y: viewbox.y,
      width: current.outer.width / viewbox.scale,
      height: current.outer.height / viewbox.scale
    });
  });
}
