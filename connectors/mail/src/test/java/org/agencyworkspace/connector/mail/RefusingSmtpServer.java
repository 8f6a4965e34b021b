package org.agencyworkspace.connector.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP peer that refuses, for the replies GreenMail never gives: it greets with
 * {@code greeting} and answers every RCPT TO with {@code rcptReply} (RFC 5321 4.2, 4.3.2). Counts
 * DATA commands, which must never come after a refusal.
 */
final class RefusingSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final String greeting;
    private final String rcptReply;
    private final AtomicInteger dataCommands = new AtomicInteger();
    private final Thread thread;

    RefusingSmtpServer(String greeting, String rcptReply) throws IOException {
        this.socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.greeting = greeting;
        this.rcptReply = rcptReply;
        this.thread = new Thread(this::serve, "refusing-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    int dataCommands() {
        return dataCommands.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept();
                    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                    PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                reply(out, greeting);
                if (!greeting.startsWith("2")) {
                    continue;
                }
                for (String line; (line = in.readLine()) != null; ) {
                    String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
                    switch (verb) {
                        case "EHLO", "HELO" -> reply(out, "250 refusing.test");
                        case "MAIL", "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
                        case "RCPT" -> reply(out, rcptReply);
                        case "DATA" -> {
                            dataCommands.incrementAndGet();
                            reply(out, "554 5.5.1 no valid recipients");
                        }
                        case "QUIT" -> {
                            reply(out, "221 2.0.0 bye");
                            client.close();
                        }
                        default -> reply(out, "502 5.5.2 not implemented");
                    }
                }
            } catch (IOException connectionOver) {
                // the client hung up, or close() stopped the server: the loop condition decides
            }
        }
    }

    private static void reply(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
