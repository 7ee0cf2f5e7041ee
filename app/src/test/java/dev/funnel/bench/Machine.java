package dev.funnel.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on, for the reports. */
final class Machine {

    private Machine() {
    }

    /** One line: CPUs, model, JVM and OS. */
    static String describe() {
        return String.format("%s CPUs (nproc)%s, %s %s (Java %s), %s %s", nproc(), cpuModel(),
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /** nproc's answer (the CPUs this process may use), or the JVM's when nproc is not there. */
    static String nproc() {
        try {
            Process process = new ProcessBuilder("nproc").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0 && !out.isEmpty()) {
                return out;
            }
        } catch (IOException e) {
            // not on this system: fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Integer.toString(Runtime.getRuntime().availableProcessors());
    }

    /** ", model" from /proc/cpuinfo on Linux, empty elsewhere. */
    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> ", " + line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
