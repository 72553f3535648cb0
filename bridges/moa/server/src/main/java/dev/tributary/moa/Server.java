package dev.tributary.moa;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import moa.classifiers.Classifier;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tools.jackson.databind.JsonNode;
import zmq.msg.MsgAllocatorHeap;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bridge protocol over one ZeroMQ ROUTER socket: one request at a time, in arrival order,
 * each answered with exactly one reply carrying its id (docs/bridge-protocol.md).
 */
final class Server {
    static final String SERVER_VERSION = "0.1.0";

    private final ObjectMapper json = JsonMapper.builder().build();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final SchemaValidator validator;
    private final boolean faultsEnabled;
    private final Map<String, MoaSession> sessions = new HashMap<>();
    private int nextSession = 1;
    private volatile boolean stopping;

    /** A reply: header and binary payload frames. */
    private static final class Reply {
        final byte[] header;
        final List<byte[]> payloads;

        Reply(byte[] header, List<byte[]> payloads) {
            this.header = header;
            this.payloads = payloads;
        }
    }

    Server(SchemaValidator validator, boolean faultsEnabled) {
        this.validator = validator;
        this.faultsEnabled = faultsEnabled;
    }

    /** Binds, prints the ready line on `readyOut`, then serves until `shutdown`. */
    void run(PrintStream readyOut) {
        try (ZContext context = new ZContext()) {
            ZMQ.Socket socket = context.createSocket(SocketType.ROUTER);
            socket.setLinger(0);
            socket.setReceiveTimeOut(1000);
            // Frames above JeroMQ's default threshold (1 MB) would land in direct buffers and be
            // copied again on receive; heap frames are handed over as they are.
            socket.setMsgAllocator(new MsgAllocatorHeap());
            int port = socket.bindToRandomPort("tcp://127.0.0.1");
            ObjectNode ready = nodes.objectNode();
            ready.put("ready", true);
            ready.put("endpoint", "tcp://127.0.0.1:" + port);
            ready.put("protocol", 1);
            ready.put("pid", ProcessHandle.current().pid());
            readyOut.println(json.writeValueAsString(ready));
            readyOut.flush();
            while (!stopping) {
                byte[] identity = socket.recv(0);
                if (identity == null) continue; // receive timeout: look at `stopping` again
                List<byte[]> frames = new ArrayList<>();
                while (socket.hasReceiveMore()) frames.add(socket.recv(0));
                Reply reply = handle(frames);
                socket.sendMore(identity);
                if (reply.payloads.isEmpty()) {
                    socket.send(reply.header, 0);
                } else {
                    socket.sendMore(reply.header);
                    for (int i = 0; i < reply.payloads.size(); i++) {
                        socket.send(reply.payloads.get(i), i + 1 < reply.payloads.size() ? ZMQ.SNDMORE : 0);
                    }
                }
            }
        }
    }

    private Reply handle(List<byte[]> frames) {
        JsonNode request;
        try {
            if (frames.isEmpty()) throw new IllegalArgumentException("no header frame");
            request = json.readTree(frames.get(0));
            if (request == null || !request.isObject()) throw new IllegalArgumentException("the header is not a JSON object");
        } catch (RuntimeException e) {
            return error(null, new BridgeException("INVALID_REQUEST", "request header is not a JSON object: " + e.getMessage()));
        }
        Long id = request.path("id").isIntegralNumber() ? request.path("id").asLong() : null;
        try {
            String envelope = validator.requestProblems("request.json", request);
            if (envelope != null) throw new BridgeException("INVALID_REQUEST", "request header: " + envelope);
            String type = request.get("type").asString();
            boolean debug = type.startsWith("__");
            String schemaFile = debug ? "debug.request.json" : type + ".request.json";
            if ((debug && !faultsEnabled) || !validator.has(schemaFile)) {
                throw new BridgeException("UNKNOWN_TYPE", "unknown request type \"" + type + "\"");
            }
            String problems = validator.requestProblems(schemaFile, request);
            if (problems != null) throw new BridgeException("INVALID_REQUEST", "\"" + type + "\" request: " + problems);
            List<byte[]> payloads = frames.subList(1, frames.size());
            return dispatch(type, id, request, payloads);
        } catch (BridgeException e) {
            return error(id, e);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            return error(id, new BridgeException("INTERNAL", "server error: " + e, e));
        }
    }

