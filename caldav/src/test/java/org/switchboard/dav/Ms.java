package org.switchboard.dav;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** A parsed 207 body for assertions: per href, the found properties (local name → element) and the 404 ones. */
public record Ms(Map<String, Resp> responses, String syncToken) {

    public record Resp(String href, String status, Map<String, Element> found, List<String> missing, String error) {
        public String text(String localName) {
            Element e = found.get(localName);
            return e == null ? null : e.getTextContent();
        }
    }

    public static Ms parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Map<String, Resp> out = new LinkedHashMap<>();
            NodeList rs = d.getElementsByTagNameNS("DAV:", "response");
            for (int i = 0; i < rs.getLength(); i++) {
                Element r = (Element) rs.item(i);
                String href = first(r, "href").getTextContent();
                String status = null;
                String error = null;
                Map<String, Element> found = new LinkedHashMap<>();
                List<String> missing = new ArrayList<>();
                for (Node n = r.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (!(n instanceof Element e)) continue;
                    if (e.getLocalName().equals("status")) status = e.getTextContent();
                    if (e.getLocalName().equals("error")) error = ((Element) e.getElementsByTagName("*").item(0)).getLocalName();
                    if (e.getLocalName().equals("propstat")) {
                        String st = first(e, "status").getTextContent();
                        Element prop = first(e, "prop");
                        for (Node p = prop.getFirstChild(); p != null; p = p.getNextSibling()) {
                            if (!(p instanceof Element pe)) continue;
                            if (st.contains(" 200 ")) found.put(pe.getLocalName(), pe);
                            else missing.add(pe.getLocalName());
                        }
                    }
                }
                out.put(href, new Resp(href, status, found, missing, error));
            }
            NodeList tok = d.getDocumentElement().getElementsByTagNameNS("DAV:", "sync-token");
            String token = null;
            for (int i = 0; i < tok.getLength(); i++) {
                if (tok.item(i).getParentNode() == d.getDocumentElement()) token = tok.item(i).getTextContent();
            }
            return new Ms(out, token);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a multistatus: " + xml, e);
        }
    }

    private static Element first(Element e, String local) {
        NodeList l = e.getElementsByTagNameNS("DAV:", local);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    public Resp get(String href) { return responses.get(href); }

    public int size() { return responses.size(); }
}
