package org.l1embed.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.l1embed.cli.L1embed;
import picocli.CommandLine;

/** The example CI jobs in deploy/ci: each gates on {@code l1embed validate} and publishes its JUnit report. */
class CiGateTest {

    private final SourceTree tree = SourceTree.find();

    @Test
    void gitlabJobRunsTheGateAndPublishesItsReportEvenWhenItFails() {
        JsonNode ci = SourceTree.document(tree.deploy().resolve("ci/gitlab-ci.yml"));
        JsonNode job = ci.path("model-gate");
        String report = reportOf(validateCommands(job.path("script")));
        assertEquals(report, job.path("artifacts").path("reports").path("junit").asText());
        assertEquals("always", job.path("artifacts").path("when").asText());
    }

    @Test
    void githubWorkflowRunsTheGateAndPublishesItsReportEvenWhenItFails() {
        JsonNode wf = SourceTree.document(tree.deploy().resolve("ci/github-actions.yml"));
        JsonNode steps = wf.path("jobs").path("validate").path("steps");
        List<String> runs = new ArrayList<>();
        steps.forEach(s -> runs.add(s.path("run").asText()));
        String report = reportOf(validateCommands(runs));
        boolean published = false;
        for (JsonNode s : steps) {
            if (s.path("with").path("report_paths").asText().equals(report)) {
                published = true;
                assertEquals("always()", s.path("if").asText(), "the report is published when the gate fails too");
            }
        }
        assertTrue(published, "a step publishes " + report);
    }

    /** The {@code l1embed validate} command lines among these script lines. */
    private static List<String> validateCommands(Iterable<?> lines) {
        List<String> out = new ArrayList<>();
        for (Object line : lines) {
            String s = line instanceof JsonNode n ? n.asText() : line.toString();
            if (s.contains("l1embed validate")) {
                out.add(s);
            }
        }
        assertFalse(out.isEmpty(), "no l1embed validate command");
        return out;
    }

    /** Checks the gate's options and returns its --junit-xml file; every command must write the same one. */
    private static String reportOf(List<String> commands) {
        String report = null;
        for (String command : commands) {
            List<String> args = Arrays.asList(command.trim().split("\\s+"));
            assertTrue(args.get(0).endsWith("l1embed") && args.get(1).equals("validate"), command);
            for (String option : List.of("--bundle", "--max-abs-diff", "--min-agreement", "--junit-xml")) {
                int i = args.indexOf(option);
                assertTrue(i > 0 && i + 1 < args.size() && !args.get(i + 1).startsWith("--"), option + " in " + command);
            }
            List<String> unquoted = args.subList(1, args.size()).stream().map(a -> a.replace("\"", "")).toList();
            CommandLine.ParseResult parsed = L1embed.commandLine().parseArgs(unquoted.toArray(String[]::new));
            assertTrue(parsed.hasSubcommand() && parsed.subcommand().commandSpec().name().equals("validate"), command);
            assertTrue(parsed.subcommand().hasMatchedOption("--junit-xml"), command);
            String file = args.get(args.indexOf("--junit-xml") + 1);
            assertTrue(report == null || report.equals(file), command);
            report = file;
        }
        return report;
    }
}
