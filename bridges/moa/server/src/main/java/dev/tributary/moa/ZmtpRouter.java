package dev.tributary.moa;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The server's ZeroMQ ROUTER socket: ZMTP 3.0 with the NULL security mechanism (the wire format
 * of every ZeroMQ library, see rfc.zeromq.org/spec/23) over loopback TCP, spoken by the request
 * thread itself. A library such as JeroMQ moves every message through an I/O thread and a
 * mailbox, a handoff per message each way; on a loaded machine those handoffs cost about as
 * much CPU as learning a thousand rows (docs/bridge-protocol.md, "Measured efficiency").
 *
 * <p>Like a ROUTER it accepts any number of DEALER (or REQ, ROUTER) peers; a message is
 * answered on the connection it came from, and a reply to a peer that has gone is dropped.
 * Messages are returned one at a time, in the order their last frame arrived.
 */
final class ZmtpRouter implements AutoCloseable {
    /** Largest frame accepted: a Java array. */
    private static final long MAX_FRAME = Integer.MAX_VALUE - 16;
    private static final int GREETING_SIZE = 64;
    private static final byte FLAG_MORE = 1;
    private static final byte FLAG_LONG = 2;
    private static final byte FLAG_COMMAND = 4;

    private final Selector selector;
    private final ServerSocketChannel listener;
    private final ArrayDeque<Message> received = new ArrayDeque<>();

    /** A complete message and the peer it came from. */
    static final class Message {
        final Peer from;
        final List<byte[]> frames;

        Message(Peer from, List<byte[]> frames) {
            this.from = from;
            this.frames = frames;
        }
    }

    /** Binds to a free port on the loopback interface. */
    ZmtpRouter() throws IOException {
        selector = Selector.open();
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
    }

