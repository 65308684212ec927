package org.l1embed.cli.io;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A JUnit XML report (the Ant/Surefire schema that GitLab, GitHub Actions reporters and Jenkins read): one
 * {@code <testsuites>} holding one {@code <testsuite>} with its properties and test cases. Text is escaped by the JDK's
 * StAX writer; characters XML 1.0 cannot carry are replaced by U+FFFD.
 */
public final class JUnitXml {

    /** How a test case ended. */
    public enum Outcome { PASSED, FAILED, ERROR }

    /**
     * One test case.
     *
     * @param name    the rule, e.g. {@code --max-abs-diff}
     * @param outcome how it ended
     * @param message the figure against the rule (a failure's or error's message; the passed case's system-out)
     */
    public record TestCase(String name, Outcome outcome, String message) {
        public TestCase {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(message, "message");
        }
    }

    private JUnitXml() {
    }

    /**
     * Writes a report.
     *
     * @param suite      the suite's name
     * @param className  the {@code classname} of every test case (reporters group by it)
     * @param seconds    the suite's wall time
     * @param properties shown by reporters beside the suite, in iteration order
     */
    public static void write(Writer out, String suite, String className, double seconds, Map<String, String> properties,
                             List<TestCase> cases) throws IOException {
        long failures = cases.stream().filter(c -> c.outcome() == Outcome.FAILED).count();
        long errors = cases.stream().filter(c -> c.outcome() == Outcome.ERROR).count();
        String time = String.format(Locale.ROOT, "%.3f", seconds);
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            attributes(x, "name", clean(suite), "tests", String.valueOf(cases.size()), "failures", String.valueOf(failures),
                    "errors", String.valueOf(errors), "time", time);
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            attributes(x, "name", clean(suite), "tests", String.valueOf(cases.size()), "failures", String.valueOf(failures),
                    "errors", String.valueOf(errors), "skipped", "0", "time", time);
            x.writeCharacters("\n    ");
            x.writeStartElement("properties");
            for (Map.Entry<String, String> p : properties.entrySet()) {
                x.writeCharacters("\n      ");
                x.writeEmptyElement("property");
                attributes(x, "name", clean(p.getKey()), "value", clean(p.getValue()));
            }
            x.writeCharacters("\n    ");
            x.writeEndElement();
            for (TestCase c : cases) {
                x.writeCharacters("\n    ");
                x.writeStartElement("testcase");
                attributes(x, "classname", clean(className), "name", clean(c.name()), "time", "0");
                x.writeCharacters("\n      ");
                switch (c.outcome()) {
                    case PASSED -> {
                        x.writeStartElement("system-out");
                        x.writeCharacters(clean(c.message()));
                        x.writeEndElement();
                    }
                    case FAILED, ERROR -> {
                        x.writeStartElement(c.outcome() == Outcome.FAILED ? "failure" : "error");
                        attributes(x, "message", clean(c.message()), "type", c.outcome() == Outcome.FAILED ? "threshold" : "error");
                        x.writeCharacters(clean(c.message()));
                        x.writeEndElement();
                    }
                    default -> throw new IllegalStateException(c.outcome().toString());
                }
                x.writeCharacters("\n    ");
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("writing the JUnit XML report failed: " + e.getMessage(), e);
        }
    }

    private static void attributes(XMLStreamWriter x, String... nameValue) throws XMLStreamException {
        for (int i = 0; i < nameValue.length; i += 2) {
            x.writeAttribute(nameValue[i], nameValue[i + 1]);
        }
    }

    /** Replaces the characters XML 1.0 cannot carry (controls other than tab, newline, return; lone surrogates). */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
                continue;
            }
            ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            b.append(ok ? c : '\uFFFD');
        }
        return b.toString();
    }
}
