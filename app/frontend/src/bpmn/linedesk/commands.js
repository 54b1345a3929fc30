// Undoable LineDesk edits: each is one entry on the command stack made of bpmn-js modeling steps.
import { is } from 'bpmn-js/lib/util/ModelUtil';
import { conditionWithAction } from './actions.js';

/** context: { element, id, value, route } — declares action:<id> and lets it leave by route.flow. */
function AddActionHandler(modeling, bpmnFactory, elementRegistry) {
  this.preExecute = function({ element, id, value, route }) {
    const bo = element.businessObject;
    let extensionElements = bo.get('extensionElements');
    if (!extensionElements) {
      extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
      extensionElements.$parent = bo;
      modeling.updateProperties(element, { extensionElements });
    }
    let properties = extensionElements.get('values').find((value) => is(value, 'camunda:Properties'));
    if (!properties) {
      properties = bpmnFactory.create('camunda:Properties', { values: [] });
      properties.$parent = extensionElements;
      modeling.updateModdleProperties(element, extensionElements, {
        values: [...extensionElements.get('values'), properties]
      });
    }
    const property = bpmnFactory.create('camunda:Property', { name: `action:${id}`, value });
    property.$parent = properties;
    modeling.updateModdleProperties(element, properties, { values: [...properties.get('values'), property] });

    if (route && !route.isDefault) {
      leaveBy(route.flow, id);
    }
  };

  function leaveBy(flow, id) {
    const connection = elementRegistry.get(flow.id);
    const condition = flow.get('conditionExpression');
    const body = conditionWithAction(condition?.get('body'), id);
    if (condition) {
      modeling.updateModdleProperties(connection, condition, { body });
    } else {
      const expression = bpmnFactory.create('bpmn:FormalExpression', { body });
      expression.$parent = flow;
      modeling.updateProperties(connection, { conditionExpression: expression });
    }
  }
}
AddActionHandler.$inject = ['modeling', 'bpmnFactory', 'elementRegistry'];

/** context: { element, property, properties } — removes one action declaration. */
function RemoveActionHandler(modeling) {
  this.preExecute = function({ element, property, properties }) {
    modeling.updateModdleProperties(element, properties, {
      values: properties.get('values').filter((value) => value !== property)
    });
  };
}
RemoveActionHandler.$inject = ['modeling'];

function LinedeskCommands(commandStack) {
  commandStack.registerHandler('linedesk.action.add', AddActionHandler);
  commandStack.registerHandler('linedesk.action.remove', RemoveActionHandler);
}
LinedeskCommands.$inject = ['commandStack'];

export default {
  __init__: ['linedeskCommands'],
  linedeskCommands: ['type', LinedeskCommands]
};
