package org.l1embed.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The JUnit XML writer: counts, outcomes, properties, and text that XML must escape or cannot carry. */
class JUnitXmlTest {

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void countsOutcomesAndEscapesWhatXmlCannotCarryLiterally() throws Exception {
        String nasty = "a < b && \"c\" > 'd' \u0001 \uD83D\uDE00 lone \uD800 end";
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bundle", "/models/a&b/1");
        props.put("verdict", "FAIL");
        StringWriter w = new StringWriter();
        JUnitXml.write(w, "suite <x>", "l1embed.validate", 1.23456, props, List.of(
                new JUnitXml.TestCase("testbench", JUnitXml.Outcome.PASSED, "all reproduced"),
                new JUnitXml.TestCase("--max-abs-diff", JUnitXml.Outcome.FAILED, nasty),
                new JUnitXml.TestCase("validate", JUnitXml.Outcome.ERROR, "cannot read")));
        Document d = parse(w.toString());
        for (String tag : List.of("testsuites", "testsuite")) {
            Element e = (Element) d.getElementsByTagName(tag).item(0);
            assertEquals("suite <x>", e.getAttribute("name"), tag);
            assertEquals("3", e.getAttribute("tests"), tag);
            assertEquals("1", e.getAttribute("failures"), tag);
            assertEquals("1", e.getAttribute("errors"), tag);
            assertEquals("1.235", e.getAttribute("time"), tag);
        }
        Element failure = (Element) d.getElementsByTagName("failure").item(0);
        String expected = "a < b && \"c\" > 'd' \uFFFD \uD83D\uDE00 lone \uFFFD end";
        assertEquals(expected, failure.getAttribute("message"));
        assertEquals(expected, failure.getTextContent());
        assertEquals("--max-abs-diff", ((Element) failure.getParentNode()).getAttribute("name"));
        assertEquals("cannot read", ((Element) d.getElementsByTagName("error").item(0)).getAttribute("message"));
        assertEquals("all reproduced", d.getElementsByTagName("system-out").item(0).getTextContent());
        Element first = (Element) d.getElementsByTagName("property").item(0);
        assertEquals("bundle", first.getAttribute("name"));
        assertEquals("/models/a&b/1", first.getAttribute("value"));
        assertEquals(2, d.getElementsByTagName("property").getLength());
    }
}