    private Reply dispatch(String type, Long id, JsonNode request, List<byte[]> payloads) {
        ObjectNode reply = okHeader(id);
        switch (type) {
            case "hello":
                reply.put("protocol", 1);
                reply.put("library", "moa");
                reply.put("library_version", moaVersion());
                reply.put("server_version", SERVER_VERSION);
                reply.put("language_version", "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
                reply.put("pid", ProcessHandle.current().pid());
                return reply(reply);
            case "list_learners":
                try {
                    reply.set("learners", LearnerCatalog.describeAll(nodes));
                } catch (Exception e) {
                    throw new BridgeException("LIBRARY_ERROR", "could not list MOA's classifiers: " + BridgeException.rootMessage(e), e);
                }
                return reply(reply);
            case "create": {
                String name = request.get("learner").asString();
                String options = optionsOf(request.get("params"));
                StreamHeader stream = StreamHeader.of(request.get("schema"));
                Classifier learner = Learners.create(name, options, request.get("seed").asInt());
                String handle = "s" + nextSession++;
                sessions.put(handle, new MoaSession(name, learner, stream));
                reply.put("session", handle);
                ObjectNode params = reply.putObject("params");
                params.put("options", learner.getOptions().getAsCLIString());
                reply.put("description", Learners.cliOf(learner));
                return reply(reply);
            }
            case "update_schema":
                session(request).updateSchema(StreamHeader.of(request.get("schema")));
                return reply(reply);
            case "prequential": {
                MoaSession s = session(request);
                int n = request.get("n").asInt(), d = request.get("d").asInt(), k = request.get("k").asInt();
                DoubleBuffer x = Frames.float64(payloads, 0, n * d, "x");
                IntBuffer y = Frames.int32(payloads, 1, n, "y");
                DoubleBuffer w = request.path("weighted").asBoolean(false) ? Frames.float64(payloads, 2, n, "w") : null;
                Frames.Float64Out proba = new Frames.Float64Out(n * k);
                s.prequential(x, y, w, n, d, k, proba.values);
                return dataReply(id, new String[] {"predict_cpu_s", "learn_cpu_s"}, new double[] {s.predictCpuSeconds, s.learnCpuSeconds}, proba.bytes);
            }
            case "learn": {
                MoaSession s = session(request);
                int n = request.get("n").asInt(), d = request.get("d").asInt();
                DoubleBuffer x = Frames.float64(payloads, 0, n * d, "x");
                IntBuffer y = Frames.int32(payloads, 1, n, "y");
                DoubleBuffer w = request.path("weighted").asBoolean(false) ? Frames.float64(payloads, 2, n, "w") : null;
                s.learn(x, y, w, n, d);
                return dataReply(id, new String[] {"learn_cpu_s"}, new double[] {s.learnCpuSeconds});
            }
            case "predict": {
                MoaSession s = session(request);
                int n = request.get("n").asInt(), d = request.get("d").asInt(), k = request.get("k").asInt();
                DoubleBuffer x = Frames.float64(payloads, 0, n * d, "x");
                Frames.Float64Out proba = new Frames.Float64Out(n * k);
                s.predict(x, n, d, k, proba.values);
                return dataReply(id, new String[] {"predict_cpu_s"}, new double[] {s.predictCpuSeconds}, proba.bytes);
            }
            case "size": {
                MoaSession s = session(request);
                long bytes;
                try {
                    bytes = s.learner.measureByteSize();
                } catch (RuntimeException | LinkageError e) {
                    bytes = -1; // no size-of agent on the command line
                }
                reply.put("bytes", bytes < 0 ? -1 : bytes);
                return reply(reply);
            }
            case "reset":
                session(request).learner.resetLearning();
                return reply(reply);
            case "close":
                session(request);
                sessions.remove(request.get("session").asString());
                return reply(reply);
            case "shutdown":
                stopping = true;
                return reply(reply);
            case "inprocess_loop": {
                int n = request.get("n").asInt(), d = request.get("d").asInt();
                DoubleBuffer x = Frames.float64(payloads, 0, n * d, "x");
                IntBuffer y = Frames.int32(payloads, 1, n, "y");
                StreamHeader stream = StreamHeader.of(request.get("schema"));
                Classifier learner = Learners.create(request.get("learner").asString(), optionsOf(request.get("params")), request.get("seed").asInt());
                InprocessLoop run = InprocessLoop.run(learner, stream, x, y, n, d);
                reply.put("seconds", run.seconds);
                reply.put("cpu_seconds", run.cpuSeconds);
                reply.put("instances_per_second", run.seconds > 0 ? n / run.seconds : 0);
                reply.put("correct", run.correct);
                return reply(reply);
            }
            case "__crash": {
                int code = request.path("exit_code").asInt(3);
                System.err.println("tributary-moa-server: __crash requested, exiting with status " + code);
                System.err.flush();
                Runtime.getRuntime().halt(code);
                return reply(reply);
            }
            case "__hang":
                try {
                    Thread.sleep((long) (request.path("seconds").asDouble(3600) * 1000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return reply(reply);
            case "__malformed":
                return new Reply("this is not JSON {".getBytes(StandardCharsets.UTF_8), List.of());
            default:
                throw new BridgeException("UNKNOWN_TYPE", "unknown request type \"" + type + "\"");
        }
    }

    private MoaSession session(JsonNode request) {
        String handle = request.get("session").asString();
        MoaSession s = sessions.get(handle);
        if (s == null) throw new BridgeException("UNKNOWN_SESSION", "no session \"" + handle + "\" (closed, or never created on this server)");
        return s;
    }

    /** MOA takes `{"options": "<MOA option string>"}`; nothing else is a MOA parameter. */
    private static String optionsOf(JsonNode params) {
        for (String name : params.propertyNames()) {
            if (!"options".equals(name)) {
                throw new BridgeException("INVALID_PARAMS", "MOA learners take params {\"options\": \"<MOA option string>\"}, e.g. {\"options\": \"-g 100 -c 0.01\"}; got a parameter \"" + name + "\"");
            }
        }
        JsonNode options = params.get("options");
        if (options == null || options.isNull()) return "";
        if (!options.isString()) throw new BridgeException("INVALID_PARAMS", "params.options must be a string of MOA options, got " + options);
        return options.asString();
    }

    private ObjectNode okHeader(Long id) {
        ObjectNode header = nodes.objectNode();
        header.put("v", 1);
        if (id == null) header.putNull("id");
        else header.put("id", id);
        header.put("ok", true);
        return header;
    }

    /**
     * The success reply of a data message (prequential, learn, predict), its header written by
     * hand: these are the replies sent again and again, and Jackson's serializer costs hundreds of
     * µs a call until the JIT has compiled it. Field names are plain ASCII; a non-finite number,
     * which no CPU time is, goes through Jackson instead.
     */
    private Reply dataReply(Long id, String[] names, double[] values, byte[]... payloads) {
        StringBuilder header = new StringBuilder(96).append("{\"v\":1,\"id\":").append(id).append(",\"ok\":true");
        for (int i = 0; i < names.length; i++) {
            if (!Double.isFinite(values[i])) {
                ObjectNode node = okHeader(id);
                for (int j = 0; j < names.length; j++) node.put(names[j], values[j]);
                return reply(node, payloads);
            }
            header.append(",\"").append(names[i]).append("\":").append(values[i]);
        }
        return new Reply(header.append('}').toString().getBytes(StandardCharsets.US_ASCII), List.of(payloads));
    }

    private Reply reply(ObjectNode header, byte[]... payloads) {
        return new Reply(json.writeValueAsBytes(header), List.of(payloads));
    }

    private Reply error(Long id, BridgeException e) {
        ObjectNode header = nodes.objectNode();
        header.put("v", 1);
        if (id == null) header.putNull("id");
        else header.put("id", id);
        header.put("ok", false);
        ObjectNode error = header.putObject("error");
        error.put("code", e.code);
        error.put("message", e.getMessage());
        if (e.libraryTrace != null) error.put("library_trace", e.libraryTrace);
        if (!"INVALID_PARAMS".equals(e.code) && !"UNKNOWN_LEARNER".equals(e.code) && !"INVALID_DATA".equals(e.code)) {
            System.err.println("tributary-moa-server: " + e.code + ": " + e.getMessage());
        }
        return new Reply(json.writeValueAsBytes(header), List.of());
    }

    /** MOA's Maven version, from the pom.properties inside its jar. */
    static String moaVersion() {
        try (InputStream in = Classifier.class.getResourceAsStream("/META-INF/maven/nz.ac.waikato.cms.moa/moa/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null) return v;
            }
        } catch (Exception ignored) {
            // fall back to the version MOA prints in its banner
        }
        return moa.core.Globals.versionString.trim();
    }
}
