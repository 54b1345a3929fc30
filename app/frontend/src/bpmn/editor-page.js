// data-page="editor": the BPMN modeler with the properties panel (BPMN + Camunda 7), LineDesk's side
// form, and Validate / Deploy (server validation plus bpmnlint in the browser).
import Modeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule
} from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import { data, required } from '../shared/dom.js';
import { getJson, getText } from '../shared/http.js';
import { wirePublishing } from '../shared/publish.js';
import { importInto, mark, unmark } from './diagram.js';
import { lint } from './lint.js';
import LinedeskCommandsModule from './linedesk/commands.js';
import { linedeskPanel } from './linedesk/panel.js';

export async function editorPage(root) {
  const modeler = new Modeler({
    container: required('canvas'),
    propertiesPanel: { parent: required('properties') },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
      LinedeskCommandsModule
    ],
    moddleExtensions: { camunda: camundaModdle }
  });
  const [xml, vocabulary] = await Promise.all([getText(data(root, 'xmlUrl')), getJson(data(root, 'vocabularyUrl'))]);
  await importInto(modeler, xml);
  linedeskPanel(required('linedesk-panel'), modeler, vocabulary);

  let marked = { problem: [], warning: [] };
  wirePublishing({
    root,
    mediaType: 'application/xml',
    saveXml: async () => (await modeler.saveXML({ format: true })).xml,
    localProblems: () => lint(modeler.getDefinitions()),
    onProblems(problems) {
      unmark(modeler, marked.problem, 'ld-problem');
      unmark(modeler, marked.warning, 'ld-warning');
      const withElement = problems.filter((problem) => problem.element);
      const blocking = new Set(withElement.filter((p) => p.blocking).map((p) => p.element));
      marked = {
        problem: mark(modeler, [...new Set(withElement.map((p) => p.element))], 'ld-problem'),
        warning: mark(modeler, [...new Set(withElement.map((p) => p.element))].filter((id) => !blocking.has(id)), 'ld-warning')
      };
    },
    onSelect(id) {
      const element = modeler.get('elementRegistry').get(id);
      if (!element) {
        return;
      }
      modeler.get('selection').select(element);
      if (element !== modeler.get('canvas').getRootElement()) {
        modeler.get('canvas').scrollToElement(element);
      }
    }
  });
}
