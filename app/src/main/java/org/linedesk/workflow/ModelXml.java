package org.linedesk.workflow;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/** Reads a model file as plain XML, refusing DTDs and external entities (a model comes from a browser). */
final class ModelXml {

    static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String DMN_NS_PREFIX = "https://www.omg.org/spec/DMN/";
    static final String DMN11_NS = "http://www.omg.org/spec/DMN/20151101/dmn.xsd";

    private ModelXml() {
    }

    static Document parse(byte[] content) throws SAXException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(content));
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("XML parser not usable", e);
        }
    }

    static boolean isBpmn(Document doc) {
        return BPMN_NS.equals(doc.getDocumentElement().getNamespaceURI())
                && "definitions".equals(doc.getDocumentElement().getLocalName());
    }

    static boolean isDmn(Document doc) {
        String ns = doc.getDocumentElement().getNamespaceURI();
        return ns != null && (ns.startsWith(DMN_NS_PREFIX) || DMN11_NS.equals(ns))
                && "definitions".equals(doc.getDocumentElement().getLocalName());
    }
}
