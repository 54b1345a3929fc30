package org.linedesk.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What changed between two versions of a BPMN or DMN model, element by element: every element with an
 * id is compared by its attributes and its own children (children with ids are compared on their own),
 * ignoring the order of children and whitespace. Diagram layout (shapes, edges) is compared apart, so
 * moving a shape is "layout changed", not a change of the flow.
 */
public final class ModelComparison {

    /** An element by id, kind (e.g. bpmn:UserTask) and name. */
    public record ElementRef(String id, String type, String name) {
    }

    /** An element in both versions whose content differs; {@code what} lists the attributes and parts that differ. */
    public record Changed(String id, String type, String name, List<String> what) {
    }

    public record Diff(List<ElementRef> added, List<ElementRef> removed, List<Changed> changed, List<String> layoutChanged) {

        public boolean unchanged() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && layoutChanged.isEmpty();
        }

        /** One line for the audit log and the deploy answer. */
        public String summary() {
            if (unchanged()) {
                return "no change";
            }
            List<String> parts = new ArrayList<>();
            if (!added.isEmpty()) {
                parts.add("added " + added.stream().map(ModelComparison::label).collect(Collectors.joining(", ")));
            }
            if (!removed.isEmpty()) {
                parts.add("removed " + removed.stream().map(ModelComparison::label).collect(Collectors.joining(", ")));
            }
            if (!changed.isEmpty()) {
                parts.add("changed " + changed.stream().map(c -> c.id() + " (" + String.join(", ", c.what()) + ")")
                        .collect(Collectors.joining(", ")));
            }
            if (!layoutChanged.isEmpty()) {
                parts.add("layout of " + layoutChanged.size() + (layoutChanged.size() == 1 ? " element" : " elements"));
            }
            String summary = String.join("; ", parts);
            return summary.length() > 2000 ? summary.substring(0, 1997) + "…" : summary;
        }
    }

    private ModelComparison() {
    }

    public static Diff compare(byte[] older, byte[] newer) {
        try {
            return compare(ModelXml.parse(older), ModelXml.parse(newer));
        } catch (SAXException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    static Diff compare(Document older, Document newer) {
        Map<String, Element> before = semantic(older);
        Map<String, Element> after = semantic(newer);
        List<ElementRef> added = new ArrayList<>();
        List<ElementRef> removed = new ArrayList<>();
        List<Changed> changed = new ArrayList<>();
        after.forEach((id, e) -> {
            if (!before.containsKey(id)) {
                added.add(ref(id, e));
            }
        });
        before.forEach((id, e) -> {
            Element other = after.get(id);
            if (other == null) {
                removed.add(ref(id, e));
            } else {
                List<String> what = differences(e, other);
                if (!what.isEmpty()) {
                    changed.add(new Changed(id, type(other), other.getAttribute("name"), what));
                }
            }
        });
        Map<String, String> layoutBefore = layout(older);
        Map<String, String> layoutAfter = layout(newer);
        List<String> layoutChanged = new ArrayList<>();
        layoutAfter.forEach((id, signature) -> {
            String old = layoutBefore.get(id);
            boolean onlyLayout = before.containsKey(id) && after.containsKey(id)
                    && changed.stream().noneMatch(c -> c.id().equals(id));
            if (old != null && !old.equals(signature) && onlyLayout) {
                layoutChanged.add(id);
            }
        });
        return new Diff(added, removed, changed, layoutChanged);
    }

    private static String label(ElementRef e) {
        return e.id() + (e.name() == null || e.name().isBlank() ? "" : " '" + e.name() + "'");
    }

    private static ElementRef ref(String id, Element e) {
        return new ElementRef(id, type(e), e.getAttribute("name"));
    }

    private static String type(Element e) {
        String prefix = isDmn(e) ? "dmn:" : "bpmn:";
        String local = e.getLocalName();
        return prefix + Character.toUpperCase(local.charAt(0)) + local.substring(1);
    }

    private static boolean isDmn(Element e) {
        String ns = e.getNamespaceURI();
        return ns != null && (ns.startsWith(ModelXml.DMN_NS_PREFIX) || ns.equals(ModelXml.DMN11_NS));
    }

    private static boolean isLayout(Node node) {
        String ns = node.getNamespaceURI();
        return ns != null && (ns.endsWith("/DI") || ns.endsWith("/DC") || ns.contains("DMNDI") || ns.contains("/DD/"));
    }

    /** Every element with an id below the root, outside the diagram. */
    private static Map<String, Element> semantic(Document doc) {
        Map<String, Element> elements = new LinkedHashMap<>();
        collectSemantic(doc.getDocumentElement(), elements, true);
        return elements;
    }

    private static void collectSemantic(Element element, Map<String, Element> into, boolean root) {
        if (isLayout(element)) {
            return;
        }
        if (!root && element.hasAttribute("id")) {
            into.putIfAbsent(element.getAttribute("id"), element);
        }
        for (Element child : children(element)) {
            collectSemantic(child, into, false);
        }
    }

    private static Map<String, String> layout(Document doc) {
        Map<String, String> shapes = new TreeMap<>();
        collectLayout(doc.getDocumentElement(), shapes);
        return shapes;
    }

    private static void collectLayout(Element element, Map<String, String> into) {
        String target = element.hasAttribute("bpmnElement") ? element.getAttribute("bpmnElement")
                : element.hasAttribute("dmnElementRef") ? element.getAttribute("dmnElementRef") : null;
        // a shape or an edge; a plane (the diagram of a process) holds the shapes and is not one itself
        boolean container = children(element).stream().anyMatch(c -> c.hasAttribute("bpmnElement") || c.hasAttribute("dmnElementRef"));
        if (target != null && isLayout(element) && !container) {
            into.put(target, signature(element, true));
            return;
        }
        for (Element child : children(element)) {
            collectLayout(child, into);
        }
    }

    /** Names of the attributes and the kinds of own children that differ. */
    private static List<String> differences(Element a, Element b) {
        TreeSet<String> what = new TreeSet<>();
        Map<String, String> attrsA = attributes(a);
        Map<String, String> attrsB = attributes(b);
        TreeSet<String> names = new TreeSet<>(attrsA.keySet());
        names.addAll(attrsB.keySet());
        for (String name : names) {
            if (!Objects.equals(attrsA.get(name), attrsB.get(name))) {
                what.add(name);
            }
        }
        Map<String, List<String>> partsA = ownParts(a);
        Map<String, List<String>> partsB = ownParts(b);
        TreeSet<String> kinds = new TreeSet<>(partsA.keySet());
        kinds.addAll(partsB.keySet());
        for (String kind : kinds) {
            if (!Objects.equals(partsA.get(kind), partsB.get(kind))) {
                what.add(kind);
            }
        }
        if (!normalized(ownText(a)).equals(normalized(ownText(b)))) {
            what.add("text");
        }
        return List.copyOf(what);
    }

    /** The element's children without ids (those are compared on their own), by kind, each as a sorted signature list. */
    private static Map<String, List<String>> ownParts(Element element) {
        Map<String, List<String>> parts = new TreeMap<>();
        for (Element child : children(element)) {
            if (child.hasAttribute("id") && !isCamunda(child)) {
                continue;
            }
            parts.computeIfAbsent(child.getLocalName(), k -> new ArrayList<>()).add(signature(child, false));
        }
        parts.values().forEach(list -> list.sort(String::compareTo));
        return parts;
    }

    private static boolean isCamunda(Element e) {
        return e.getNamespaceURI() != null && e.getNamespaceURI().startsWith("http://camunda.org/schema/");
    }

    /** A stable text for an element and everything below it (order of children and whitespace ignored). */
    private static String signature(Element element, boolean withIds) {
        StringBuilder s = new StringBuilder(element.getLocalName()).append('[');
        attributes(element).forEach((k, v) -> s.append(k).append('=').append(v).append(';'));
        if (withIds && element.hasAttribute("id")) {
            s.append("id=").append(element.getAttribute("id")).append(';');
        }
        s.append(']');
        List<String> children = new ArrayList<>();
        for (Element child : children(element)) {
            if (!withIds && child.hasAttribute("id") && !isCamunda(child) && !isLayout(child)) {
                children.add("ref:" + child.getAttribute("id"));
            } else {
                children.add(signature(child, withIds));
            }
        }
        children.sort(String::compareTo);
        s.append(children).append(normalized(ownText(element)));
        return s.toString();
    }

    /** Attributes except the id and namespace declarations, by qualified name. */
    private static Map<String, String> attributes(Element element) {
        Map<String, String> attrs = new TreeMap<>();
        NamedNodeMap all = element.getAttributes();
        for (int i = 0; i < all.getLength(); i++) {
            Attr attr = (Attr) all.item(i);
            String name = attr.getLocalName() != null ? attr.getLocalName() : attr.getName();
            if ("http://www.w3.org/2000/xmlns/".equals(attr.getNamespaceURI()) || name.equals("id")) {
                continue;
            }
            String prefix = attr.getNamespaceURI() != null && attr.getNamespaceURI().startsWith("http://camunda.org/schema/")
                    ? "camunda:" : attr.getNamespaceURI() != null && attr.getNamespaceURI().contains("XMLSchema-instance") ? "xsi:" : "";
            attrs.put(prefix + name, normalized(attr.getValue()));
        }
        return attrs;
    }

    private static String ownText(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(n.getNodeValue());
            }
        }
        return text.toString();
    }

    private static String normalized(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    private static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }
}
