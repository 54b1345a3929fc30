package org.linedesk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * For the "intake without clocks" measurement: derives from processes/incident.bpmn the same process
 * without its SLA event subprocess (whose message subscription every instance carries). Derived, not
 * copied, so it follows every edit of the real file.
 */
final class ProcessWithoutClocks {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private ProcessWithoutClocks() {
    }

    static Path derive(Path incident, Path targetDir) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(incident.toFile());
        Set<String> removed = new HashSet<>();
        for (Element sub : elements(doc, "subProcess")) {
            if (sub.getAttribute("id").equals("SubProcess_SlaBreached")) {
                removed.add(sub.getAttribute("id"));
                NodeList inner = sub.getElementsByTagName("*");
                for (int i = 0; i < inner.getLength(); i++) {
                    String id = ((Element) inner.item(i)).getAttribute("id");
                    if (!id.isEmpty()) {
                        removed.add(id);
                    }
                }
            }
        }
        if (removed.isEmpty()) {
            throw new IllegalStateException("incident.bpmn has no SubProcess_SlaBreached; update the benchmark");
        }
        removeAll(doc.getDocumentElement(), removed);
        Files.createDirectories(targetDir);
        Path out = targetDir.resolve("incident.bpmn");
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out.toFile()));
        return targetDir;
    }

    /** Removes elements with those ids, references to them (incoming/outgoing) and their diagram shapes. */
    private static void removeAll(Node node, Set<String> ids) {
        NodeList children = node.getChildNodes();
        for (int i = children.getLength() - 1; i >= 0; i--) {
            Node child = children.item(i);
            if (child instanceof Element e && (ids.contains(e.getAttribute("id")) || ids.contains(e.getAttribute("bpmnElement"))
                    || ((e.getLocalName().equals("incoming") || e.getLocalName().equals("outgoing"))
                    && ids.contains(e.getTextContent().trim())))) {
                node.removeChild(child);
            } else {
                removeAll(child, ids);
            }
        }
    }

    private static java.util.List<Element> elements(Document doc, String localName) {
        NodeList list = doc.getElementsByTagNameNS(BPMN, localName);
        java.util.List<Element> result = new java.util.ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            result.add((Element) list.item(i));
        }
        return result;
    }
}
