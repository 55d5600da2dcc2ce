package org.pcistress.tools.report;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * junit.xml in the shape Surefire and Ant write and CI test reporters read (GitHub test-report
 * actions, GitLab, Jenkins): {@code <testsuites>} of {@code <testsuite>}s of {@code <testcase>}s,
 * a {@code <failure>} or {@code <error>} with a message, a type and the counterexample or outcome
 * table as its text; a passed case keeps its detail in {@code <system-out>}.
 */
public final class JunitXml {
    private JunitXml() {
    }

    public static String render(String name, List<JunitSuite> suites) {
        StringWriter w = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", name);
            x.writeAttribute("tests", String.valueOf(suites.stream().mapToLong(s -> s.cases().size()).sum()));
            x.writeAttribute("failures", String.valueOf(sum(suites, JunitCase.Outcome.FAILURE)));
            x.writeAttribute("errors", String.valueOf(sum(suites, JunitCase.Outcome.ERROR)));
            x.writeAttribute("time", seconds(suites.stream().mapToDouble(JunitSuite::seconds).sum()));
            x.writeCharacters("\n");
            for (JunitSuite s : suites) {
                suite(x, s);
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string", e);
        }
        return w.toString();
    }

    /** Writes {@link #render} to {@code file} atomically. */
    public static void write(Path file, String name, List<JunitSuite> suites) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, render(name, suites), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void suite(XMLStreamWriter x, JunitSuite s) throws XMLStreamException {
        x.writeStartElement("testsuite");
        x.writeAttribute("name", s.name());
        x.writeAttribute("tests", String.valueOf(s.cases().size()));
        x.writeAttribute("failures", String.valueOf(s.count(JunitCase.Outcome.FAILURE)));
        x.writeAttribute("errors", String.valueOf(s.count(JunitCase.Outcome.ERROR)));
        x.writeAttribute("skipped", "0");
        x.writeAttribute("time", seconds(s.seconds()));
        x.writeAttribute("timestamp", s.timestamp());
        x.writeAttribute("hostname", s.hostname());
        x.writeCharacters("\n");
        if (!s.properties().isEmpty()) {
            x.writeStartElement("properties");
            for (String[] p : s.properties()) {
                x.writeEmptyElement("property");
                x.writeAttribute("name", p[0]);
                x.writeAttribute("value", clean(p[1]));
            }
            x.writeEndElement();
            x.writeCharacters("\n");
        }
        for (JunitCase c : s.cases()) {
            x.writeStartElement("testcase");
            x.writeAttribute("name", c.name());
            x.writeAttribute("classname", c.classname());
            x.writeAttribute("time", seconds(c.seconds()));
            if (c.outcome() == JunitCase.Outcome.PASSED) {
                if (!c.detail().isEmpty()) {
                    x.writeStartElement("system-out");
                    x.writeCharacters(clean(c.detail()));
                    x.writeEndElement();
                }
            } else {
                x.writeStartElement(c.outcome() == JunitCase.Outcome.FAILURE ? "failure" : "error");
                x.writeAttribute("message", clean(c.message()));
                x.writeAttribute("type", c.type());
                x.writeCharacters(clean(c.detail()));
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeCharacters("\n");
        }
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static long sum(List<JunitSuite> suites, JunitCase.Outcome o) {
        return suites.stream().mapToLong(s -> s.count(o)).sum();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** XML 1.0 cannot carry most control characters, even escaped: they become '?'. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(
                cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF) ? cp : '?'));
        return b.toString();
    }
}
