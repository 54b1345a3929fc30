package org.linedesk.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server on loopback that refuses recipients the way real ones do, which GreenMail cannot:
 * {@code RCPT TO} an address starting with "unknown" gets "550 5.1.1 … user unknown", one starting
 * with "busy" gets "451 4.3.0 … try again later", a message containing "X-Refuse-Data" gets "554 5.7.1"
 * after DATA; everything else is accepted and kept in {@link #accepted()} (the recipients of each mail).
 */
public final class RefusingSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread acceptor;
    private final List<List<String>> accepted = new CopyOnWriteArrayList<>();

    public RefusingSmtpServer() throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "refusing-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public List<List<String>> accepted() {
        return accepted;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                converse(client);
            } catch (IOException e) {
                // the socket closed (end of test) or the client hung up: take the next one
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
        reply(out, "220 refusing.test ESMTP ready");
        List<String> recipients = new java.util.ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.toUpperCase(java.util.Locale.ROOT);
            if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                reply(out, "250 refusing.test");
            } else if (command.startsWith("MAIL FROM")) {
                recipients.clear();
                reply(out, "250 2.1.0 OK");
            } else if (command.startsWith("RCPT TO")) {
                String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                if (address.startsWith("unknown")) {
                    reply(out, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
                } else if (address.startsWith("busy")) {
                    reply(out, "451 4.3.0 <" + address + ">: Mailbox busy, try again later");
                } else {
                    recipients.add(address);
                    reply(out, "250 2.1.5 OK");
                }
            } else if (command.startsWith("DATA")) {
                reply(out, "354 End data with <CR><LF>.<CR><LF>");
                boolean refuse = false;
                String data;
                while ((data = in.readLine()) != null && !data.equals(".")) {
                    refuse |= data.startsWith("X-Refuse-Data");
                }
                if (refuse) {
                    reply(out, "554 5.7.1 Message rejected as spam");
                } else {
                    accepted.add(List.copyOf(recipients));
                    reply(out, "250 2.0.0 queued");
                }
            } else if (command.startsWith("RSET") || command.startsWith("NOOP")) {
                recipients.clear();
                reply(out, "250 2.0.0 OK");
            } else if (command.startsWith("QUIT")) {
                reply(out, "221 2.0.0 Bye");
                return;
            } else {
                reply(out, "502 5.5.2 Command not implemented");
            }
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join(5000); // gone for sure: a test that stops the server expects connections refused
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
