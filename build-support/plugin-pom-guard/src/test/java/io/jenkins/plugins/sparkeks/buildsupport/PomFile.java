package io.jenkins.plugins.sparkeks.buildsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The parts of a pom.xml the guards judge, read as plain XML: what the file itself declares, without inheritance,
 * interpolation or profiles. Only the top-level {@code <dependencies>} count; managed versions and profile
 * dependencies are not what a build puts on a classpath by default.
 */
record PomFile(
        Path file,
        String parent,
        String artifactId,
        Map<String, String> properties,
        List<Dependency> dependencies,
        List<String> modules) {

    static PomFile read(Path file) {
        Element project;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            project = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Element parentElement = child(project, "parent");
        String parent = parentElement == null
                ? null
                : text(parentElement, "groupId") + ":" + text(parentElement, "artifactId") + ":"
                        + text(parentElement, "version");
        Map<String, String> properties = new LinkedHashMap<>();
        Element props = child(project, "properties");
        if (props != null) {
            for (Element p : children(props)) {
                properties.put(p.getTagName(), p.getTextContent().trim());
            }
        }
        List<Dependency> dependencies = new ArrayList<>();
        Element deps = child(project, "dependencies");
        if (deps != null) {
            for (Element d : children(deps)) {
                dependencies.add(dependency(d));
            }
        }
        List<String> modules = new ArrayList<>();
        Element mods = child(project, "modules");
        if (mods != null) {
            for (Element m : children(mods)) {
                modules.add(m.getTextContent().trim());
            }
        }
        return new PomFile(
                file, parent, text(project, "artifactId"), Map.copyOf(properties), List.copyOf(dependencies), List.copyOf(modules));
    }

    private static Dependency dependency(Element d) {
        boolean excludesEverything = false;
        Element exclusions = child(d, "exclusions");
        if (exclusions != null) {
            for (Element e : children(exclusions)) {
                excludesEverything |= "*".equals(text(e, "groupId")) && "*".equals(text(e, "artifactId"));
            }
        }
        return new Dependency(
                text(d, "groupId"),
                text(d, "artifactId"),
                text(d, "classifier"),
                text(d, "type"),
                text(d, "scope"),
                "true".equals(text(d, "optional")),
                excludesEverything);
    }

    private static Element child(Element parent, String name) {
        for (Element e : children(parent)) {
            if (e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                result.add(e);
            }
        }
        return result;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
