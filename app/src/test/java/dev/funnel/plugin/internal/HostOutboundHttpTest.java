package dev.funnel.plugin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.plugin.api.OutboundRequest;
import dev.funnel.plugin.api.OutboundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A receiver cannot hold a plugin's call for longer than its time limit, however it answers: an endless answer is
 * cut after the 64 KB kept, and one trickled a byte at a time is cut at the deadline.
 */
class HostOutboundHttpTest {

    final HostOutboundHttp http = new HostOutboundHttp(new DestinationPolicy("127.0.0.1/32"));
    final AtomicLong bytesSent = new AtomicLong();
    ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        http.destroy();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void an_endless_answer_is_kept_to_64_kb_and_not_read_further() throws Exception {
        receiver((out) -> {
            byte[] chunk = new byte[8192];
            while (true) {
                out.write(Integer.toHexString(chunk.length).getBytes(StandardCharsets.US_ASCII));
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                bytesSent.addAndGet(chunk.length);
            }
        });

        long started = System.nanoTime();
        OutboundResponse response = http.send(request(Duration.ofSeconds(10)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).hasSize(HostOutboundHttp.BODY_KEPT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        Thread.sleep(300);
        assertThat(bytesSent.get()).as("the rest was not drained").isLessThan(16L * 1024 * 1024);
    }

    @Test
    void an_answer_trickled_a_byte_at_a_time_is_cut_at_the_deadline() throws Exception {
        receiver((out) -> {
            while (true) {
                out.write('1');
                out.write("\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(200);
            }
        });

        long started = System.nanoTime();
        assertThatThrownBy(() -> http.send(request(Duration.ofSeconds(2))))
                .isInstanceOf(SocketTimeoutException.class).hasMessageContaining("within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
    }

    private OutboundRequest request(Duration timeout) {
        return new OutboundRequest("POST", URI.create("http://127.0.0.1:" + server.getLocalPort() + "/hook"),
                Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8), timeout);
    }

    interface Body {
        void write(OutputStream out) throws Exception;
    }

    /** A receiver that reads the request's head and answers 200 with a chunked body written by the test. */
    private void receiver(Body body) throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket client = server.accept()) {
                InputStream in = client.getInputStream();
                int matched = 0;
                while (matched < 4) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
                }
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                body.write(out);
            } catch (Exception closedByTheClient) {
                // the client cut the exchange: what the test expects
            }
        }, "receiver");
        thread.setDaemon(true);
        thread.start();
    }
}
