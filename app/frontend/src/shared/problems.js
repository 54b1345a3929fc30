// The #problems list and the #status line shared by the BPMN and the DMN editor.
import { h } from './dom.js';

/**
 * @typedef {{ element: string|null, reason: string, blocking: boolean, source: 'server'|'bpmnlint' }} Problem
 */

/** Problems of a 422 problem body; a body without a list becomes one file-level problem. */
export function serverProblems(body, fallback) {
  const listed = Array.isArray(body?.problems) ? body.problems : [];
  if (listed.length === 0) {
    return [{ element: null, reason: body?.detail || body?.title || fallback, blocking: true, source: 'server' }];
  }
  return listed.map((problem) => ({
    element: problem.element || null,
    reason: String(problem.reason ?? problem.detail ?? 'invalid'),
    blocking: true,
    source: 'server'
  }));
}

/**
 * Fills the <ul id="problems">: one <li data-element="ID"> per problem, text "ID: reason".
 * A click on a problem with an element calls onSelect(id).
 */
export function showProblems(list, problems, onSelect) {
  list.replaceChildren(...problems.map((problem) => {
    const text = problem.element ? `${problem.element}: ${problem.reason}` : problem.reason;
    const item = h('li', {
      class: problem.blocking ? 'ld-blocking' : 'ld-warning',
      title: problem.blocking ? 'blocks deploying' : 'a warning: does not block deploying',
      dataset: problem.element ? { element: problem.element } : undefined,
      tabindex: problem.element ? '0' : undefined
    }, text);
    if (problem.element) {
      const select = () => onSelect(problem.element);
      item.addEventListener('click', select);
      item.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          select();
        }
      });
    }
    return item;
  }));
}

/** "Valid", "Valid, 2 warnings", "3 problems", "1 problem, 2 warnings". */
export function summary(problems) {
  const blocking = problems.filter((p) => p.blocking).length;
  const warnings = problems.length - blocking;
  const warningText = warnings ? `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : '';
  if (blocking === 0) {
    return warnings ? `Valid, ${warningText}` : 'Valid';
  }
  const text = `${blocking} ${blocking === 1 ? 'problem' : 'problems'}`;
  return warnings ? `${text}, ${warningText}` : text;
}

export function setStatus(status, text, kind = 'info') {
  status.textContent = text;
  status.dataset.kind = kind;
}
