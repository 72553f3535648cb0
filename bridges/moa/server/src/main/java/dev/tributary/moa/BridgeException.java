package dev.tributary.moa;

import java.io.PrintWriter;
import java.io.StringWriter;

/** A request that failed in a way the client should hear about: becomes an `ok:false` reply. */
final class BridgeException extends RuntimeException {
    /** Protocol error code (common.json#/definitions/error/code). */
    final String code;
    /** The library's own exception text (stack trace with causes), or null. */
    final String libraryTrace;

    BridgeException(String code, String message) {
        this(code, message, null);
    }

    BridgeException(String code, String message, Throwable libraryCause) {
        super(message, libraryCause);
        this.code = code;
        this.libraryTrace = libraryCause == null ? null : traceOf(libraryCause);
    }

    /** Full stack trace of a throwable, causes included, as Java prints it. */
    static String traceOf(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** Message of the innermost cause, which is where MOA states what it rejected. */
    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage();
        return message == null ? root.getClass().getName() : message;
    }
}
