// Reading LineDesk's parts of a BPMN model (business objects of bpmn-js with the camunda moddle).
import { is } from 'bpmn-js/lib/util/ModelUtil';
import { ACTION_PREFIX, parseAction } from './actions.js';

/** The camunda:Property elements of the element, each with its camunda:Properties parent. */
export function camundaProperties(bo) {
  const values = bo.get('extensionElements')?.get('values') || [];
  return values
    .filter((value) => is(value, 'camunda:Properties'))
    .flatMap((properties) => (properties.get('values') || []).map((property) => ({ property, properties })));
}

/** The actions a user task declares, in order, parsed. */
export function actionsOf(bo) {
  return camundaProperties(bo)
    .filter(({ property }) => (property.get('name') || '').startsWith(ACTION_PREFIX))
    .map(({ property, properties }) => ({
      ...parseAction(property.get('name').slice(ACTION_PREFIX.length).trim(), property.get('value')),
      property,
      properties
    }));
}

/** The exclusive gateway an outgoing sequence flow of the task leads to, or null. */
export function gatewayAfter(bo) {
  const flow = (bo.get('outgoing') || []).find((out) => is(out.get('targetRef'), 'bpmn:ExclusiveGateway'));
  return flow ? flow.get('targetRef') : null;
}

/** The gateway's outgoing flows as routes: { flow, id, label, condition, isDefault }. */
export function routesOf(gateway) {
  if (!gateway) {
    return [];
  }
  return (gateway.get('outgoing') || []).map((flow) => ({
    flow,
    id: flow.id,
    label: flow.get('name') || flow.id,
    condition: flow.get('conditionExpression')?.get('body') || '',
    isDefault: gateway.get('default') === flow
  }));
}

export function routeText(route) {
  if (route.isDefault) {
    return `${route.label} (default flow)`;
  }
  return route.condition ? `${route.label}: ${route.condition}` : `${route.label} (no condition)`;
}
