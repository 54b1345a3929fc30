package org.linedesk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
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
 * without its SLA clock branch (the parallel fork, everything reachable from Gateway_ClockArmed, and
 * the SLA hand-over boundary events). Derived, not copied, so it follows every edit of the real file.
 */
final class ProcessWithoutClocks {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private ProcessWithoutClocks() {
    }

    static Path derive(Path incident, Path targetDir) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(incident.toFile());
        Set<String> removed = new HashSet<>(List.of("Gateway_Fork", "Flow_ForkToRoute", "Flow_ForkToClock"));
        // the clock branch: everything reachable from its first gateway
        Deque<String> todo = new ArrayDeque<>(List.of("Gateway_ClockArmed"));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (!removed.add(id) && !id.equals("Gateway_ClockArmed")) {
                continue;
            }
            for (Element flow : elements(doc, "sequenceFlow")) {
                if (flow.getAttribute("sourceRef").equals(id) && removed.add(flow.getAttribute("id"))) {
                    todo.push(flow.getAttribute("targetRef"));
                }
            }
        }
        for (Element boundary : elements(doc, "boundaryEvent")) {
            if (boundary.getElementsByTagNameNS(BPMN, "messageEventDefinition").getLength() > 0
                    && ((Element) boundary.getElementsByTagNameNS(BPMN, "messageEventDefinition").item(0))
                    .getAttribute("messageRef").equals("Message_SlaHandOver")) {
                removed.add(boundary.getAttribute("id"));
                for (Element flow : elements(doc, "sequenceFlow")) {
                    if (flow.getAttribute("sourceRef").equals(boundary.getAttribute("id"))) {
                        removed.add(flow.getAttribute("id"));
                    }
                }
            }
        }
        removeAll(doc.getDocumentElement(), removed);
        for (Element flow : elements(doc, "sequenceFlow")) {
            if (flow.getAttribute("id").equals("Flow_Start")) {
                flow.setAttribute("targetRef", "Gateway_Route");
            }
        }
        for (Element gateway : elements(doc, "exclusiveGateway")) {
            if (gateway.getAttribute("id").equals("Gateway_Route")) {
                Element incoming = doc.createElementNS(BPMN, "bpmn:incoming");
                incoming.setTextContent("Flow_Start");
                gateway.insertBefore(incoming, gateway.getFirstChild());
            }
        }
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

    private static List<Element> elements(Document doc, String localName) {
        NodeList list = doc.getElementsByTagNameNS(BPMN, localName);
        List<Element> result = new java.util.ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            result.add((Element) list.item(i));
        }
        return result;
    }
}
