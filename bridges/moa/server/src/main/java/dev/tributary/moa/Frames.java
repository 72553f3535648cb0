package dev.tributary.moa;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Little-endian payload frames of the protocol: float64 and int32 arrays. */
final class Frames {
    private Frames() {
    }

    static double[] float64(List<byte[]> payloads, int index, int count, String what) {
        byte[] frame = frame(payloads, index, count, 8, what);
        double[] out = new double[count];
        ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }

    static int[] int32(List<byte[]> payloads, int index, int count, String what) {
        byte[] frame = frame(payloads, index, count, 4, what);
        int[] out = new int[count];
        ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        return out;
    }

    static byte[] bytesOf(double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        return buffer.array();
    }

    private static byte[] frame(List<byte[]> payloads, int index, int count, int width, String what) {
        if (index >= payloads.size()) {
            throw new BridgeException("INVALID_DATA", "missing payload frame " + (index + 1) + " (" + what + ", " + count + " values)");
        }
        byte[] frame = payloads.get(index);
        if ((long) count * width != frame.length) {
            throw new BridgeException("INVALID_DATA", "payload frame " + (index + 1) + " (" + what + ") has " + frame.length + " bytes, expected " + ((long) count * width) + " (" + count + " values of " + width + " bytes)");
        }
        return frame;
    }
}
