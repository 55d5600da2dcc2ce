package org.pcistress.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** junit.xml validates against the common Surefire/Ant shape and says what each case is. */
public class JunitXmlTest {

    /** The common subset of the JUnit XML format that CI reporters read (test resources). */
    public static Schema schema() throws SAXException {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return f.newSchema(JunitXmlTest.class.getResource("junit-common.xsd"));
    }

    /** Validates {@code xml}; throws what the validator says. */
    public static void validate(String xml) throws Exception {
        schema().newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    public static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static JunitSuite sample() {
        return new JunitSuite("pcistress matrix v6.18", "2026-11-30T01:17:10", "host", 12.5,
                List.<String[]>of(new String[] {"command", "pcistress matrix --profile v6.18"}),
                List.of(JunitCase.passed("pcistress.matrix.v6_18", "bind_pf", 0.1, "OK"),
                        new JunitCase("pcistress.matrix.v6_18", "bind_pf+aer", 0.2, JunitCase.Outcome.FAILURE,
                                "new: DEADLOCK <not in FINDINGS.md>", "DEADLOCK",
                                "step | CPU0 & CPU1\n]]> \u0001 end"),
                        new JunitCase("pcistress.matrix.v6_18", "aer", 0, JunitCase.Outcome.ERROR,
                                "killed at the bound", "HARNESS", "")));
    }

    @Test
    void aMatrixSuiteValidatesAndCountsItsCases() throws Exception {
        String xml = JunitXml.render("pcistress matrix", List.of(sample()));
        validate(xml);
        Element root = parse(xml).getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("3", root.getAttribute("tests"));
        Element suite = (Element) root.getElementsByTagName("testsuite").item(0);
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("errors"));
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertEquals("DEADLOCK", failure.getAttribute("type"));
        assertEquals("new: DEADLOCK <not in FINDINGS.md>", failure.getAttribute("message"));
        assertEquals("step | CPU0 & CPU1\n]]> ? end", failure.getTextContent(), "text survives, control characters do not");
        assertEquals("OK", suite.getElementsByTagName("system-out").item(0).getTextContent());
    }

    @Test
    void theSchemaRejectsWhatReportersCannotRead() {
        String twoEnds = "<testsuite name=\"s\" tests=\"1\" failures=\"1\" errors=\"1\"><testcase name=\"a\" classname=\"c\">"
                + "<failure message=\"m\"/><error message=\"m\"/></testcase></testsuite>";
        String noName = "<testsuite name=\"s\" tests=\"1\" failures=\"0\" errors=\"0\"><testcase classname=\"c\"/></testsuite>";
        String badCount = "<testsuite name=\"s\" tests=\"-1\" failures=\"0\" errors=\"0\"/>";
        for (String bad : List.of(twoEnds, noName, badCount)) {
            assertThrows(SAXException.class, () -> validate(bad), bad);
        }
    }

    @Test
    void anEmptyRunIsStillADocument() throws Exception {
        String xml = JunitXml.render("pcistress stress", List.of());
        validate(xml);
        assertTrue(xml.contains("tests=\"0\""), xml);
    }
}
