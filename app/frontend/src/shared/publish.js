// Validate and Deploy buttons of the editors: server validation (+ the editor's own checks), then
// the multipart deploy. Server problems always block; a local check decides per problem.
import { required, data } from './dom.js';
import { HttpError, postFile, postXml } from './http.js';
import { serverProblems, setStatus, showProblems, summary } from './problems.js';

/**
 * @param {object} options
 * @param {HTMLElement} options.root the #studio element (data-validate-url, data-deploy-url, …)
 * @param {string} options.mediaType of the uploaded file
 * @param {() => Promise<string>} options.saveXml the model as it is now
 * @param {() => Promise<import('./problems.js').Problem[]>} [options.localProblems]
 * @param {(problems: import('./problems.js').Problem[]) => void} [options.onProblems] e.g. canvas markers
 * @param {(id: string) => void} [options.onSelect] a click on a listed problem
 */
export function wirePublishing({ root, mediaType, saveXml, localProblems = async () => [], onProblems = () => {}, onSelect = () => {} }) {
  const validateUrl = data(root, 'validateUrl');
  const deployUrl = data(root, 'deployUrl');
  const fileName = data(root, 'fileName');
  const afterDeployUrl = data(root, 'afterDeployUrl');
  const list = required('problems');
  const status = required('status');
  const buttons = [required('validate'), required('deploy')];

  function show(problems) {
    showProblems(list, problems, onSelect);
    onProblems(problems);
    setStatus(status, summary(problems), problems.some((p) => p.blocking) ? 'error' : 'ok');
  }

  async function check(xml) {
    const [server, local] = await Promise.all([validateOnServer(xml), localProblems()]);
    const problems = [...server, ...local];
    show(problems);
    return problems;
  }

  async function validateOnServer(xml) {
    const { status: code, body } = await postXml(validateUrl, xml);
    if (code === 200) {
      return body?.problems?.length ? serverProblems(body) : [];
    }
    if (code === 422) {
      return serverProblems(body, 'the model is not valid');
    }
    throw new HttpError(code, body, `validation failed (${code})`);
  }

  async function deploy(xml) {
    const { status: code, body } = await postFile(deployUrl, xml, fileName, mediaType);
    if (code === 201) {
      setStatus(status, `Deployed as version ${body?.version}`, 'ok');
      window.location.assign(afterDeployUrl);
    } else if (code === 200) {
      setStatus(status, `Unchanged: version ${body?.version} is the same`, 'ok');
    } else if (code === 422) {
      show(serverProblems(body, 'the model is not valid'));
    } else {
      throw new HttpError(code, body, `deploying failed (${code})`);
    }
  }

  async function run(withDeploy) {
    buttons.forEach((button) => { button.disabled = true; });
    setStatus(status, withDeploy ? 'Checking before deploying…' : 'Checking…', 'busy');
    try {
      const xml = await saveXml();
      const problems = await check(xml);
      if (withDeploy && !problems.some((p) => p.blocking)) {
        setStatus(status, 'Deploying…', 'busy');
        await deploy(xml);
      }
    } catch (error) {
      setStatus(status, error.message || String(error), 'error');
    } finally {
      buttons.forEach((button) => { button.disabled = false; });
    }
  }

  buttons[0].addEventListener('click', () => run(false));
  buttons[1].addEventListener('click', () => run(true));
}
