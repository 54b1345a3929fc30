// #linedesk-panel: LineDesk's side form for the selected element — candidate group and actions of a
// user task, the vocabulary word of a service task. Every edit goes through bpmn-js modeling (undo works).
import { is } from 'bpmn-js/lib/util/ModelUtil';
import { h, option } from '../../shared/dom.js';
import { checkId, checkNewAction, DEFAULT_INPUTS, formatAction } from './actions.js';
import { actionsOf, gatewayAfter, routesOf, routeText } from './model.js';

const HAND_OVER_GROUP = '${group}';

export function linedeskPanel(container, modeler, vocabulary) {
  const selection = modeler.get('selection');
  const registry = modeler.get('elementRegistry');
  const modeling = modeler.get('modeling');
  const commandStack = modeler.get('commandStack');
  const groups = vocabulary.groups || [];
  const inputs = vocabulary.inputs?.length ? vocabulary.inputs : DEFAULT_INPUTS;
  const words = (vocabulary.words || []).filter((word) => (word.where || '').startsWith('service task'));
  let shown = null;

  function render() {
    const selected = selection.get();
    const element = selected.length === 1 ? registry.get(selected[0].id) : null;
    const draft = element && shown === element.id ? readDraft() : null;
    shown = element?.id ?? null;
    if (element && is(element, 'bpmn:UserTask')) {
      container.replaceChildren(...userTask(element));
      writeDraft(draft);
    } else if (element && is(element, 'bpmn:ServiceTask')) {
      container.replaceChildren(...serviceTask(element));
    } else {
      container.replaceChildren(h('p', { class: 'ld-hint' },
        "LineDesk's vocabulary applies to user and service tasks; the properties panel edits the rest."));
    }
  }

  // user task ////////////////////////////////////////////////////////////////////////////////

  function userTask(element) {
    const bo = element.businessObject;
    const actions = actionsOf(bo);
    return [
      h('h3', {}, `User task ${bo.get('name') || bo.id}`),
      candidateGroup(element),
      h('h4', {}, 'Actions'),
      actions.length
        ? h('ul', { class: 'ld-actions' }, actions.map((action) => actionItem(element, action)))
        : h('p', { class: 'ld-hint' }, 'No actions: agents cannot complete this task.'),
      addActionForm(element, actions)
    ];
  }

  function candidateGroup(element) {
    const current = element.businessObject.get('camunda:candidateGroups') || '';
    const select = h('select', { id: 'ld-candidate-group' });
    if (!current) {
      select.append(option('', '(none)', true));
    }
    for (const group of groups) {
      select.append(option(group.id, group.name || group.id, group.id === current));
    }
    select.append(option(HAND_OVER_GROUP, 'the group chosen at hand-over', current === HAND_OVER_GROUP));
    if (current && current !== HAND_OVER_GROUP && !groups.some((group) => group.id === current)) {
      select.append(option(current, `${current} (not a known group)`, true));
    }
    select.addEventListener('change', () => {
      modeling.updateProperties(element, { 'camunda:candidateGroups': select.value || undefined });
    });
    return field('ld-candidate-group', 'Candidate group', select);
  }

  function actionItem(element, action) {
    const details = [
      action.needs.length && `needs ${action.needs.join(', ')}`,
      action.accepts.length && `accepts ${action.accepts.join(', ')}`,
      action.group && `goes to ${action.group}`
    ].filter(Boolean).join('; ');
    return h('li', { dataset: { action: action.id } },
      h('span', { class: 'ld-action-label' }, action.label),
      ' ',
      h('code', {}, action.id),
      details && h('span', { class: 'ld-action-details' }, details),
      action.error && h('span', { class: 'ld-field-error' }, action.error),
      h('button', {
        type: 'button',
        class: 'ld-action-remove',
        dataset: { action: action.id },
        title: `Remove the action ${action.id}`,
        onclick: () => commandStack.execute('linedesk.action.remove', {
          element, property: action.property, properties: action.properties
        })
      }, 'Remove'));
  }

  function addActionForm(element, actions) {
    const declared = actions.map((action) => action.id);
    const routes = routesOf(gatewayAfter(element.businessObject));
    const idInput = h('input', { id: 'ld-action-id', type: 'text', autocomplete: 'off', spellcheck: 'false',
      maxlength: '50', placeholder: 'e.g. to-abuse', 'aria-describedby': 'ld-action-id-error' });
    const labelInput = h('input', { id: 'ld-action-label', type: 'text', required: true, autocomplete: 'off',
      'aria-describedby': 'ld-action-label-error' });
    const groupSelect = h('select', { id: 'ld-action-group', 'aria-describedby': 'ld-action-group-error' },
      option('', '(agent chooses / none)', true),
      groups.map((group) => option(group.id, group.name || group.id)));
    const routeSelect = h('select', { id: 'ld-action-route', 'aria-describedby': 'ld-action-route-error' },
      routes.length
        ? routes.map((route, index) => option(route.id, routeText(route), index === 0))
        : option('', '(no exclusive gateway follows this task)', true));
    routeSelect.disabled = routes.length === 0;
    const errors = {
      id: errorSlot('ld-action-id-error'),
      label: errorSlot('ld-action-label-error'),
      group: errorSlot('ld-action-group-error'),
      route: errorSlot('ld-action-route-error')
    };
    idInput.addEventListener('input', () => {
      errors.id.textContent = idInput.value ? checkId(idInput.value, declared) || '' : '';
    });

    const add = h('button', { type: 'button', id: 'ld-action-add' }, 'Add action');
    add.addEventListener('click', () => {
      const draft = {
        id: idInput.value.trim(),
        label: labelInput.value,
        needs: checked('needs'),
        accepts: checked('accepts'),
        group: groupSelect.value,
        route: routes.find((route) => route.id === routeSelect.value) || null
      };
      const problems = checkNewAction(draft, declared);
      for (const [name, slot] of Object.entries(errors)) {
        slot.textContent = problems[name] || '';
      }
      if (Object.keys(problems).length) {
        container.querySelector(`#ld-action-${Object.keys(problems)[0]}`)?.focus();
        return;
      }
      shown = null; // the form starts empty after the re-render this command causes
      commandStack.execute('linedesk.action.add', {
        element, id: draft.id, value: formatAction(draft), route: draft.route
      });
    });

    return h('fieldset', { class: 'ld-action-form' },
      h('legend', {}, 'Add action'),
      field('ld-action-id', 'Id', idInput, errors.id),
      field('ld-action-label', 'Label', labelInput, errors.label),
      inputChoices('needs', 'Needs (the agent must give)'),
      inputChoices('accepts', 'Accepts (the agent may give)'),
      field('ld-action-group', 'Fixed target group', groupSelect, errors.group),
      field('ld-action-route', 'Leaves by', routeSelect, errors.route),
      add);
  }

  function inputChoices(kind, legend) {
    return h('fieldset', { class: 'ld-choices' }, h('legend', {}, legend),
      inputs.map((input) => h('label', {},
        h('input', { type: 'checkbox', id: `ld-${kind}-${input}`, value: input, dataset: { kind } }),
        ` ${input}`)));
  }

  function checked(kind) {
    return [...container.querySelectorAll(`input[data-kind="${kind}"]:checked`)].map((box) => box.value);
  }

  // service task /////////////////////////////////////////////////////////////////////////////

  function serviceTask(element) {
    const bo = element.businessObject;
    const current = bo.get('camunda:expression') || '';
    const select = h('select', { id: 'ld-expression' });
    if (!current) {
      select.append(option('', '(choose a word)', true));
    }
    for (const word of words) {
      select.append(option(word.expression, word.expression, word.expression === current, word.description));
    }
    if (current && !words.some((word) => word.expression === current)) {
      select.append(option(current, `${current} (not in the vocabulary)`, true));
    }
    const description = h('p', { class: 'ld-hint', id: 'ld-expression-description' },
      words.find((word) => word.expression === current)?.description || '');
    select.addEventListener('change', () => {
      if (!select.value) {
        return;
      }
      const properties = { 'camunda:expression': select.value };
      for (const other of ['camunda:class', 'camunda:delegateExpression']) {
        if (bo.get(other)) {
          properties[other] = undefined;
        }
      }
      modeling.updateProperties(element, properties);
    });
    return [
      h('h3', {}, `Service task ${bo.get('name') || bo.id}`),
      field('ld-expression', 'What it does (vocabulary word)', select),
      description
    ];
  }

  // form helpers /////////////////////////////////////////////////////////////////////////////

  function field(id, text, control, error) {
    return h('div', { class: 'ld-field' }, h('label', { for: id }, text), control, error);
  }

  function errorSlot(id) {
    return h('span', { class: 'ld-field-error', id, 'aria-live': 'polite' });
  }

  const DRAFT_FIELDS = ['ld-action-id', 'ld-action-label', 'ld-action-group', 'ld-action-route'];

  function readDraft() {
    const values = {};
    for (const id of DRAFT_FIELDS) {
      const control = container.querySelector(`#${id}`);
      if (control) {
        values[id] = control.value;
      }
    }
    values.checked = [...container.querySelectorAll('input[type="checkbox"]:checked')].map((box) => box.id);
    return values;
  }

  function writeDraft(draft) {
    if (!draft) {
      return;
    }
    for (const id of DRAFT_FIELDS) {
      const control = container.querySelector(`#${id}`);
      if (control && draft[id] !== undefined && [...(control.options || [{ value: draft[id] }])]
        .some((choice) => choice.value === draft[id])) {
        control.value = draft[id];
      }
    }
    for (const id of draft.checked) {
      const box = container.querySelector(`#${id}`);
      if (box) {
        box.checked = true;
      }
    }
  }

  modeler.on('selection.changed', render);
  modeler.on('elements.changed', render);
  modeler.on('import.done', render);
  render();
}
