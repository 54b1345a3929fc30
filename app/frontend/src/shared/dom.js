// Small DOM helpers. Texts from a model go in through textContent only, never as markup.

/**
 * Creates an element: h('li', { class: 'x', dataset: { element: 'Task_1' } }, 'text', child).
 * Attribute values are set with setAttribute (never 'style': the page policy forbids style attributes).
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  }
  return element;
}

/** The element with that id, or an error naming what the page template lacks. */
export function required(id) {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`the page has no #${id}`);
  }
  return element;
}

/** A data attribute of the studio root, or an error naming it. */
export function data(root, name) {
  const value = root.dataset[name];
  if (!value) {
    throw new Error(`the page gives no data-${name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`);
  }
  return value;
}

export function option(value, text, selected = false, title = undefined) {
  const element = h('option', { value, title }, text);
  element.selected = selected;
  return element;
}
