package org.switchboard.mail.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Decodes body text: declared charset, else UTF-8, else ISO-8859-1 (which cannot fail). */
final class TextDecoder {

    private TextDecoder() {
    }

    /** The decoded text and whether a fallback had to be used. */
    record Decoded(String text, Optional<String> fallback) {
    }

    static Decoded decode(byte[] bytes, String declared) {
        Optional<Charset> declaredCharset = charset(declared);
        for (Charset candidate : List.of(declaredCharset.orElse(StandardCharsets.UTF_8), StandardCharsets.UTF_8)) {
            try {
                String text = candidate.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
                boolean asDeclared = declaredCharset.isPresent() && candidate.equals(declaredCharset.get());
                return new Decoded(text, asDeclared || declared == null && candidate == StandardCharsets.UTF_8
                        ? Optional.empty() : Optional.of(candidate.name()));
            } catch (CharacterCodingException e) {
                // try the next one
            }
        }
        return new Decoded(new String(bytes, StandardCharsets.ISO_8859_1), Optional.of("ISO-8859-1"));
    }

    private static Optional<Charset> charset(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(name.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
