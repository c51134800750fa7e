package dev.borealis.jdbc.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * borealis-bom must pin every artifact a user can depend on: a module added to the parent pom fails this test until
 * it is either listed in the BOM or named below as not published.
 */
class BomListsEveryPublishedModuleTest {

  /** Modules that are built but not meant as dependencies, each with the reason. */
  private static final Map<String, String> NOT_PUBLISHED = Map.of(
      "samples", "runnable examples and the demo",
      "benchmarks", "benchmark harness",
      "compat", "test-only differential fidelity harness",
      "borealis-bom", "the BOM itself",
      "spring-boot-starter-boot3-test", "the starter's tests run on Spring Boot 3.5");

  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @Test
  void theBomPinsEveryPublishedModuleAtTheProjectVersion() throws Exception {
    Set<String> published = new TreeSet<>();
    for (String module : children(parse(ROOT.resolve("pom.xml")).getDocumentElement(), "modules", "module")) {
      String artifactId = text(parse(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement(), "artifactId");
      if (!NOT_PUBLISHED.containsKey(artifactId)) {
        published.add(artifactId);
      }
    }
    Element bom = parse(ROOT.resolve("borealis-bom/pom.xml")).getDocumentElement();
    Set<String> pinned = new TreeSet<>();
    for (Element dep : elements(bom, "dependencyManagement", "dependencies", "dependency")) {
      assertThat(text(dep, "groupId")).isEqualTo("dev.borealis");
      assertThat(text(dep, "version")).as(text(dep, "artifactId")).isEqualTo("${project.version}");
      pinned.add(text(dep, "artifactId"));
    }
    assertThat(published).as("published modules of the parent pom").contains("driver-core", "borealis-jdbc");
    assertThat(pinned).as("artifacts in borealis-bom").isEqualTo(published);
    assertThat(text(bom, "version")).isEqualTo(text(parse(ROOT.resolve("pom.xml")).getDocumentElement(), "version"));
  }

  private static Document parse(Path pom) throws Exception {
    assertThat(Files.isRegularFile(pom)).as(pom.toString()).isTrue();
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  private static List<String> children(Element root, String... path) {
    return elements(root, path).stream().map(e -> e.getTextContent().trim()).toList();
  }

  private static List<Element> elements(Element root, String... path) {
    List<Element> current = List.of(root);
    for (String name : path) {
      List<Element> next = new ArrayList<>();
      for (Element e : current) {
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
          Node n = nodes.item(i);
          if (n instanceof Element child && child.getTagName().equals(name)) {
            next.add(child);
          }
        }
      }
      current = next;
    }
    return current;
  }

  private static String text(Element e, String child) {
    List<Element> found = elements(e, child);
    return found.isEmpty() ? null : found.get(0).getTextContent().trim();
  }
}
