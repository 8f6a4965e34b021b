package org.agencyworkspace.connector.documents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's qpdf and poppler-utils, as deploy/local installs them: an independent PDF checker and
 * text extractor. A missing tool fails the test with the command that installs it.
 */
final class PdfTools {

    record Result(int exitCode, String output) {
    }

    private PdfTools() {
    }

    /** {@code qpdf --check}: exit 0 means no errors, 3 means warnings only. */
    static Result qpdfCheck(Path pdf) {
        return run(List.of(require("qpdf"), "--check", pdf.toString()));
    }

    /** The text pdftotext extracts from page {@code page} (1-based). */
    static String pdftotext(Path pdf, int page) {
        Result result = run(List.of(require("pdftotext"), "-enc", "UTF-8", "-f", String.valueOf(page),
                "-l", String.valueOf(page), pdf.toString(), "-"));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("pdftotext failed on " + pdf + ": " + result.output());
        }
        return result.output();
    }

    /** The absolute path of {@code tool} on the PATH. */
    static String require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(tool + " is not installed: run `bin/workspace stack up libreoffice` "
                + "(it installs Debian qpdf and poppler-utils)");
    }

    static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