    int port() throws IOException {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    /** The next complete message, waiting at most `timeoutMs`; null when none came. */
    Message receive(long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (received.isEmpty()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) return null;
            selector.select(left);
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                if (!key.isValid()) continue;
                if (key.isAcceptable()) {
                    accept();
                } else if (key.isReadable()) {
                    ((Peer) key.attachment()).readAvailable();
                }
            }
        }
        return received.poll();
    }

    /** Sends a multipart message to `to`, blocking until it is written; dropped if the peer has gone. */
    void send(Peer to, List<byte[]> frames) {
        to.send(frames);
    }

    @Override
    public void close() throws IOException {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Peer) ((Peer) key.attachment()).close();
        }
        listener.close();
        selector.close();
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = listener.accept()) != null) {
            channel.configureBlocking(false);
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            Peer peer = new Peer(channel);
            peer.key = channel.register(selector, SelectionKey.OP_READ, peer);
            // The whole greeting at once: a ZMTP 3 peer reads it in whatever pieces it likes.
            peer.write(new ByteBuffer[] {ByteBuffer.wrap(greeting())});
        }
    }

    /** Signature, version 3.0, mechanism NULL, not as-server, zero filler. */
    private static byte[] greeting() {
        byte[] g = new byte[GREETING_SIZE];
        g[0] = (byte) 0xFF;
        g[9] = 0x7F;
        g[10] = 3;
        g[11] = 0;
        byte[] mechanism = "NULL".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(mechanism, 0, g, 12, mechanism.length);
        return g;
    }

    /** READY with the one property ROUTER peers check, Socket-Type. */
    private static byte[] readyCommand() {
        byte[] name = "READY".getBytes(StandardCharsets.US_ASCII);
        byte[] property = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
        byte[] value = "ROUTER".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer body = ByteBuffer.allocate(1 + name.length + 1 + property.length + 4 + value.length);
        body.put((byte) name.length).put(name).put((byte) property.length).put(property).putInt(value.length).put(value);
        ByteBuffer frame = ByteBuffer.allocate(2 + body.capacity());
        frame.put(FLAG_COMMAND).put((byte) body.capacity()).put(body.array());
        return frame.array();
    }

    /** One connection: its handshake state, the frame being read, the message being assembled. */
    final class Peer {
        private final SocketChannel channel;
        private SelectionKey key;
        private Selector writeWaiter;
        /** Bytes read but not parsed yet; kept in write mode between reads. */
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        private boolean greeted;
        private boolean ready;
        private boolean closed;
        /** The frame whose body is being read (null between frames), its flags and fill level. */
        private byte[] body;
        private int bodyFilled;
        private byte bodyFlags;
        private List<byte[]> frames = new ArrayList<>();

        Peer(SocketChannel channel) {
            this.channel = channel;
        }

        /** Reads what the socket holds and queues every message it completes. */
        void readAvailable() {
            try {
                while (!closed) {
                    if (body != null && bodyFilled < body.length && in.position() == 0) {
                        // A large body goes straight into its array, not through `in`.
                        int n = channel.read(ByteBuffer.wrap(body, bodyFilled, body.length - bodyFilled));
                        if (n < 0) {
                            close();
                            return;
                        }
                        if (n == 0) return;
                        bodyFilled += n;
                        if (bodyFilled == body.length) completeFrame();
                        continue;
                    }
                    int n = channel.read(in);
                    if (n < 0) {
                        close();
                        return;
                    }
                    in.flip();
                    parse();
                    in.compact();
                    if (n == 0) return;
                }
            } catch (IOException | RuntimeException e) {
                close();
            }
        }

        /** Consumes complete units (greeting, frame headers, bodies) from `in`, in read mode. */
        private void parse() throws IOException {
            while (!closed) {
                if (!greeted) {
                    if (in.remaining() < GREETING_SIZE) return;
                    byte[] g = new byte[GREETING_SIZE];
                    in.get(g);
                    String mechanism = new String(g, 12, 20, StandardCharsets.US_ASCII).replace("\0", "");
                    if ((g[0] & 0xFF) != 0xFF || g[9] != 0x7F || g[10] < 3 || !"NULL".equals(mechanism)) {
                        close(); // not ZMTP 3 with NULL security
                        return;
                    }
                    greeted = true;
                    write(new ByteBuffer[] {ByteBuffer.wrap(readyCommand())});
                    continue;
                }
                if (body != null) {
                    int n = Math.min(in.remaining(), body.length - bodyFilled);
                    in.get(body, bodyFilled, n);
                    bodyFilled += n;
                    if (bodyFilled < body.length) return;
                    completeFrame();
                    continue;
                }
                if (in.remaining() < 2) return;
                byte flags = in.get(in.position());
                long size;
                if ((flags & FLAG_LONG) != 0) {
                    if (in.remaining() < 9) return;
                    in.get();
                    size = in.getLong();
                } else {
                    in.get();
                    size = in.get() & 0xFF;
                }
                if (size < 0 || size > MAX_FRAME) {
                    close();
                    return;
                }
                body = new byte[(int) size];
                bodyFilled = 0;
                bodyFlags = flags;
                if (size == 0) completeFrame();
            }
        }

        private void completeFrame() {
            byte[] frame = body;
            byte flags = bodyFlags;
            body = null;
            if ((flags & FLAG_COMMAND) != 0) {
                command(frame);
                return;
            }
            if (!ready) {
                close(); // a message before the handshake ended
                return;
            }
            frames.add(frame);
            if ((flags & FLAG_MORE) == 0) {
                received.add(new Message(this, frames));
                frames = new ArrayList<>();
            }
        }

        /** READY ends the handshake, ERROR ends the connection; other commands (3.1's PING) are ignored. */
        private void command(byte[] frame) {
            int nameLength = frame.length > 0 ? Math.min(frame[0] & 0xFF, frame.length - 1) : 0;
            String name = new String(frame, 1, nameLength, StandardCharsets.US_ASCII);
            if ("READY".equals(name) && !ready) {
                String socketType = property(frame, 1 + nameLength, "Socket-Type");
                if (socketType == null || !(socketType.equals("DEALER") || socketType.equals("REQ") || socketType.equals("ROUTER"))) {
                    close(); // ROUTER talks to these only
                    return;
                }
                ready = true;
            } else if ("ERROR".equals(name)) {
                close();
            }
        }

        /** A property of a READY command's metadata, or null. */
        private String property(byte[] frame, int offset, String wanted) {
            ByteBuffer b = ByteBuffer.wrap(frame);
            int at = offset;
            while (at < frame.length) {
                int nameLength = frame[at] & 0xFF;
                if (at + 1 + nameLength + 4 > frame.length) return null;
                String name = new String(frame, at + 1, nameLength, StandardCharsets.US_ASCII);
                int valueLength = b.getInt(at + 1 + nameLength);
                int valueAt = at + 1 + nameLength + 4;
                if (valueLength < 0 || valueAt + valueLength > frame.length) return null;
                if (name.equalsIgnoreCase(wanted)) return new String(frame, valueAt, valueLength, StandardCharsets.US_ASCII);
                at = valueAt + valueLength;
            }
            return null;
        }

        void send(List<byte[]> message) {
            if (closed) return;
            ByteBuffer[] parts = new ByteBuffer[message.size() * 2];
            for (int i = 0; i < message.size(); i++) {
                byte[] frame = message.get(i);
                byte more = i + 1 < message.size() ? FLAG_MORE : 0;
                ByteBuffer header;
                if (frame.length > 255) {
                    header = ByteBuffer.allocate(9).put((byte) (more | FLAG_LONG)).putLong(frame.length);
                } else {
                    header = ByteBuffer.allocate(2).put(more).put((byte) frame.length);
                }
                parts[2 * i] = header.flip();
                parts[2 * i + 1] = ByteBuffer.wrap(frame);
            }
            write(parts);
        }

        /** Writes everything, waiting for the socket to drain when it is full; a failure closes the peer. */
        private void write(ByteBuffer[] parts) {
            try {
                int last = parts.length - 1;
                while (!closed && parts[last].hasRemaining()) {
                    if (channel.write(parts) > 0) continue;
                    if (writeWaiter == null) {
                        writeWaiter = Selector.open();
                        channel.register(writeWaiter, SelectionKey.OP_WRITE);
                    }
                    writeWaiter.select(1000);
                    writeWaiter.selectedKeys().clear();
                }
            } catch (IOException | RuntimeException e) {
                close();
            }
        }

        void close() {
            if (closed) return;
            closed = true;
            if (key != null) key.cancel();
            try {
                if (writeWaiter != null) writeWaiter.close();
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
