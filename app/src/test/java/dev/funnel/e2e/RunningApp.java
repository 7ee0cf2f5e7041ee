package dev.funnel.e2e;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The production jar of the distribution, started as a real process the way an administrator starts it. */
final class RunningApp implements AutoCloseable {

    static final Path DIST = Path.of(System.getProperty("funnel.dist", "target/dist"));

    private final Process process;
    private final Path log;
    final int port;

    private RunningApp(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static RunningApp start(Map<String, String> environment) throws IOException {
        return start(environment, java.util.List.of());
    }

    /** @param jvmOptions options for the JVM, such as a heap limit, before {@code -jar} */
    static RunningApp start(Map<String, String> environment, java.util.List<String> jvmOptions) throws IOException {
        int port = freePort();
        Path log = Files.createTempFile("funnel-e2e", ".log");
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add("java");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(DIST.resolve("funnel.jar").toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                // started from elsewhere on purpose: plugins/ must be found beside the jar, not in the working folder
                .directory(Files.createTempDirectory("funnel-e2e-cwd").toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("FUNNEL_PORT", String.valueOf(port));
        builder.environment().putAll(environment);
        return new RunningApp(builder.start(), log, port);
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Waits until the login page answers, failing early if the process dies. */
    void awaitReady(Duration limit) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Funnel exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl() + "/login").toURL().openConnection();
                connection.setConnectTimeout(1000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Funnel did not start within " + limit + ":\n" + output());
    }

    /**
     * Waits until the log holds one of the texts, failing early if the process dies: what runs after start-up
     * (the demo data) is not done when the login page first answers.
     */
    void awaitLog(Duration limit, String... texts) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            String output = output();
            if (java.util.Arrays.stream(texts).anyMatch(output::contains)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Funnel exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Funnel did not log any of " + java.util.Arrays.toString(texts) + " within "
                + limit + ":\n" + output());
    }

    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Funnel is still running after " + limit);
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** Kills the process at once (SIGKILL), as a power cut or the OOM killer would: nothing runs on the way out. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
