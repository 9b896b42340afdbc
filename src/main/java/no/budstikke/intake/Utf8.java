package no.budstikke.intake;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/** Finds the first byte that breaks UTF-8, so the sender is told where, not just that. */
final class Utf8 {

    private Utf8() {
    }

    static OptionalLong firstInvalidByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) return OptionalLong.of(in.position());
            if (result.isUnderflow()) break;
            out.clear();
        }
        CoderResult flush = decoder.flush(out);
        return flush.isError() ? OptionalLong.of(in.position()) : OptionalLong.empty();
    }
}
