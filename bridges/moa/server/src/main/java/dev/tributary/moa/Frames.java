package dev.tributary.moa;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.util.List;

/**
 * Little-endian payload frames of the protocol: float64 and int32 arrays, read and written
 * through buffer views over the frames' bytes, so rows go from the received frame straight into
 * MOA instances and probabilities straight into the reply frame, with no intermediate arrays.
 */
final class Frames {
    private Frames() {
    }

    /** A read view of frame `index` holding exactly `count` float64 values. */
    static DoubleBuffer float64(List<byte[]> payloads, int index, int count, String what) {
        return ByteBuffer.wrap(frame(payloads, index, count, 8, what)).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
    }

    /** A read view of frame `index` holding exactly `count` int32 values. */
    static IntBuffer int32(List<byte[]> payloads, int index, int count, String what) {
        return ByteBuffer.wrap(frame(payloads, index, count, 4, what)).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
    }

    /** A zeroed frame of `count` float64 values and its writable view. */
    static final class Float64Out {
        final byte[] bytes;
        final DoubleBuffer values;

        Float64Out(int count) {
            bytes = new byte[count * 8];
            values = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        }
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
