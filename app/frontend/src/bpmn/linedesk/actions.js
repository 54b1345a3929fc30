// The action declarations of a user task, as LineDesk reads them (TaskActionParser on the server):
//   <camunda:property name="action:hand-over" value="label=Hand over; needs=group; accepts=reason"/>

export const ACTION_PREFIX = 'action:';
export const ACTION_ID = /^[a-z][a-z0-9-]{0,49}$/;
export const DEFAULT_INPUTS = ['reply', 'group', 'reason'];

/** Reads a declaration the way the server does; `error` is set when the server would refuse it. */
export function parseAction(id, value) {
  const action = { id, label: id, needs: [], accepts: [], group: null, error: null };
  for (const part of (value || '').split(';')) {
    if (!part.trim()) {
      continue;
    }
    const eq = part.indexOf('=');
    if (eq < 0) {
      return { ...action, error: `'${part.trim()}' is not key=value` };
    }
    const key = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    if (key === 'label') {
      action.label = val;
    } else if (key === 'needs' || key === 'accepts') {
      action[key].push(...val.split(',').map((s) => s.trim()).filter(Boolean));
    } else if (key === 'group') {
      action.group = val || null;
    } else {
      return { ...action, error: `unknown key '${key}'; use label, needs, accepts or group` };
    }
  }
  if (!ACTION_ID.test(id)) {
    action.error = "an action id is lower-case letters, digits and '-', starting with a letter";
  }
  return action;
}

/** `label=X` first, then `needs=…`, `accepts=…`, `group=…` only when not empty, joined by '; '. */
export function formatAction({ label, needs = [], accepts = [], group = '' }) {
  const parts = [`label=${label.trim()}`];
  if (needs.length) {
    parts.push(`needs=${needs.join(',')}`);
  }
  if (accepts.length) {
    parts.push(`accepts=${accepts.join(',')}`);
  }
  if (group) {
    parts.push(`group=${group}`);
  }
  return parts.join('; ');
}

/**
 * What is wrong with a new action, by field (id, label, group, route); an empty object when nothing.
 * @param draft {{ id, label, needs: string[], accepts: string[], group: string, route: object|null }}
 * @param declared ids the task already declares
 */
export function checkNewAction(draft, declared) {
  const errors = {};
  const idError = checkId(draft.id, declared);
  if (idError) {
    errors.id = idError;
  }
  if (!draft.label.trim()) {
    errors.label = 'a label is required';
  } else if (draft.label.includes(';')) {
    errors.label = "a label cannot contain ';'";
  }
  if (draft.group && (draft.needs.includes('group') || draft.accepts.includes('group'))) {
    errors.group = 'a fixed group cannot also be given by the agent';
  }
  if (draft.route && !draft.route.isDefault && draft.route.condition && !isDollarExpression(draft.route.condition)) {
    errors.route = 'this flow\'s condition is not a ${…} expression: change it in the properties panel';
  }
  return errors;
}

export function checkId(id, declared) {
  if (!id) {
    return 'an id is required';
  }
  if (!ACTION_ID.test(id)) {
    return "lower-case letters, digits and '-', starting with a letter, at most 50";
  }
  if (declared.includes(id)) {
    return `this task already declares the action ${id}`;
  }
  return null;
}

/**
 * The condition that also lets action `id` leave: `${… || action == 'id'}`, or `${action == 'id'}`
 * when there is none; unchanged when it already names the action.
 */
export function conditionWithAction(condition, id) {
  const test = `action == '${id}'`;
  const body = (condition || '').trim();
  if (!body) {
    return '${' + test + '}';
  }
  if (!isDollarExpression(body)) {
    throw new Error('the flow\'s condition is not a ${…} expression');
  }
  if (new RegExp(`\\baction\\s*==\\s*(['"])${id}\\1`).test(body)) {
    return body;
  }
  return '${' + body.slice(2, -1).trimEnd() + ' || ' + test + '}';
}

function isDollarExpression(body) {
  const trimmed = body.trim();
  return trimmed.startsWith('${') && trimmed.endsWith('}');
}
