// bpmnlint in the browser: the `bpmnlint:recommended` rules, bundled statically (no bpmnlint-loader).
import { Linter } from 'bpmnlint';
import recommended from 'bpmnlint/config/recommended';
import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process';
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event';
import fakeJoin from 'bpmnlint/rules/fake-join';
import global from 'bpmnlint/rules/global';
import labelRequired from 'bpmnlint/rules/label-required';
import linkEvent from 'bpmnlint/rules/link-event';
import noBpmndi from 'bpmnlint/rules/no-bpmndi';
import noComplexGateway from 'bpmnlint/rules/no-complex-gateway';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start';
import noInclusiveGateway from 'bpmnlint/rules/no-inclusive-gateway';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import superfluousLabel from 'bpmnlint/rules/superfluous-label';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination';

const RULES = {
  'ad-hoc-sub-process': adHocSubProcess,
  'conditional-flows': conditionalFlows,
  'end-event-required': endEventRequired,
  'event-based-gateway': eventBasedGateway,
  'event-sub-process-typed-start-event': eventSubProcessTypedStartEvent,
  'fake-join': fakeJoin,
  'global': global,
  'label-required': labelRequired,
  'link-event': linkEvent,
  'no-bpmndi': noBpmndi,
  'no-complex-gateway': noComplexGateway,
  'no-disconnected': noDisconnected,
  'no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'no-gateway-join-fork': noGatewayJoinFork,
  'no-implicit-end': noImplicitEnd,
  'no-implicit-split': noImplicitSplit,
  'no-implicit-start': noImplicitStart,
  'no-inclusive-gateway': noInclusiveGateway,
  'no-overlapping-elements': noOverlappingElements,
  'single-blank-start-event': singleBlankStartEvent,
  'single-event-definition': singleEventDefinition,
  'start-event-required': startEventRequired,
  'sub-process-blank-start-event': subProcessBlankStartEvent,
  'superfluous-gateway': superfluousGateway,
  'superfluous-label': superfluousLabel,
  'superfluous-termination': superfluousTermination
};

/**
 * Recommended rules that are a matter of style for LineDesk: they warn instead of blocking a deploy.
 * - no-gateway-join-fork: `Gateway_Route` is where every way into a queue meets (new ticket,
 *   hand-over, customer answer, reopen) and where the next queue is chosen; one gateway that joins
 *   and forks is the documented routing point (docs/process-authoring.md) and the engine runs it
 *   exactly as meant.
 * Already warnings in `recommended`, and broken on purpose by the shipped model: fake-join
 * (Event_WaitForCustomer and Activity_Resolve are entered from triage or from solving, never both).
 */
const STYLE_RULES = ['no-gateway-join-fork'];

const CONFIG = {
  extends: 'bpmnlint:recommended',
  rules: Object.fromEntries(STYLE_RULES.map((rule) => [rule, 'warn']))
};

const resolver = {
  resolveRule(pkg, name) {
    const rule = pkg === 'bpmnlint' ? RULES[name] : undefined;
    if (!rule) {
      throw new Error(`bpmnlint rule ${pkg}/${name} is not bundled`);
    }
    return rule;
  },
  resolveConfig(pkg, name) {
    if (pkg === 'bpmnlint' && name === 'recommended') {
      return recommended;
    }
    throw new Error(`bpmnlint config ${pkg}/${name} is not bundled`);
  }
};

/** Lints the definitions; errors block deploying, warnings do not. */
export async function lint(definitions) {
  const results = await new Linter({ config: CONFIG, resolver }).lint(definitions);
  return Object.entries(results).flatMap(([rule, reports]) => reports.map((report) => ({
    element: report.id || null,
    reason: `[bpmnlint ${rule}] ${report.message}`,
    blocking: report.category === 'error' || report.category === 'rule-error',
    source: 'bpmnlint'
  })));
}
