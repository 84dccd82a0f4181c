package dev.switchboard.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What {@code deploy/pom.xml} tells Jib to write into the image config: exposed ports, volumes and user
 * ({@code ContainerImageIT} checks the built image has them), for the manifests to be compared with.
 */
record JibContainer(List<Integer> ports, List<String> volumes, String user) {

    static JibContainer read(Path pom) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element container = (Element) factory.newDocumentBuilder()
                    .parse(pom.toFile())
                    .getElementsByTagName("container")
                    .item(0);
            List<Integer> ports = new ArrayList<>();
            texts(container, "port").forEach(p -> ports.add(Integer.parseInt(p)));
            return new JibContainer(
                    ports, texts(container, "volume"), texts(container, "user").get(0));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(pom + ": " + e.getMessage(), e);
        }
    }

    private static List<String> texts(Element parent, String tag) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().strip());
        }
        return texts;
    }
}
